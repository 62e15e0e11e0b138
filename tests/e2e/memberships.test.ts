// Memberships in the browser: a program manager takes a plan off sale and puts it back; a
// visitor finds the cards on sale from the hub page, buys one through the sandbox payment page,
// sees the card and its receipt with VAT, finds it under "my membership cards" and gets it by
// mail; the desk sees what the card covers before the sale. Screenshots in several languages
// and at phone width.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import { t } from '../../src/common/i18n/index.ts';
import { vatIncluded } from '../../src/server/modules/box-office/vat.ts';
import { apiAs, apiSession, createPerformance } from './api.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { noSerious, noSideways, PHONE, setLocale } from './checks.ts';
import { messageText } from './mail.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';

describe.skipIf(!hasChromium)('membership cards: on and off sale, bought online, used at the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let program: Awaited<ReturnType<typeof apiSession>>;
  let cardCode = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    program = await apiSession(server.url, 'program@astana.ozgeepic.kz');
    await program('POST', `/hubs/${HUB}/membership-plans`, {
      slug: 'friend-e2e',
      name: { kk: 'ÓzgeEpic досы', ru: 'Друг ÓzgeEpic', en: 'Friend of ÓzgeEpic' },
      kind: 'pass',
      entries: 5,
      validDays: 365,
      priceTiyn: 2_500_000,
    });
    await program('POST', `/hubs/${HUB}/membership-plans`, {
      slug: 'student-e2e',
      name: { kk: 'Студенттік карта', ru: 'Студенческая карта', en: 'Student card' },
      kind: 'discount',
      discountPercent: 50,
      validDays: 180,
      priceTiyn: 150_000,
      proof: { kk: 'Студенттік билет', ru: 'Студенческий билет', en: 'Student ID' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  const onSale = async () =>
    (await program<{ slug: string }[]>('GET', `/hubs/${HUB}/membership-plans`)).map((p) => p.slug);

  it('a program manager takes a plan off sale and puts it back', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'program@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}/offers`);
    await setLocale(page, 'en');
    const row = page.locator('[data-testid="plan-student-e2e"]');
    await row.waitFor();
    await expect
      .poll(() => row.locator('[data-testid="plan-sale"]').textContent())
      .toBe(t('en', 'offers.plan.onSale'));
    await row.locator('[data-testid="plan-toggle"]').click();
    await expect
      .poll(() => row.locator('[data-testid="plan-sale"]').textContent())
      .toBe(t('en', 'offers.plan.offSale'));
    // Still listed for the manager, gone from the public list and the desk.
    await expect
      .poll(() => row.locator('[data-testid="plan-toggle"]').textContent())
      .toContain(t('en', 'offers.plan.putBack'));
    expect(await onSale()).not.toContain('student-e2e');
    await page.reload();
    await row.waitFor();
    await expect
      .poll(() => row.locator('[data-testid="plan-sale"]').textContent())
      .toBe(t('en', 'offers.plan.offSale'));
    await noSerious(page);
    await shoot(page, 'plans-off-sale-en');
    await setLocale(page, 'ru');
    await expect
      .poll(() => row.locator('[data-testid="plan-sale"]').textContent())
      .toBe(t('ru', 'offers.plan.offSale'));
    await shoot(page, 'plans-off-sale-ru');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'plans-off-sale-phone-ru');
    await page.setViewportSize({ width: 1280, height: 900 });

    await row.locator('[data-testid="plan-toggle"]').click();
    await expect
      .poll(() => row.locator('[data-testid="plan-sale"]').textContent())
      .toBe(t('ru', 'offers.plan.onSale'));
    expect(await onSale()).toContain('student-e2e');
    await page.context().close();
  });

  it('a visitor buys a pass online and finds it under "my membership cards" and in the mail', async () => {
    const page = await newPage(browser, server.url);
    const email = `aliya.${Date.now()}@example.kz`;
    // Signed out, the page offers the cards and asks to sign in to buy.
    await page.goto(`/${HUB}`);
    await setLocale(page, 'en');
    await page.locator('[data-testid="memberships-link"]').click();
    await page.waitForURL(`**/${HUB}/memberships`);
    await page.locator('[data-testid="shop-plan-friend-e2e"]').waitFor();
    await page.locator('[data-testid="shop-sign-in"]').waitFor();
    await expect(page.locator('[data-testid="shop-choose"]').count()).resolves.toBe(0);
    await noSerious(page);
    await shoot(page, 'memberships-shop-signed-out-en');

    await page.goto('/sign-up');
    await page.locator('input[name="name"]').fill('Әлия Нұрланқызы');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill('dombyra-2026-kz');
    await page.locator('[data-testid="sign-up-form"] button[type="submit"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();
    await page.goto(`/${HUB}/program`);
    await page.locator('[data-testid="memberships-link"]').click();
    await page.waitForURL(`**/${HUB}/memberships`);
    await setLocale(page, 'en');
    const plan = page.locator('[data-testid="shop-plan-friend-e2e"]');
    await expect.poll(() => plan.textContent()).toContain(t('en', 'offers.plan.entriesCount', { count: 5 }));
    await expect.poll(() => plan.textContent()).toContain(formatMoney(2_500_000, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="shop-plan-student-e2e"]').textContent())
      .toContain('Student ID');
    await noSerious(page);
    await shoot(page, 'memberships-shop-en');
    await setLocale(page, 'kk');
    await shoot(page, 'memberships-shop-kk');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'memberships-shop-phone-kk');
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLocale(page, 'en');

    await plan.locator('[data-testid="shop-choose"]').click();
    const form = plan.locator('[data-testid="shop-buy-form"]');
    await expect(form.locator('input[name="holderName"]').inputValue()).resolves.toBe('Әлия Нұрланқызы');
    // The name on the card is asked for.
    await form.locator('input[name="holderName"]').fill(' ');
    await form.locator('[data-testid="shop-buy"]').click();
    await expect.poll(() => form.locator('.field-error').textContent()).toBe(t('en', 'validation.required'));
    await form.locator('input[name="holderName"]').fill('Aliya Nurlanqyzy');
    await expect.poll(() => form.textContent()).toContain(t('en', 'offers.shop.mailTo', { email }));
    await noSerious(page);
    await shoot(page, 'memberships-buy-form-en');
    await form.locator('[data-testid="shop-buy"]').click();

    // The sandbox payment page, then back to the purchase.
    await page.waitForURL('**/sandbox-pay/**');
    await expect.poll(() => page.locator('body').textContent()).toContain(formatMoney(2_500_000, 'en'));
    await page.locator('#card').fill('4242 4242 4242 4242');
    await page.locator('button.pay').click();
    await page.waitForURL(`**/${HUB}/memberships/purchases/**`);
    const status = page.locator('[data-testid="purchase-status"]');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('paid');
    const card = page.locator('[data-testid="membership-card"]');
    cardCode = (await card.locator('[data-testid="card-code"]').textContent()) ?? '';
    expect(cardCode).toMatch(/^OZ-[A-Z2-9]{8}$/);
    await expect.poll(() => card.locator('[data-testid="card-entries"]').textContent()).toBe('5');
    await expect.poll(() => card.textContent()).toContain('Aliya Nurlanqyzy');
    // The receipt with VAT, and the fiscal receipt once the register has issued it.
    await expect
      .poll(() => page.locator('[data-testid="purchase-total"]').textContent())
      .toBe(formatMoney(2_500_000, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="purchase-vat"]').textContent())
      .toBe(formatMoney(vatIncluded(2_500_000, 1600), 'en'));
    await expect
      .poll(() => page.locator('[data-testid="purchase-receipt"]').textContent())
      .toContain(t('en', 'offers.purchase.vat', { rate: 16 }));
    await page.locator('[data-testid="purchase-fiscal"]').waitFor({ timeout: 20_000 });
    await noSerious(page);
    await shoot(page, 'membership-purchase-paid-en');
    await setLocale(page, 'ru');
    await expect.poll(() => status.textContent()).toContain(t('ru', 'offers.purchase.state.paid'));
    await shoot(page, 'membership-purchase-paid-ru');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'membership-purchase-paid-phone-ru');
    await page.setViewportSize({ width: 1280, height: 900 });

    // My membership cards, from "my tickets".
    await page.goto('/my/tickets');
    await page.locator('[data-testid="my-memberships-link"]').click();
    await page.waitForURL('**/my/memberships');
    const mine = page.locator('[data-testid="my-memberships"] [data-testid="membership-card"]');
    await expect.poll(() => mine.count()).toBe(1);
    await expect.poll(() => mine.locator('[data-testid="card-code"]').textContent()).toBe(cardCode);
    await expect.poll(() => mine.locator('[data-testid="card-entries"]').textContent()).toBe('5');
    await expect.poll(() => mine.locator('[data-testid="card-until"]').textContent()).not.toBe('');
    await noSerious(page);
    await shoot(page, 'my-memberships-ru');
    await setLocale(page, 'kk-Latn');
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('kk-Latn', 'offers.my.title'));
    await shoot(page, 'my-memberships-kk-Latn');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'my-memberships-phone-kk-Latn');

    // The card came by mail, with the receipt's VAT.
    await expect
      .poll(
        async () => {
          const files = (await readdir(server.outboxDir).catch(() => [] as string[])).filter((f) =>
            f.endsWith('.eml'),
          );
          for (const f of files) {
            const raw = await readFile(path.join(server.outboxDir, f), 'utf8');
            if (raw.includes(email) && messageText(raw).includes(cardCode)) return messageText(raw);
          }
          return '';
        },
        { timeout: 15_000 },
      )
      .toContain(cardCode);
    await page.context().close();
  });

  it('the desk sees what the pass pays before taking the money', async () => {
    const manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    await createPerformance(manager, 'Qobyz evening');
    await manager.dispose();
    const page = await newPage(browser, server.url);
    await signIn(page, 'boxoffice@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}/desk`);
    await setLocale(page, 'en');
    const search = page.locator('[data-testid="desk-picker-search"]');
    await search.fill('Qobyz');
    await expect.poll(() => page.locator('[data-testid="perf-option"]').count()).toBe(1);
    await search.press('Enter');
    await page.locator('[data-testid="sale-panel"]').waitFor();
    const area = page.locator('[data-testid^="area-qty-"]').first();
    await area.fill('2');
    await expect
      .poll(() => page.locator('[data-testid="cart-total"]').textContent())
      .toBe(formatMoney(400_000, 'en'));
    await page.locator('[data-testid="desk-code-input"]').fill(cardCode);
    const discount = page.locator('[data-testid="cart-discount"]');
    await expect.poll(() => discount.textContent()).toContain(t('en', 'desk.quote.pass', { count: 2 }));
    await expect.poll(() => discount.textContent()).toContain(`−${formatMoney(400_000, 'en')}`);
    await expect
      .poll(() => page.locator('[data-testid="cart-total"]').textContent())
      .toBe(formatMoney(0, 'en'));
    await expect
      .poll(() => page.locator('[data-testid="cart-list-total"]').textContent())
      .toBe(formatMoney(400_000, 'en'));
    await noSerious(page);
    await shoot(page, 'desk-quote-pass-en');
    // More tickets than the pass has entries: said by the code before the sale.
    await area.fill('6');
    await expect
      .poll(() => page.locator('[data-testid="desk-code"] .field-error').textContent())
      .toBe(t('en', 'problem.membership_used_up'));
    await expect(discount.count()).resolves.toBe(0);
    await setLocale(page, 'ru');
    await shoot(page, 'desk-quote-used-up-ru');
    await area.fill('2');
    await page.locator('[data-testid="pay-cash"]').click();
    await page.locator('[data-testid="sold-heading"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="sold-total"]').textContent())
      .toBe(formatMoney(0, 'ru'));
    await page.context().close();
  });

  it('the desk sells one card when the first answer is lost and the cashier presses again', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'boxoffice@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}/desk`);
    await setLocale(page, 'en');
    const keys: string[] = [];
    let lose = true;
    // The first sale reaches the server, but its answer never comes back.
    await page.route('**/api/v1/hubs/astana/memberships', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      return route.abort('connectionreset');
    });
    const sale = page.locator('[data-testid="desk-membership"]');
    await sale
      .locator('[data-testid="membership-plan"] option[value="friend-e2e"]')
      .waitFor({ state: 'attached' });
    await sale.locator('[data-testid="membership-plan"]').selectOption('friend-e2e');
    await sale.locator('[data-testid="membership-holder"]').fill('Нұрсұлтан Idempotent');
    await sale.locator('[data-testid="membership-cash"]').click();
    await sale.locator('.alert-error').waitFor();
    await sale.locator('[data-testid="membership-cash"]').click();
    const code = await sale.locator('[data-testid="membership-code"]').textContent();
    // Money at the desk: the card's fiscal receipt is there to hand over.
    await expect
      .poll(() => sale.locator('[data-testid="membership-fiscal"]').textContent())
      .toMatch(/№\s?\d+/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const desk = await apiSession(server.url, 'boxoffice@astana.ozgeepic.kz');
    const cards = await desk<{ code: string; holderName: string }[]>('GET', `/hubs/${HUB}/memberships`);
    expect(cards.filter((c) => c.holderName === 'Нұрсұлтан Idempotent').map((c) => c.code)).toEqual([code]);
    await page.context().close();
  });
});
