// The box-office desk in the browser: seats and standing places sold for cash and card,
// a refund with a reason, complimentary tickets, errors in the user's language, axe.
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

async function setLocale(page: Page, locale: Locale): Promise<void> {
  await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** Money as the page shows it, compared without spaces: Chromium's ICU and Node's place them differently. */
const money = (text: string | null) => (text ?? '').replace(/\s/g, '');
const amount = (tiyn: number, locale: Locale) => money(formatMoney(tiyn, locale));

async function openDesk(page: Page, title: string, locale: Locale = 'en'): Promise<void> {
  await page.goto(`/back-office/${HUB}/desk`);
  // The language is the account's: set it for this journey.
  await setLocale(page, locale);
  const search = page.locator('[data-testid="desk-picker-search"]');
  await search.waitFor();
  await search.fill(title);
  await expect.poll(() => page.locator('[data-testid="perf-option"]').count()).toBe(1);
  await search.press('Enter');
  await page.locator('[data-testid="sale-panel"]').waitFor();
}

async function seatStatuses(api: Api, performanceId: string): Promise<Record<string, string>> {
  const res = await api.get(`/hubs/${HUB}/performances/${performanceId}/seats`);
  return Object.fromEntries((res.body as { id: string; status: string }[]).map((s) => [s.id, s.status]));
}

describe.skipIf(!hasChromium)('the box-office desk', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: Api;
  let staffApi: Api;
  const title = `Desk journey ${Math.random().toString(36).slice(2, 6)}`;
  let performanceId = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    staffApi = await apiAs(server.url, BOX_OFFICE);
    performanceId = (await createPerformance(manager, title)).id;
  });
  afterAll(async () => {
    await manager?.dispose();
    await staffApi?.dispose();
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  it('sells two seats for cash with F8 (a double press makes one order), prints, then refunds with a reason', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await page.goto(`/back-office/${HUB}`);
    await page.locator('[data-testid="bo-nav-desk"]').waitFor();
    await expect(page.locator('[data-testid="bo-nav-door"]').count()).resolves.toBe(1);
    await page.locator('[data-testid="bo-nav-desk"]').click();
    await openDesk(page, title);

    await page.locator('[data-seat-id="stalls-A-2"]').click();
    await page.locator('[data-seat-id="stalls-A-3"]').click();
    await expect(page.locator('[data-seat-id="stalls-A-2"]').getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    await expect
      .poll(async () => money(await page.locator('[data-testid="cart-total"]').textContent()))
      .toBe(amount(1_000_000, 'en'));
    await shoot(page, 'desk-seats-picked-en');

    // Two presses in a row: the second finds the sale in flight and does nothing.
    await page.keyboard.press('F8');
    await page.keyboard.press('F8');
    const heading = page.locator('[data-testid="sold-heading"]');
    await heading.waitFor();
    const orderNumber = Number((await heading.textContent())?.match(/\d+/)?.[0]);
    expect(orderNumber).toBeGreaterThan(0);
    await expect
      .poll(async () => money(await page.locator('[data-testid="sold-total"]').textContent()))
      .toBe(amount(1_000_000, 'en'));
    // 16% VAT inside each 5 000 ₸ seat is 689.66 ₸ (per line, rounded).
    await expect
      .poll(async () => money(await page.locator('[data-testid="sold-vat"]').textContent()))
      .toContain(amount(137_932, 'en'));
    const seats = await seatStatuses(staffApi, performanceId);
    expect(Object.values(seats).filter((s) => s === 'sold')).toHaveLength(2);
    expect(seats['stalls-A-2']).toBe('sold');
    await shoot(page, 'desk-sold-en');

    const pdf = await page.locator('[data-testid="print-tickets"]').getAttribute('href');
    expect(pdf).toMatch(/\/orders\/[0-9a-f-]{36}\/tickets\.pdf\?lang=en$/);
    const file = await page.request.get(pdf ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    // The printable receipt opens beside the desk.
    const receiptHref = await page.locator('[data-testid="print-receipt"]').getAttribute('href');
    expect(receiptHref).toMatch(/^\/orders\/[0-9a-f-]{36}\/receipt\?hub=astana$/);

    // Next sale with Escape, then the refund of that order found by its number.
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="sale-panel"]').waitFor();
    await page.locator('[data-testid="desk-tab-refund"]').click();
    await page.locator('[data-testid="refund-ref"]').fill(String(orderNumber));
    await page.locator('[data-testid="refund-find"]').click();
    await expect
      .poll(() => page.locator('[data-testid="refund-status"]').textContent())
      .toBe(t('en', 'desk.status.paid'));
    await page.locator('[data-testid="refund-submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="refund-reason-error"]').textContent())
      .toBe(t('en', 'desk.refund.reasonRequired'));
    await shoot(page, 'desk-refund-reason-missing-en');
    await page.locator('[data-testid="refund-reason"]').fill('The buyer fell ill');
    await page.locator('[data-testid="refund-submit"]').click();
    await page.locator('[data-testid="refund-done"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="refund-status"]').textContent())
      .toBe(t('en', 'desk.status.refunded'));
    await shoot(page, 'desk-refunded-en');
    // …and so does the return receipt after the refund.
    await expect(page.locator('[data-testid="print-return-receipt"]').getAttribute('href')).resolves.toBe(
      `${receiptHref}&kind=refund`,
    );
    expect((await seatStatuses(staffApi, performanceId))['stalls-A-2']).toBe('available');

    // The reason is in the audit log.
    const audit = await apiAs(server.url, 'director@astana.ozgeepic.kz');
    const log = JSON.stringify((await audit.get(`/hubs/${HUB}/audit`)).body);
    expect(log).toContain('The buyer fell ill');
    await audit.dispose();
    await page.context().close();
  });

  it('sells standing places and best-available seats by card, in Russian, with the total before paying', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await openDesk(page, title, 'ru');
    const area = page.locator('[data-testid="area-row"]').first();
    await area.locator('button', { hasText: '+' }).click();
    await area.locator('button', { hasText: '+' }).click();
    await page.locator('[data-testid="best-qty"]').fill('2');
    // Best-available seats are priced once held.
    await expect.poll(() => page.locator('[data-testid="cart-total"]').textContent()).toBe('—');
    await page.locator('[data-testid="hold"]').click();
    await page.locator('[data-testid="hold-timer"]').waitFor();
    // two standing (2 × 2 000) and the two best seats, in row A (2 × 5 000) or B (2 × 3 000)
    expect([amount(1_400_000, 'ru'), amount(1_000_000, 'ru')]).toContain(
      money(await page.locator('[data-testid="cart-total"]').textContent()),
    );
    await shoot(page, 'desk-held-ru');
    await page.locator('[data-testid="pay-card"]').click();
    await page.locator('[data-testid="sold-heading"]').waitFor();
    await expect(page.locator('[data-testid="sold-lines"] li').count()).resolves.toBe(4);
    await expect
      .poll(() => page.locator('[data-testid="sold-panel"]').textContent())
      .toContain(t('ru', 'desk.method.card'));
    await shoot(page, 'desk-sold-ru');
    await page.context().close();
  });

  it('issues a complimentary ticket only with a reason (F4), emailing it', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await openDesk(page, title);
    await page.locator('[data-seat-id="stalls-B-1"]').click();
    await page.locator('summary', { hasText: t('en', 'desk.buyer') }).click();
    await page.locator('[data-testid="buyer-email"]').fill('guest@example.kz');
    await page.keyboard.press('F4');
    await page.locator('[data-testid="comp-reason"]').waitFor();
    await page.keyboard.press('F4');
    await page.locator('.comp-reason .field-error').waitFor();
    await page.locator('[data-testid="comp-reason"]').fill('Press: Astana Times');
    await page.locator('[data-testid="comp-reason"]').press('Enter');
    await page.locator('[data-testid="sold-heading"]').waitFor();
    await expect
      .poll(async () => money(await page.locator('[data-testid="sold-total"]').textContent()))
      .toBe(amount(0, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="sold-mail"]').textContent())
      .toContain('guest@example.kz');
    await shoot(page, 'desk-complimentary-en');
    const orderId = await page.locator('[data-testid="sold-order-id"]').textContent();
    const order = (await staffApi.get(`/hubs/${HUB}/orders/${orderId}`)).body as {
      lines: { complimentary: boolean }[];
      status: string;
    };
    expect(order.status).toBe('paid');
    expect(order.lines.every((l) => l.complimentary)).toBe(true);
    await page.context().close();
  });

  it('explains a seat taken meanwhile in the user’s language and offers the map again', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await openDesk(page, title, 'kk');
    await page.locator('[data-seat-id="stalls-B-6"]').click();
    // Someone online holds it first.
    const visitor = await request.newContext({ baseURL: server.url });
    const held = await visitor.post(`/api/v1/hubs/${HUB}/performances/${performanceId}/holds`, {
      data: { seats: ['stalls-B-6'] },
    });
    expect(held.status()).toBe(201);
    await page.locator('[data-testid="pay-cash"]').click();
    const alert = page.locator('[data-testid="sale-panel"] .alert-error');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain(t('kk', 'problem.seat_taken'));
    await expect.poll(() => page.locator('[data-seat-id="stalls-B-6"]').isDisabled()).toBe(true);
    await shoot(page, 'desk-seat-taken-kk');
    await visitor.dispose();
    await page.context().close();
  });

  it('passes axe on the sale and refund screens; works on a phone in Latin Kazakh', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await openDesk(page, title);
    await page.locator('[data-seat-id="stalls-B-4"]').click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('[data-testid="desk-tab-refund"]').click();
    await page.locator('[data-testid="refund-panel"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();

    const phone = await newPage(browser, server.url, { width: 390, height: 844 });
    await signIn(phone, BOX_OFFICE);
    await openDesk(phone, title, 'kk-Latn');
    await phone.locator('[data-seat-id="stalls-B-3"]').click();
    expect(await seriousViolations(phone)).toEqual([]);
    // Nothing wider than the screen but the seat map's own scroll box.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(phone, 'desk-phone-kk-Latn');
    await phone.context().close();
  });
});
