// The printable receipt of an exchange at the desk: the tickets given back with the fiscal refund
// receipt, the new ones with the fiscal sale receipt, and the difference paid; in the reader's
// language, on A4, on an 80 mm roll and on a phone; reached from the order page.
import type { Browser, Page } from 'playwright-core';
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
const bare = (s: string | null) => (s ?? '').replace(/\s/g, '');
const amount = (tiyn: number, locale: Locale) => bare(formatMoney(tiyn, locale));
const PT_PER_MM = 72 / 25.4;

describe.skipIf(!hasChromium)('printable exchange receipt', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: Api;
  let desk: Api;
  let page: Page;
  let orderId = '';
  let exchangeId = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    desk = await apiAs(server.url, BOX_OFFICE);
    const { id } = await createPerformance(manager, 'Exchange evening');
    const hold = await desk.post(`/hubs/${HUB}/performances/${id}/holds`, {
      seats: ['stalls-B-1', 'stalls-B-2'],
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const sold = await desk.post(`/hubs/${HUB}/orders`, {
      holdId: (hold.body as { id: string }).id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    const order = sold.body as { id: string; tickets: { id: string; seatId: string }[] };
    orderId = order.id;
    // B-1 (3 000 ₸) for A-1 (5 000 ₸): 2 000 ₸ more, by card.
    const x = await desk.post(
      `/hubs/${HUB}/orders/${orderId}/exchanges`,
      {
        tickets: [order.tickets.find((tk) => tk.seatId === 'stalls-B-1')?.id],
        performanceId: id,
        seats: ['stalls-A-1'],
        payment: { method: 'card' },
        reason: 'Closer to the stage',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(x.status, JSON.stringify(x.body)).toBe(201);
    exchangeId = (x.body as { exchange: { id: string } }).exchange.id;
    page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
  });
  afterAll(async () => {
    await manager?.dispose();
    await desk?.dispose();
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  const open = async (p: Page, query: string) => {
    await p.goto(`/orders/${orderId}/receipt?hub=${HUB}&kind=exchange&exchange=${exchangeId}${query}`);
    await p.locator('[data-testid="receipt-sheet"]').waitFor();
  };
  const text = async (p: Page, testid: string) =>
    (await p.locator(`[data-testid="${testid}"]`).textContent()) ?? '';

  it('shows what was given back and what was issued, each with its fiscal receipt, and the difference paid', async () => {
    await open(page, '&lang=en');
    const sheet = page.locator('[data-testid="receipt-sheet"]');
    await expect(sheet.getAttribute('data-kind')).resolves.toBe('exchange');
    await expect.poll(() => sheet.locator('h1').textContent()).toBe(t('en', 'receipt.titleExchange'));
    const returned = await text(page, 'exchange-returned-lines');
    expect(returned).toContain('Row B · Seat 1');
    expect(returned).not.toContain('Seat 2');
    expect(await text(page, 'exchange-issued-lines')).toContain('Row A · Seat 1');
    const refund = await text(page, 'exchange-returned-fiscal');
    const sale = await text(page, 'exchange-issued-fiscal');
    expect(refund).toMatch(/Fiscal receipt № \d+/);
    expect(sale).toMatch(/Fiscal receipt № \d+/);
    expect(refund.match(/№ (\d+)/)?.[1]).not.toBe(sale.match(/№ (\d+)/)?.[1]);
    const settlement = bare(await text(page, 'exchange-settlement'));
    expect(settlement).toContain(bare(t('en', 'receipt.exchange.setOff')));
    expect(settlement).toContain(amount(300_000, 'en'));
    expect(settlement).toContain(bare(t('en', 'receipt.exchange.paid')));
    expect(settlement).toContain(`${bare(t('en', 'receipt.method.card'))}·${amount(200_000, 'en')}`);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'exchange-receipt-a4-en');
    // On paper: one A4 page.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(pages).toHaveLength(1);
    expect(Number(pages[0]?.[2]) / PT_PER_MM).toBeCloseTo(297, 0);
    await page.emulateMedia({ media: 'screen' });
  });

  it("says on the order's sale receipt that its tickets were exchanged since", async () => {
    await page.goto(`/orders/${orderId}/receipt?hub=${HUB}&lang=en`);
    await page.locator('[data-testid="receipt-sheet"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="receipt-exchanged"]').textContent())
      .toBe(t('en', 'receipt.exchangedSince'));
  });

  it('prints in Russian on an 80 mm roll', async () => {
    await open(page, '&lang=ru&paper=80mm');
    await expect
      .poll(() => page.locator('[data-testid="receipt-sheet"] h1').textContent())
      .toBe(t('ru', 'receipt.titleExchange'));
    expect(await text(page, 'exchange-returned')).toContain(t('ru', 'receipt.exchange.returned'));
    expect(await text(page, 'exchange-issued-fiscal')).toMatch(/Фискальный чек № \d+/);
    const width = await page
      .locator('[data-testid="receipt-sheet"]')
      .evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual((80 * 96) / 25.4);
    await shoot(page, 'exchange-receipt-80mm-ru');
  });

  it('is linked from the order page and fits a phone in Kazakh; a wrong exchange says so', async () => {
    const phone = await newPage(browser, server.url, { width: 390, height: 844 });
    await signIn(phone, BOX_OFFICE);
    await phone.goto(`/orders/${orderId}?hub=${HUB}`);
    await phone.locator('.lang-switcher button[data-locale="kk"]').click();
    await phone.locator('[data-testid="print-exchange-receipt"]').click();
    await phone.locator('[data-testid="receipt-sheet"]').waitFor();
    await expect
      .poll(() => phone.locator('[data-testid="receipt-sheet"] h1').textContent())
      .toBe(t('kk', 'receipt.titleExchange'));
    expect(await text(phone, 'exchange-returned-fiscal')).toMatch(/№ \d+ фискалдық чек/);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(phone)).toEqual([]);
    await shoot(phone, 'exchange-receipt-phone-kk');
    await phone.goto(`/orders/${orderId}/receipt?hub=${HUB}&kind=exchange&exchange=${orderId}&lang=en`);
    // Said in the reader's language (the page's, not the receipt's).
    await expect
      .poll(() => phone.locator('[data-testid="receipt-none"]').textContent())
      .toBe(t('kk', 'receipt.notExchanged'));
    await phone.context().close();
  });
});
