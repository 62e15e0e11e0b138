// The printable receipt and return receipt: content in the reader's language (seller, lines
// with VAT rate and amount, totals, payment, fiscal receipt), no site chrome, and what comes
// out of the printer on A4 and on an 80 mm roll; on a phone it fits the screen.
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
/** Money compared without spaces: Chromium's ICU and Node's place them differently. */
const bare = (s: string | null) => (s ?? '').replace(/\s/g, '');
const amount = (tiyn: number, locale: Locale) => bare(formatMoney(tiyn, locale));
const PT_PER_MM = 72 / 25.4;
const PX_PER_MM = 96 / 25.4;

/** The pages of a PDF Chromium printed, with their sizes in millimetres. */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
  return boxes.map((m) => ({ width: Number(m[1]) / PT_PER_MM, height: Number(m[2]) / PT_PER_MM }));
}

describe.skipIf(!hasChromium)('printable receipts', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: Api;
  let desk: Api;
  let orderId = '';
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    desk = await apiAs(server.url, BOX_OFFICE);
    const { id, areaId } = await createPerformance(manager, 'Receipt evening');
    const hold = await desk.post(`/hubs/${HUB}/performances/${id}/holds`, {
      seats: ['stalls-A-2', 'stalls-B-4'],
      areas: [{ areaId, quantity: 1 }],
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const sold = await desk.post(`/hubs/${HUB}/orders`, {
      holdId: (hold.body as { id: string }).id,
      buyer: {},
      payment: { provider: 'desk', method: 'card' },
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    orderId = (sold.body as { id: string }).id;
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
    await p.goto(`/orders/${orderId}/receipt?hub=${HUB}${query}`);
    await p.locator('[data-testid="receipt-sheet"]').waitFor();
  };
  const text = async (p: Page, testid: string) =>
    (await p.locator(`[data-testid="${testid}"]`).textContent()) ?? '';

  it('shows the sale receipt with VAT per line, totals, payment and fiscal receipt, and no site chrome', async () => {
    await open(page, '&lang=en');
    const sheet = page.locator('[data-testid="receipt-sheet"]');
    await expect.poll(() => sheet.locator('h1').textContent()).toBe(t('en', 'receipt.title'));
    await expect(text(page, 'receipt-seller')).resolves.toContain('ÓzgeEpic');
    const lines = await page.locator('[data-testid="receipt-line"]').allInnerTexts();
    expect(lines).toHaveLength(3);
    // Each line: what, with its seat placed by section; its VAT rate and the VAT inside it.
    expect(lines[0]).toContain('Stalls · Row A · Seat 2');
    expect(lines[1]).toContain('Stalls · Row B · Seat 4');
    expect(lines.every((l) => l.includes('16%'))).toBe(true);
    expect(bare(lines[0] ?? '')).toContain(amount(68_966, 'en')); // 16/116 of 5 000 ₸
    expect(bare(lines[1] ?? '')).toContain(amount(41_379, 'en')); // of 3 000 ₸
    expect(bare(lines[2] ?? '')).toContain(amount(27_586, 'en')); // of 2 000 ₸ standing
    const totals = bare(await text(page, 'receipt-totals'));
    expect(totals).toContain(amount(1_000_000, 'en'));
    expect(totals).toContain(amount(137_931, 'en'));
    expect(await text(page, 'receipt-payments')).toContain(t('en', 'receipt.method.card'));
    expect(await text(page, 'receipt-fiscal')).toMatch(/Fiscal receipt № \d+/);
    // A sheet of its own: no site header, navigation or footer.
    await expect(page.locator('.site-footer, header nav, .skip-link').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'receipt-a4-en');

    // On paper: the toolbar is gone, and the whole receipt fits one A4 page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('[data-testid="receipt-toolbar"]').isVisible()).resolves.toBe(false);
    await expect(sheet.isVisible()).resolves.toBe(true);
    // The width the printer gives the content (A4 less its margins), to look at.
    await page.setViewportSize({ width: Math.round(178 * PX_PER_MM), height: 900 });
    await shoot(page, 'receipt-a4-en-print');
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.width).toBeCloseTo(210, 0);
    expect(pages[0]?.height).toBeCloseTo(297, 0);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('switches the receipt to Russian and to an 80 mm roll from its toolbar, and prints it narrow', async () => {
    await open(page, '');
    await page.locator('[data-testid="receipt-toolbar"] button[data-locale="ru"]').click();
    await expect
      .poll(() => page.locator('[data-testid="receipt-sheet"] h1').textContent())
      .toBe(t('ru', 'receipt.title'));
    await expect(page.locator('[data-testid="receipt-sheet"]').getAttribute('lang')).resolves.toBe('ru');
    await page.locator('[data-testid="receipt-toolbar"] button[data-paper="80mm"]').click();
    await expect.poll(() => page.url()).toContain('paper=80mm');
    const lines = await page.locator('[data-testid="receipt-line"]').allInnerTexts();
    expect(lines[0]).toContain('Партер');
    expect(lines[0]).toContain('Ряд A · Место 2');
    // The column heads stay above the figures on the narrow roll too.
    const heads = await page.locator('[data-testid="receipt-lines"] thead th').allInnerTexts();
    expect(heads).toContain(t('ru', 'receipt.col.vatRate'));
    expect(await text(page, 'receipt-payments')).toContain(t('ru', 'receipt.method.card'));
    const width = await page
      .locator('[data-testid="receipt-sheet"]')
      .evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual((80 * 96) / 25.4);
    await shoot(page, 'receipt-80mm-ru');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.round(74 * PX_PER_MM), height: 900 });
    await shoot(page, 'receipt-80mm-ru-print');
    // One long page 80 mm wide, as a receipt printer takes it.
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.width).toBeCloseTo(80, 0);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('gives the refunded order its return receipt, with the refund receipt number', async () => {
    const refunded = await desk.post(`/hubs/${HUB}/orders/${orderId}/refund`, { reason: 'Changed plans' });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    await open(page, '&kind=refund&lang=kk');
    const sheet = page.locator('[data-testid="receipt-sheet"]');
    await expect(sheet.getAttribute('data-kind')).resolves.toBe('refund');
    await expect.poll(() => sheet.locator('h1').textContent()).toBe(t('kk', 'receipt.titleRefund'));
    expect(bare(await text(page, 'receipt-totals'))).toContain(amount(1_000_000, 'kk'));
    expect(await text(page, 'receipt-fiscal')).toMatch(/№ \d+ фискалдық чек/);
    expect(await text(page, 'receipt-date')).toContain(t('kk', 'receipt.refundedAt', { when: '' }).trim());
    await shoot(page, 'receipt-refund-kk');
    // The sale receipt is still there beside it.
    await open(page, '&lang=en');
    await expect(page.locator('[data-testid="receipt-sheet"]').getAttribute('data-kind')).resolves.toBe(
      'sale',
    );
  });

  it('fits a phone screen in Kazakh, and the buyer reaches it from the order page', async () => {
    const phone = await newPage(browser, server.url, { width: 390, height: 844 });
    await signIn(phone, BOX_OFFICE);
    await phone.goto(`/orders/${orderId}?hub=${HUB}`);
    await phone.locator('.lang-switcher button[data-locale="kk"]').click();
    await phone.locator('[data-testid="print-receipt"]').click();
    await phone.locator('[data-testid="receipt-sheet"]').waitFor();
    await expect
      .poll(() => phone.locator('[data-testid="receipt-sheet"] h1').textContent())
      .toBe(t('kk', 'receipt.title'));
    const lines = await phone.locator('[data-testid="receipt-line"]').allInnerTexts();
    expect(lines[0]).toContain('Stalls · A қатар · 2 орын'); // the test hall names its section in English only
    await expect
      .poll(() => phone.locator('[data-testid="receipt-lines"] thead').textContent())
      .toContain(t('kk', 'receipt.col.vat'));
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(phone)).toEqual([]);
    await shoot(phone, 'receipt-phone-kk');
    // Its return receipt is linked too, now that the order was refunded.
    await phone.goBack();
    await phone.locator('[data-testid="print-return-receipt"]').click();
    await expect
      .poll(() => phone.locator('[data-testid="receipt-sheet"]').getAttribute('data-kind'))
      .toBe('refund');
    await shoot(phone, 'receipt-refund-phone-kk');
    await phone.context().close();
  });
});
