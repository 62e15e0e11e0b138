// Gift vouchers in the browser: the box office sells one and sees its code; a visitor checks
// its balance, is told a wrong code is wrong, then pays most of an order with it and the rest by
// card; the desk takes what is left on another voucher and cash for the rest; staff find the
// voucher, read its history and void it. Screenshots in two languages and at phone width.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import { t } from '../../src/common/i18n/index.ts';
import { apiAs, createPerformance } from './api.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { noSerious, noSideways, PHONE, setLocale } from './checks.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';

describe.skipIf(!hasChromium)('gift vouchers', () => {
  let server: TestServer;
  let browser: Browser;
  let perf: { id: string; areaId: string };
  let soldCode = '';
  let freeCode = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    perf = await createPerformance(manager, 'Gift voucher evening', 30);
    const free = await manager.post(`/hubs/${HUB}/gift-vouchers`, {
      valueTiyn: 300_000,
      complimentary: { reason: 'Poetry contest prize' },
      recipientName: 'Dias',
    });
    expect(free.status).toBe(201);
    freeCode = (free.body as { code: string }).code;
    await manager.dispose();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  it('the box office sells a voucher and gets a code to hand over', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'boxoffice@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}`);
    await page.locator('[data-testid="bo-nav-vouchers"]').click();
    await page.waitForURL(`**/back-office/${HUB}/vouchers`);
    await setLocale(page, 'en');
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('en', 'offers.vouchers.nav'));
    const form = page.locator('[data-testid="voucher-form"]');
    // A value the form refuses before asking the server.
    await form.locator('[data-testid="voucher-value"]').fill('0');
    await form.locator('[data-testid="voucher-submit"]').click();
    await expect
      .poll(() => form.locator('.field-error').first().textContent())
      .toBe(t('en', 'offers.vouchers.valueRule'));
    await form.locator('[data-testid="voucher-value"]').fill('5 000');
    await form.locator('input[name="voucherBuyer"]').fill('Dana');
    await form.locator('input[name="voucherRecipient"]').fill('Aliya');
    await form.locator('input[name="voucherEmail"]').fill('aliya@example.kz');
    await expect
      .poll(() => form.locator('[data-testid="voucher-submit"]').textContent())
      .toContain(formatMoney(500_000, 'en'));
    await noSerious(page);
    await shoot(page, 'vouchers-form-en');
    await form.locator('[data-testid="voucher-submit"]').click();
    const code = page.locator('[data-testid="voucher-issued-code"]');
    await code.waitFor();
    soldCode = (await code.textContent()) ?? '';
    expect(soldCode).toMatch(/^GV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect
      .poll(() => page.locator('[data-testid="voucher-issued"]').textContent())
      .toContain(t('en', 'offers.vouchers.mailed', { email: 'aliya@example.kz' }));
    // Sold: its fiscal receipt (an advance) is shown to hand over.
    await expect
      .poll(() => page.locator('[data-testid="voucher-fiscal"]').textContent())
      .toMatch(/Fiscal receipt №\d+/);
    await expect.poll(() => page.locator('[data-testid="voucher-row"]').count()).toBeGreaterThanOrEqual(2);
    await noSerious(page);
    await shoot(page, 'vouchers-issued-en');
    await setLocale(page, 'ru');
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('ru', 'offers.vouchers.nav'));
    await shoot(page, 'vouchers-issued-ru');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await noSerious(page);
    await shoot(page, 'vouchers-phone-ru');
    await page.context().close();
  });

  it('anyone checks the balance by the code, in two languages and on a phone', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await page.goto(`/${HUB}/gift-voucher`);
    await setLocale(page, 'kk');
    await page.locator('[data-testid="voucher-check-code"]').fill('GV-AAAA-BBBB-CCCC-DDDD');
    await page.locator('[data-testid="voucher-check-submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="voucher-check"] .field-error').textContent())
      .toBe(t('kk', 'problem.voucher_invalid'));
    await page.locator('[data-testid="voucher-check-code"]').fill(soldCode.toLowerCase());
    await page.locator('[data-testid="voucher-check-submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="voucher-result"]').textContent())
      .toContain(t('kk', 'offers.voucher.left', { amount: formatMoney(500_000, 'kk') }));
    await noSideways(page);
    await noSerious(page);
    await shoot(page, 'voucher-balance-phone-kk');
    await setLocale(page, 'en');
    await expect
      .poll(() => page.locator('[data-testid="voucher-result"]').textContent())
      .toContain(t('en', 'offers.voucher.left', { amount: formatMoney(500_000, 'en') }));
    await shoot(page, 'voucher-balance-phone-en');
    await page.context().close();
  });

  it('a visitor pays most of an order with the voucher and the rest by card', async () => {
    const page = await newPage(browser, server.url);
    await page.goto(`/${HUB}/performances/${perf.id}`);
    await setLocale(page, 'en');
    await page.locator(`[data-testid="area-qty-${perf.areaId}"]`).fill('3');
    await page.locator('[data-testid="hold-submit"]').click();
    await page.locator('[data-testid="held"]').waitFor();
    await page.locator('input[name="email"]').fill('aliya@example.kz');
    const code = page.locator('input[name="voucherCode"]');
    await code.fill('GV-AAAA-BBBB-CCCC-DDDD');
    await page.locator('[data-testid="checkout-submit"]').click();
    const fieldError = page.locator('[data-testid="voucher-code"] .field-error');
    await expect.poll(() => fieldError.textContent()).toBe(t('en', 'problem.voucher_invalid'));
    await expect(code.getAttribute('aria-invalid')).resolves.toBe('true');
    await shoot(page, 'checkout-voucher-wrong-en');
    await setLocale(page, 'ru');
    await expect.poll(() => fieldError.textContent()).toBe(t('ru', 'problem.voucher_invalid'));
    await shoot(page, 'checkout-voucher-wrong-ru');
    await setLocale(page, 'en');

    // Three standing places of 2 000 ₸: the voucher's 5 000 ₸, then 1 000 ₸ by card.
    await code.fill(soldCode);
    await page.locator('[data-testid="checkout-submit"]').click();
    await page.locator('[data-testid="checkout-review"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="voucher-part"]').textContent())
      .toBe(formatMoney(500_000, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="voucher-rest"]').textContent())
      .toBe(formatMoney(100_000, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="pay"]').textContent())
      .toContain(formatMoney(100_000, 'en'));
    await noSerious(page);
    await shoot(page, 'checkout-voucher-part-en');
    await setLocale(page, 'kk-Latn');
    await shoot(page, 'checkout-voucher-part-kk-Latn');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'checkout-voucher-part-phone-kk-Latn');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('[data-testid="pay"]').click();
    await page.waitForURL('**/sandbox-pay/**');
    await expect.poll(() => page.locator('body').textContent()).toContain('1');
    await page.locator('#card').fill('4242 4242 4242 4242');
    await page.locator('button.pay').click();
    await page.waitForURL('**/orders/**');
    await expect
      .poll(() => page.locator('[data-testid="order-status"]').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('paid');
    await expect
      .poll(() => page.locator('[data-testid="voucher-part"]').textContent())
      .toBe(formatMoney(500_000, 'kk-Latn'));
    await noSerious(page);
    await shoot(page, 'order-paid-voucher-kk-Latn');
    await page.context().close();
  });

  it('the desk takes what is left on a voucher and cash for the rest', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'boxoffice@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}/desk?performance=${perf.id}`);
    await setLocale(page, 'en');
    await page.locator('[data-testid="sale-panel"]').waitFor();
    await page.locator(`[data-testid="area-qty-${perf.areaId}"]`).fill('2');
    await page
      .locator('[data-testid="desk-voucher-input"]')
      .fill(freeCode.replaceAll('-', ' ').toLowerCase());
    const info = page.locator('[data-testid="desk-voucher-info"]');
    await expect
      .poll(() => info.textContent())
      .toContain(
        t('en', 'offers.voucher.split', {
          voucher: formatMoney(300_000, 'en'),
          rest: formatMoney(100_000, 'en'),
        }),
      );
    await noSerious(page);
    await shoot(page, 'desk-voucher-en');
    await page.locator('[data-testid="pay-cash"]').click();
    await page.locator('[data-testid="sold-heading"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="voucher-part"]').textContent())
      .toBe(formatMoney(300_000, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="voucher-rest"]').textContent())
      .toBe(formatMoney(100_000, 'en'));
    await setLocale(page, 'ru');
    await shoot(page, 'desk-sold-voucher-ru');
    const orderId = (await page.locator('[data-testid="sold-order-id"]').textContent()) ?? '';
    // The same voucher again: it is empty now, and the desk says so by the field.
    await page.locator('[data-testid="next-sale"]').click();
    await page.locator('[data-testid="sale-panel"]').waitFor();
    await page.locator(`[data-testid="area-qty-${perf.areaId}"]`).fill('1');
    await page.locator('[data-testid="desk-voucher-input"]').fill(freeCode);
    await page.locator('[data-testid="pay-card"]').click();
    await expect
      .poll(() => page.locator('[data-testid="desk-voucher"] .field-error').textContent())
      .toBe(t('ru', 'problem.voucher_empty'));
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'desk-voucher-empty-phone-ru');
    await page.keyboard.press('Escape');

    // A refund puts the voucher's part back on the voucher; the clerk is told before.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('[data-testid="desk-tab-refund"]').click();
    await page.locator('[data-testid="refund-ref"]').fill(orderId);
    await page.locator('[data-testid="refund-find"]').click();
    await expect
      .poll(() => page.locator('[data-testid="voucher-refund-note"]').textContent())
      .toBe(t('ru', 'offers.voucher.refundNote', { amount: formatMoney(300_000, 'ru') }));
    await page.locator('[data-testid="refund-reason"]').fill('Не смогли прийти');
    await page.locator('[data-testid="refund-submit"]').click();
    await page.locator('[data-testid="refund-done"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="voucher-payments"]').textContent())
      .toContain(t('ru', 'offers.voucher.returned'));
    await noSerious(page);
    await shoot(page, 'desk-refund-voucher-ru');
    await page.context().close();
  });

  it('staff find a voucher, read its history, and void it', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'program@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}/vouchers`);
    await setLocale(page, 'en');
    // A program manager gives vouchers free but takes no money.
    await expect(page.locator('[data-testid="voucher-how-cash"]').count()).resolves.toBe(0);
    await page.locator('[data-testid="voucher-find-code"]').fill(soldCode);
    await page.locator('[data-testid="voucher-find"] button[type="submit"]').click();
    const detail = page.locator('[data-testid="voucher-detail"]');
    await detail.waitFor();
    await expect(detail.locator('[data-testid="voucher-entry"]').count()).resolves.toBe(2);
    await expect
      .poll(() => detail.locator('[data-testid="voucher-balance"]').textContent())
      .toBe(
        t('en', 'offers.vouchers.balanceOf', {
          balance: formatMoney(0, 'en'),
          initial: formatMoney(500_000, 'en'),
        }),
      );
    await noSerious(page);
    await shoot(page, 'voucher-history-en');
    await detail.locator('[data-testid="voucher-void"]').click();
    await detail.locator('[data-testid="voucher-void-confirm"]').click();
    await expect
      .poll(() => detail.locator('.field-error').textContent())
      .toBe(t('en', 'validation.required'));
    await detail.locator('input[name="voucherVoidReason"]').fill('Reported lost');
    await detail.locator('[data-testid="voucher-void-confirm"]').click();
    await expect
      .poll(() => detail.locator('h3').textContent())
      .toContain(t('en', 'offers.vouchers.state.void'));
    await expect(detail.locator('[data-testid="voucher-entry"]').count()).resolves.toBe(3);
    await setLocale(page, 'kk');
    await shoot(page, 'voucher-void-kk');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await noSerious(page);
    await shoot(page, 'voucher-void-phone-kk');
    await page.context().close();
  });
});
