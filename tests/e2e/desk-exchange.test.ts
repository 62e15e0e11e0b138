// Exchanges at the box-office desk in the browser: find an order by its number, tick tickets,
// pick new seats at the same or another performance, see the difference, confirm with a reason.
import { randomUUID } from 'node:crypto';
import { type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import { t } from '../../src/common/i18n/index.ts';
import type { Locale } from '../../src/common/locales.ts';
import { type Api, apiAs, createPerformance } from './api.ts';
import { seriousViolations } from './axe.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';
const BOX_OFFICE = 'boxoffice@astana.ozgeepic.kz';

interface Order {
  id: string;
  number: number;
  tickets: { id: string; seatId: string | null; status: string; qr: string }[];
}

const money = (text: string | null) => (text ?? '').replace(/\s/g, '');
const amount = (tiyn: number, locale: Locale) => money(formatMoney(tiyn, locale));

async function setLocale(page: Page, locale: Locale): Promise<void> {
  await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** The refund-and-exchange tab with the order found by its number (typed, as read out by the buyer). */
async function findOrder(page: Page, number: number, locale: Locale): Promise<void> {
  await page.goto(`/back-office/${HUB}/desk?tab=refund`);
  await setLocale(page, locale);
  await page.locator('[data-testid="refund-ref"]').fill(String(number));
  await page.locator('[data-testid="refund-ref"]').press('Enter');
  await page.locator('[data-testid="refund-order"]').waitFor();
}

describe.skipIf(!hasChromium)('exchanges at the box-office desk', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: Api;
  let staffApi: Api;
  const suffix = Math.random().toString(36).slice(2, 6);
  const first = `Exchange from ${suffix}`;
  const second = `Exchange to ${suffix}`;
  let fromId = '';
  let toId = '';
  let toArea = '';

  const sell = async (performanceId: string, seats: string[]): Promise<Order> => {
    const hold = await staffApi.post(`/hubs/${HUB}/performances/${performanceId}/holds`, { seats });
    expect(hold.status).toBe(201);
    const order = await staffApi.post(`/hubs/${HUB}/orders`, {
      holdId: (hold.body as { id: string }).id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(order.status).toBe(201);
    return order.body as Order;
  };
  const seatStatus = async (performanceId: string, seatId: string) =>
    (
      (await staffApi.get(`/hubs/${HUB}/performances/${performanceId}/seats`)).body as {
        id: string;
        status: string;
      }[]
    ).find((s) => s.id === seatId)?.status;
  const scan = async (performanceId: string, qr: string) => {
    const res = await staffApi.post(`/hubs/${HUB}/performances/${performanceId}/checkins`, {
      scans: [
        {
          id: randomUUID(),
          token: qr,
          direction: 'in',
          scannedAt: new Date().toISOString(),
          deviceId: 'door-e2e',
        },
      ],
    });
    return (res.body as { results: { verdict: string }[] }).results[0]?.verdict;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    staffApi = await apiAs(server.url, BOX_OFFICE);
    fromId = (await createPerformance(manager, first)).id;
    const to = await createPerformance(manager, second, 30);
    toId = to.id;
    toArea = to.areaId;
  });
  afterAll(async () => {
    await manager?.dispose();
    await staffApi?.dispose();
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  it('exchanges one of two tickets for a dearer seat at the same performance: the buyer pays the difference by card (F9)', async () => {
    const order = await sell(fromId, ['stalls-A-2', 'stalls-B-2']);
    const old = order.tickets.find((tk) => tk.seatId === 'stalls-B-2');
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await findOrder(page, order.number, 'en');
    await page.locator('[data-testid="exchange-start"]').click();
    await page.locator('[data-testid="exchange-panel"]').waitFor();
    await page.locator('[data-testid="exchange-ticket"][data-seat-id="stalls-B-2"]').check();
    // The same performance to start with: its seat map is there.
    await page.locator('[data-testid="exchange-panel"] [data-seat-id="stalls-A-4"]').click();
    await expect
      .poll(async () => money(await page.locator('[data-testid="exchange-difference"]').textContent()))
      .toContain(amount(200_000, 'en'));
    await shoot(page, 'desk-exchange-picked-en');
    // No reason, no exchange.
    await page.keyboard.press('F9');
    await expect
      .poll(() => page.locator('[data-testid="exchange-reason-error"]').textContent())
      .toBe(t('en', 'desk.exchange.reasonRequired'));
    await page.locator('[data-testid="exchange-reason"]').fill('Wants to sit in the front row');
    await page.keyboard.press('F9');
    await page.locator('[data-testid="exchange-done"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="exchange-done"]').textContent())
      .toContain(t('en', 'desk.method.card'));
    await expect(page.locator('.line-exchanged').count()).resolves.toBe(1);
    // 5 000 + 5 000 ₸ now, of which 2 000 ₸ paid by card at the exchange.
    await expect
      .poll(async () => money(await page.locator('[data-testid="refund-submit"]').textContent()))
      .toContain(amount(1_000_000, 'en'));
    // The exchange's own receipt (given back, issued, their fiscal receipts) is a click away.
    await expect(
      page.locator('[data-testid="print-exchange-receipt"]').getAttribute('href'),
    ).resolves.toMatch(/kind=exchange&exchange=[0-9a-f-]{36}$/);
    await shoot(page, 'desk-exchange-done-en');
    expect(await seatStatus(fromId, 'stalls-B-2')).toBe('available');
    expect(await seatStatus(fromId, 'stalls-A-4')).toBe('sold');
    expect(await scan(fromId, old?.qr ?? '')).toBe('exchanged');
    const after = (await staffApi.get(`/hubs/${HUB}/orders/${order.id}`)).body as Order & {
      payments: { method: string; amountTiyn: number }[];
    };
    expect(after.payments.map((p) => [p.method, p.amountTiyn])).toEqual([
      ['cash', 800_000],
      ['card', 200_000],
    ]);
    const audit = await apiAs(server.url, 'director@astana.ozgeepic.kz');
    expect(JSON.stringify((await audit.get(`/hubs/${HUB}/audit`)).body)).toContain(
      'Wants to sit in the front row',
    );
    await audit.dispose();
    await page.context().close();
  });

  it('moves a ticket to a standing place at another performance, in Russian, handing back the difference in cash', async () => {
    const order = await sell(fromId, ['stalls-A-5']);
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await findOrder(page, order.number, 'ru');
    await page.locator('[data-testid="exchange-start"]').click();
    // One ticket: already ticked.
    await expect(page.locator('[data-testid="exchange-ticket"]').isChecked()).resolves.toBe(true);
    const search = page.locator('[data-testid="exchange-picker-search"]');
    await search.fill(second);
    await expect
      .poll(() => page.locator('[data-testid="exchange-picker"] [data-testid="perf-option"]').count())
      .toBe(1);
    await search.press('Enter');
    const plus = page.locator(`[data-testid="exchange-area-qty-${toArea}"] + button`);
    await plus.click();
    await expect
      .poll(async () => money(await page.locator('[data-testid="exchange-difference"]').textContent()))
      .toContain(amount(300_000, 'ru'));
    await page.locator('[data-testid="exchange-reason"]').fill('Не может прийти в этот день');
    await shoot(page, 'desk-exchange-other-performance-ru');
    await expect
      .poll(async () => money(await page.locator('[data-testid="exchange-cash"]').textContent()))
      .toBe(money(`${t('ru', 'desk.exchange.giveCash', { amount: formatMoney(300_000, 'ru') })}F8`));
    await page.locator('[data-testid="exchange-cash"]').click();
    await page.locator('[data-testid="exchange-done"]').waitFor();
    await shoot(page, 'desk-exchange-done-ru');
    expect(await seatStatus(fromId, 'stalls-A-5')).toBe('available');
    const perf = (await staffApi.get(`/hubs/${HUB}/performances/${toId}`)).body as {
      areas: { available: number }[];
    };
    expect(perf.areas[0]?.available).toBe(19);
    const after = (await staffApi.get(`/hubs/${HUB}/orders/${order.id}`)).body as Order & {
      totalTiyn: number;
    };
    expect(after.totalTiyn).toBe(200_000);
    await page.context().close();
  });

  it('passes axe with the exchange open, fits a phone in Kazakh, and says in Kazakh when the seat was taken meanwhile', async () => {
    const order = await sell(fromId, ['stalls-B-5']);
    const page = await newPage(browser, server.url, { width: 390, height: 844 });
    await signIn(page, BOX_OFFICE);
    await findOrder(page, order.number, 'kk');
    await page.locator('[data-testid="exchange-start"]').click();
    await page.locator('[data-testid="exchange-panel"] [data-seat-id="stalls-B-6"]').click();
    await expect
      .poll(async () => page.locator('[data-testid="exchange-difference"]').textContent())
      .toBe(t('kk', 'desk.exchange.even'));
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(page, 'desk-exchange-phone-kk');
    // Someone online takes the chosen seat first: the clerk is told in their language.
    const visitor = await request.newContext({ baseURL: server.url });
    const held = await visitor.post(`/api/v1/hubs/${HUB}/performances/${fromId}/holds`, {
      data: { seats: ['stalls-B-6'] },
    });
    expect(held.status()).toBe(201);
    await page.locator('[data-testid="exchange-reason"]').fill('Басқа орын сұрады');
    await page.keyboard.press('F8');
    const alert = page.locator('[data-testid="exchange-panel"] .alert-error');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain(t('kk', 'problem.seat_taken'));
    await shoot(page, 'desk-exchange-seat-taken-kk');
    await visitor.dispose();
    // Esc leaves the exchange without changing anything.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="exchange-panel"]').waitFor({ state: 'detached' });
    expect(await seatStatus(fromId, 'stalls-B-5')).toBe('sold');
    await page.context().close();
  });
});
