// Hub settings in the back office: a hub admin enters the hub's legal details (the BIN checked
// by its check digit before anything is sent), and receipts then name the seller with them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import { type Api, apiAs } from './api.ts';
import { seriousViolations } from './axe.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { PHONE, setLocale } from './checks.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';
const DIRECTOR = 'director@astana.ozgeepic.kz';

describe.skipIf(!hasChromium)('hub settings and the seller on receipts', () => {
  let server: TestServer;
  let browser: Browser;
  let director: Api;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    director = await apiAs(server.url, DIRECTOR);
    page = await newPage(browser, server.url);
    await signIn(page, DIRECTOR);
  });
  afterAll(async () => {
    await director?.dispose();
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  const form = () => page.locator('[data-testid="hub-legal-form"]');

  it('shows the settings only to whom may edit the hub', async () => {
    const other = await newPage(browser, server.url);
    await signIn(other, 'program@astana.ozgeepic.kz');
    await other.goto(`/back-office/${HUB}`);
    await other.locator('[data-testid="bo-nav"]').waitFor();
    await expect(other.locator('[data-testid="bo-nav-settings"]').count()).resolves.toBe(0);
    await other.goto(`/back-office/${HUB}/settings`);
    await other.locator('[data-testid="no-access"]').waitFor();
    await expect(other.locator('[data-testid="hub-legal-form"]').count()).resolves.toBe(0);
    await other.context().close();
  });

  it('lets the hub admin correct the legal details, refusing a BIN with a wrong check digit', async () => {
    await page.goto(`/back-office/${HUB}`);
    await page.locator('[data-testid="bo-nav-settings"]').click();
    await page.waitForURL(`**/back-office/${HUB}/settings`);
    await setLocale(page, 'en');
    await expect(form().locator('input[name="bin"]').inputValue()).resolves.toBe('190340018723');
    await expect(form().locator('input[name="legalName.ru"]').inputValue()).resolves.toBe('ТОО «ÓzgeEpic»');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'hub-settings-en');

    // One digit off: the form says so in the reader's language and sends nothing.
    await form().locator('input[name="bin"]').fill('190340018724');
    await form().locator('button[type="submit"]').click();
    await expect
      .poll(() => form().locator('.field-error').first().textContent())
      .toBe(t('en', 'validation.bin'));
    await shoot(page, 'hub-settings-bad-bin-en');
    const unchanged = (await director.get(`/hubs/${HUB}`)).body as { legal: { bin: string } };
    expect(unchanged.legal.bin).toBe('190340018723');

    await form().locator('input[name="bin"]').fill('971240001315');
    await form().locator('input[name="legalName.ru"]').fill('ТОО «ÓzgeEpic Орта Азия»');
    await form().locator('input[name="legalName.kk"]').fill('«ÓzgeEpic Орта Азия» ЖШС');
    await form().locator('input[name="legalName.kk-Latn"]').fill('');
    await form().locator('input[name="legalName.en"]').fill('ÓzgeEpic Central Asia LLP');
    await form().locator('input[name="vatSeries"]').fill('62002');
    await form().locator('button[type="submit"]').click();
    await page.getByText(t('en', 'bo.settings.legalSaved')).waitFor();
    const saved = (await director.get(`/hubs/${HUB}`)).body as {
      legal: { bin: string; name: Record<string, string>; vatCertificate: { series: string } };
    };
    expect(saved.legal.bin).toBe('971240001315');
    // kk-Latn left empty: derived from the Cyrillic.
    expect(saved.legal.name['kk-Latn']).toBe('«ÓzgeEpic Orta Aziia» JŞS');
    expect(saved.legal.vatCertificate.series).toBe('62002');

    await setLocale(page, 'ru');
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('ru', 'bo.settings.title'));
    await shoot(page, 'hub-settings-ru');
    await page.setViewportSize(PHONE);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
      PHONE.width,
    );
    await shoot(page, 'hub-settings-phone-ru');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('names the seller in law on the printable receipt, in the receipt’s language', async () => {
    const event = (await director.get(`/hubs/${HUB}/events/dombyra-keshi`)).body as {
      performances: { id: string; areas: { id: string }[] }[];
    };
    const perf = event.performances[0];
    const hold = await director.post(`/hubs/${HUB}/performances/${perf?.id}/holds`, {
      areas: [{ areaId: perf?.areas[0]?.id, quantity: 2 }],
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const sold = await director.post(`/hubs/${HUB}/orders`, {
      holdId: (hold.body as { id: string }).id,
      buyer: {},
      payment: { provider: 'desk', method: 'cash' },
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    const orderId = (sold.body as { id: string }).id;

    await page.goto(`/orders/${orderId}/receipt?hub=${HUB}&lang=kk`);
    const legal = page.locator('[data-testid="receipt-legal"]');
    await legal.waitFor();
    await expect.poll(() => legal.textContent()).toContain('«ÓzgeEpic Орта Азия» ЖШС');
    await expect
      .poll(() => page.locator('[data-testid="receipt-bin"]').textContent())
      .toBe(t('kk', 'receipt.bin', { bin: '971240001315' }));
    await expect
      .poll(() => page.locator('[data-testid="receipt-vat"]').textContent())
      .toBe(t('kk', 'receipt.vatCertificate', { series: '62002', number: '0047718' }));
    await expect.poll(() => legal.textContent()).toContain('Қабанбай батыр даңғылы, 17');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'receipt-seller-kk');

    await page.locator('[data-testid="receipt-toolbar"] button[data-locale="en"]').click();
    await expect.poll(() => legal.textContent()).toContain('ÓzgeEpic Central Asia LLP');
    await expect
      .poll(() => page.locator('[data-testid="receipt-bin"]').textContent())
      .toBe('BIN 971240001315');
    await expect.poll(() => legal.textContent()).toContain('17 Kabanbay Batyr Avenue');
    await shoot(page, 'receipt-seller-en');
    await page.locator('[data-testid="receipt-toolbar"] button[data-paper="80mm"]').click();
    await page.setViewportSize(PHONE);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
      PHONE.width,
    );
    await shoot(page, 'receipt-seller-80mm-phone-en');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
