// Offers in the browser: a program manager creates a promo code and a pass plan; a visitor pays
// less with the code (and is told, in two languages, when a code is wrong, without losing the
// held places); the desk sells a pass and then tickets paid by it; a visitor joins the waiting
// list of a sold-out date, sees their place, is offered the places that come back and continues
// to checkout with them, then leaves the list. Accessibility and screenshots of every new page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import { t } from '../../src/common/i18n/index.ts';
import { apiSession, astanaDay } from './api.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { noSerious, noSideways, PHONE, setLocale } from './checks.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';

interface Perf {
  id: string;
  areas: { id: string }[];
}

describe.skipIf(!hasChromium)('promo codes, membership cards and the waiting list', () => {
  let server: TestServer;
  let browser: Browser;
  let program: Awaited<ReturnType<typeof apiSession>>;
  let eveningId = '';
  let eveningArea = '';
  let smallId = '';
  let blockingHold = '';
  let passCode = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    program = await apiSession(server.url, 'program@astana.ozgeepic.kz');
    const hub = await program<{ spaces: { slug: string; kind: string }[] }>('GET', `/hubs/${HUB}`);
    const hall = hub.spaces.find((s) => s.kind !== 'theater')?.slug ?? hub.spaces[0]?.slug ?? '';
    await program('POST', `/hubs/${HUB}/events`, {
      slug: 'zhyr-evening-test',
      kind: 'literary_evening',
      title: { kk: 'Жыр кеші', ru: 'Вечер жыра', en: 'An evening of zhyr' },
      ageRating: '12+',
      languages: ['kk'],
      status: 'published',
    });
    const evening = await program<Perf>('POST', `/hubs/${HUB}/events/zhyr-evening-test/performances`, {
      space: hall,
      startsAt: `${astanaDay(4)}T19:00:00+05:00`,
      endsAt: `${astanaDay(4)}T21:00:00+05:00`,
      prices: [{ code: 'GA', name: { kk: 'Кіру', ru: 'Вход', en: 'Entry' }, priceTiyn: 500_000 }],
      areas: [{ name: { kk: 'Зал', ru: 'Зал', en: 'Hall' }, category: 'GA', capacity: 40 }],
    });
    eveningId = evening.id;
    eveningArea = evening.areas[0]?.id ?? '';

    await program('POST', `/hubs/${HUB}/events`, {
      slug: 'kiiz-small-test',
      kind: 'workshop_class',
      title: { kk: 'Киіз: шағын топ', ru: 'Войлок: малая группа', en: 'Felt: a small group' },
      ageRating: '12+',
      languages: ['kk', 'ru'],
      status: 'published',
    });
    const small = await program<Perf>('POST', `/hubs/${HUB}/events/kiiz-small-test/performances`, {
      space: hall,
      startsAt: `${astanaDay(5)}T12:00:00+05:00`,
      endsAt: `${astanaDay(5)}T15:00:00+05:00`,
      prices: [{ code: 'S', name: { kk: 'Орын', ru: 'Место', en: 'Place' }, priceTiyn: 800_000 }],
      areas: [{ name: { kk: 'Орын', ru: 'Место', en: 'Place' }, category: 'S', capacity: 2 }],
    });
    smallId = small.id;
    // Someone holds both places: the date is sold out while the hold lasts.
    const anonymous = await apiSession(server.url);
    const hold = await anonymous<{ id: string }>('POST', `/hubs/${HUB}/performances/${smallId}/holds`, {
      areas: [{ areaId: small.areas[0]?.id, quantity: 2 }],
    });
    blockingHold = hold.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  it('a program manager creates a promo code and a pass plan, and switches the code off and on', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'program@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}`);
    await page.locator('[data-testid="bo-nav-offers"]').click();
    await page.waitForURL(`**/back-office/${HUB}/offers`);
    await setLocale(page, 'en');
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('en', 'offers.bo.nav'));

    // A code the form refuses before asking the server.
    const promo = page.locator('[data-testid="promo-form"]');
    await promo.locator('input[name="promoCode"]').fill('x');
    await promo.locator('[data-testid="promo-submit"]').click();
    await expect
      .poll(() => promo.locator('.field-error').first().textContent())
      .toBe(t('en', 'offers.promo.codeRule'));
    await promo.locator('input[name="promoCode"]').fill('ZHYR25');
    await promo.locator('select[name="promoKind"]').selectOption('percent');
    await promo.locator('input[name="promoPercent"]').fill('25');
    await promo.locator('input[name="promoMaxUses"]').fill('5');
    await promo.locator('select[name="promoEvent"] option', { hasText: 'An evening of zhyr' }).waitFor({
      state: 'attached',
    });
    await promo.locator('select[name="promoEvent"]').selectOption('zhyr-evening-test');
    await promo.locator('[data-testid="promo-submit"]').click();
    const row = page.locator('[data-testid="promo-ZHYR25"]');
    await row.waitFor();
    await expect
      .poll(() => row.locator('[data-testid="promo-uses"]').textContent())
      .toBe(t('en', 'offers.promo.usesOf', { uses: 0, max: 5 }));
    await expect.poll(() => row.textContent()).toContain('An evening of zhyr');
    await expect.poll(() => row.textContent()).toContain('−25%');
    // Off, then on again.
    await row.locator('[data-testid="promo-toggle"]').click();
    await expect.poll(() => row.textContent()).toContain(t('en', 'offers.promo.inactive'));
    await row.locator('[data-testid="promo-toggle"]').click();
    await expect.poll(() => row.textContent()).toContain(t('en', 'offers.promo.active'));

    // A pass with three free entries, named in every language.
    const plan = page.locator('[data-testid="plan-form"]');
    await plan.locator('input[name="planName.kk"]').fill('ÓzgeEpic досы');
    await plan.locator('input[name="planName.ru"]').fill('Друг ÓzgeEpic');
    await plan.locator('input[name="planName.en"]').fill('Friend of ÓzgeEpic');
    await plan.locator('input[name="planSlug"]').fill('friend-test');
    await plan.locator('input[name="planEntries"]').fill('3');
    await plan.locator('input[name="planValidDays"]').fill('365');
    await plan.locator('input[name="planPrice"]').fill('20 000');
    await plan.locator('[data-testid="plan-submit"]').click();
    const planRow = page.locator('[data-testid="plan-friend-test"]');
    await planRow.waitFor();
    await expect
      .poll(() => planRow.textContent())
      .toContain(t('en', 'offers.plan.entriesCount', { count: 3 }));
    await expect.poll(() => planRow.textContent()).toContain(formatMoney(2_000_000, 'en'));
    // A student card needing proof at the door, through the same form.
    await plan.locator('input[name="planName.ru"]').fill('Студенческая карта');
    await plan.locator('input[name="planName.en"]').fill('Student card');
    await plan.locator('input[name="planSlug"]').fill('student-test');
    await plan.locator('select[name="planKind"]').selectOption('discount');
    await plan.locator('input[name="planDiscount"]').fill('50');
    await plan.locator('input[name="planPrice"]').fill('0');
    await plan.locator('input[name="planProof.en"]').fill('Student ID');
    await plan.locator('input[name="planProof.ru"]').fill('Студенческий билет');
    await plan.locator('[data-testid="plan-submit"]').click();
    await page.locator('[data-testid="plan-student-test"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="plan-student-test"]').textContent())
      .toContain('Student ID');
    await noSerious(page);
    await shoot(page, 'offers-bo-en');
    await setLocale(page, 'ru');
    await expect
      .poll(() => page.locator('[data-testid="plan-friend-test"]').textContent())
      .toContain('Друг ÓzgeEpic');
    await shoot(page, 'offers-bo-ru');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await noSerious(page);
    await shoot(page, 'offers-bo-phone-ru');
    await setLocale(page, 'kk-Latn');
    await shoot(page, 'offers-bo-phone-kk-Latn');
    await page.context().close();
  });

  it('a visitor is told a wrong code is wrong in two languages, keeps the hold, then pays less with the promo code', async () => {
    const page = await newPage(browser, server.url);
    await page.goto(`/${HUB}/performances/${eveningId}`);
    await setLocale(page, 'en');
    await page.locator(`[data-testid="area-qty-${eveningArea}"]`).fill('2');
    await page.locator('[data-testid="hold-submit"]').click();
    await page.locator('[data-testid="held"]').waitFor();
    await page.locator('input[name="email"]').fill('aruzhan@example.kz');
    const code = page.locator('input[name="offerCode"]');
    await code.fill('NOPE-2026');
    await page.locator('[data-testid="checkout-submit"]').click();
    const fieldError = page.locator('[data-testid="offer-code"] .field-error');
    await expect.poll(() => fieldError.textContent()).toBe(t('en', 'problem.promo_invalid'));
    await expect(code.getAttribute('aria-invalid')).resolves.toBe('true');
    // The held places are still there, with the form to try again.
    await page.locator('[data-testid="countdown-clock"]').waitFor();
    await expect(page.locator('[data-testid="checkout-form"]').count()).resolves.toBe(1);
    await noSerious(page);
    await shoot(page, 'checkout-code-wrong-en');
    await setLocale(page, 'ru');
    await expect.poll(() => fieldError.textContent()).toBe(t('ru', 'problem.promo_invalid'));
    await shoot(page, 'checkout-code-wrong-ru');
    // An unknown card says so too.
    await code.fill('OZ-NOTACARD');
    await page.locator('[data-testid="checkout-submit"]').click();
    await expect.poll(() => fieldError.textContent()).toBe(t('ru', 'problem.membership_invalid'));
    await setLocale(page, 'en');

    await code.fill('zhyr25');
    await page.locator('[data-testid="checkout-submit"]').click();
    await page.locator('[data-testid="checkout-review"]').waitFor();
    // Two tickets of 5 000 ₸, a quarter off each: 7 500 ₸ to pay.
    await expect
      .poll(() => page.locator('[data-testid="order-total"]').textContent())
      .toBe(formatMoney(750_000, 'en'));
    await expect(page.locator('[data-testid="savings-line"]').count()).resolves.toBe(2);
    await expect
      .poll(() => page.locator('[data-testid="savings-discount"]').first().textContent())
      .toBe(`−${formatMoney(125_000, 'en')}`);
    await expect
      .poll(() => page.locator('[data-testid="savings-new-total"]').textContent())
      .toBe(t('en', 'offers.savings.newTotal', { amount: formatMoney(750_000, 'en') }));
    await expect
      .poll(() => page.locator('[data-testid="pay"]').textContent())
      .toContain(formatMoney(750_000, 'en'));
    await noSerious(page);
    await shoot(page, 'checkout-discount-en');
    await setLocale(page, 'kk');
    await shoot(page, 'checkout-discount-kk');
    await page.setViewportSize(PHONE);
    // The discount box fits a phone (the order table above it is the checkout's own).
    const box = await page.locator('[data-testid="order-savings"] table').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'checkout-discount-phone-kk');
    // The code's use is counted.
    const codes = await program<{ code: string; uses: number }[]>('GET', `/hubs/${HUB}/promo-codes`);
    expect(codes.find((c) => c.code === 'ZHYR25')?.uses).toBe(1);

    // Paid: the order page keeps showing what the code took off.
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLocale(page, 'en');
    await page.locator('[data-testid="pay"]').click();
    await page.waitForURL('**/sandbox-pay/**');
    await page.locator('#card').fill('4242 4242 4242 4242');
    await page.locator('button.pay').click();
    await page.waitForURL('**/orders/**');
    await expect
      .poll(() => page.locator('[data-testid="order-status"]').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('paid');
    await expect
      .poll(() => page.locator('[data-testid="savings-new-total"]').textContent())
      .toBe(t('en', 'offers.savings.newTotal', { amount: formatMoney(750_000, 'en') }));
    await noSerious(page);
    await shoot(page, 'order-paid-discount-en');
    await page.context().close();
  });

  it('the desk sells a pass, then two tickets paid by it (total 0)', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'boxoffice@astana.ozgeepic.kz');
    await page.goto(`/back-office/${HUB}/desk`);
    await setLocale(page, 'en');
    const sale = page.locator('[data-testid="desk-membership"]');
    await sale.locator('[data-testid="membership-plan"] option[value="friend-test"]').waitFor({
      state: 'attached',
    });
    // Nothing chosen yet: the plan is asked for.
    await sale.locator('[data-testid="membership-cash"]').click();
    await expect.poll(() => sale.locator('.field-error').textContent()).toBe(t('en', 'validation.required'));
    await sale.locator('[data-testid="membership-plan"]').selectOption('friend-test');
    await expect(sale.locator('.field-error').count()).resolves.toBe(0);
    await sale.locator('[data-testid="membership-holder"]').fill('Айгерім Сейітова');
    await sale.locator('[data-testid="membership-email"]').fill('aigerim@example.kz');
    await expect
      .poll(() => sale.locator('[data-testid="membership-cash"]').textContent())
      .toContain(formatMoney(2_000_000, 'en'));
    await noSerious(page);
    await shoot(page, 'desk-membership-form-en');
    await sale.locator('[data-testid="membership-cash"]').click();
    const codeBox = sale.locator('[data-testid="membership-code"]');
    await codeBox.waitFor();
    passCode = (await codeBox.textContent()) ?? '';
    expect(passCode).toMatch(/^OZ-[A-Z0-9]{8}$/);
    const size = await codeBox.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    await expect.poll(() => sale.textContent()).toContain('Айгерім Сейітова');
    await noSerious(page);
    await shoot(page, 'desk-membership-sold-en');

    // Tickets for the evening, paid by the pass.
    const search = page.locator('[data-testid="desk-picker-search"]');
    await search.fill('zhyr');
    await expect.poll(() => page.locator('[data-testid="perf-option"]').count()).toBe(1);
    await search.press('Enter');
    await page.locator('[data-testid="sale-panel"]').waitFor();
    await page.locator(`[data-testid="area-qty-${eveningArea}"]`).fill('2');
    await page.locator('[data-testid="desk-code-input"]').fill(passCode.toLowerCase());
    await expect
      .poll(() => page.locator('[data-testid="desk-card-info"]').textContent())
      .toContain(t('en', 'offers.card.entriesLeft', { count: 3 }));
    await noSerious(page);
    await shoot(page, 'desk-code-card-en');
    await page.locator('[data-testid="pay-cash"]').click();
    await page.locator('[data-testid="sold-heading"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="sold-total"]').textContent())
      .toBe(formatMoney(0, 'en'));
    await shoot(page, 'desk-sold-with-pass-en');
    const staff = await apiSession(server.url, 'boxoffice@astana.ozgeepic.kz');
    const card = await staff<{ entriesLeft: number }>('GET', `/hubs/${HUB}/memberships/${passCode}`);
    expect(card.entriesLeft).toBe(1);

    // Two more tickets than the pass has left: the desk says so by the code.
    await page.locator('[data-testid="next-sale"]').click();
    await page.locator('[data-testid="sale-panel"]').waitFor();
    await page.locator(`[data-testid="area-qty-${eveningArea}"]`).fill('2');
    await page.locator('[data-testid="desk-code-input"]').fill(passCode);
    await page.locator('[data-testid="pay-card"]').click();
    await expect
      .poll(() => page.locator('[data-testid="sale-panel"] .alert-error').textContent())
      .toBe(t('en', 'problem.membership_used_up'));
    await setLocale(page, 'ru');
    await shoot(page, 'desk-pass-used-up-ru');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'desk-phone-ru');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('a visitor joins the waiting list of a sold-out date, sees their place, is offered the places, and leaves', async () => {
    // Someone else is first in line.
    const other = await apiSession(server.url);
    const first = await other<{ id: string; position: number; key: string }>(
      'POST',
      `/hubs/${HUB}/performances/${smallId}/waitlist`,
      { email: 'first@example.kz', quantity: 1, locale: 'ru' },
    );
    expect(first.position).toBe(1);

    const page = await newPage(browser, server.url);
    const email = `dana.${Date.now()}@example.kz`;
    await page.goto('/sign-up');
    await page.locator('input[name="name"]').fill('Дана Омарова');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill('dombyra-2026-kz');
    await page.locator('[data-testid="sign-up-form"] button[type="submit"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();
    await setLocale(page, 'en');

    await page.goto(`/${HUB}/events/kiiz-small-test`);
    await page.locator('[data-testid="waitlist-link"]').waitFor();
    await noSerious(page);
    await shoot(page, 'event-sold-out-en');
    await page.locator('[data-testid="waitlist-link"]').click();
    await page.waitForURL(`**/${HUB}/performances/${smallId}#waitlist`);
    const form = page.locator('[data-testid="waitlist-form"]');
    await form.waitFor();
    await expect(form.locator('input[name="waitlistEmail"]').inputValue()).resolves.toBe(email);
    await noSerious(page);
    await shoot(page, 'waitlist-form-en');
    await form.locator('[data-testid="waitlist-submit"]').click();
    const joined = page.locator('[data-testid="waitlist-joined"]');
    await joined.waitFor();
    await expect
      .poll(() => joined.textContent())
      .toContain(t('en', 'offers.waitlist.position', { count: 2 }));
    await noSerious(page);
    await shoot(page, 'waitlist-joined-en');
    // Coming back to the date shows the place again.
    await page.reload();
    await page.locator('[data-testid="waitlist-joined"]').waitFor();

    await page.locator('[data-testid="waitlist-status-link"]').click();
    await page.waitForURL(`**/${HUB}/waitlist/**`);
    const statusUrl = new URL(page.url()).pathname;
    const state = page.locator('[data-testid="waitlist-state"]');
    await expect.poll(() => state.getAttribute('data-state')).toBe('waiting');
    await expect
      .poll(() => page.locator('[data-testid="waitlist-position"]').textContent())
      .toBe(t('en', 'offers.waitlist.position', { count: 2 }));
    await noSerious(page);
    await shoot(page, 'waitlist-waiting-en');
    await setLocale(page, 'kk-Latn');
    await expect
      .poll(() => page.locator('[data-testid="waitlist-position"]').textContent())
      .toBe(t('kk-Latn', 'offers.waitlist.position', { count: 2 }));
    await shoot(page, 'waitlist-waiting-kk-Latn');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'waitlist-waiting-phone-kk-Latn');
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLocale(page, 'en');

    // The first in line leaves; the held places come back; the job offers them to Dana.
    await other('DELETE', `/hubs/${HUB}/waitlist/${first.id}?key=${encodeURIComponent(first.key)}`);
    await other('DELETE', `/hubs/${HUB}/holds/${blockingHold}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await state.waitFor();
          return state.getAttribute('data-state');
        },
        { timeout: 45_000, interval: 2_000 },
      )
      .toBe('offered');
    await expect.poll(() => state.textContent()).toContain(t('en', 'offers.waitlist.offered', { count: 1 }));
    await expect
      .poll(() => page.locator('[data-testid="countdown-clock"]').textContent())
      .toMatch(/^(30:00|29:\d\d)$/);
    await page.locator('[data-testid="waitlist-held"]').waitFor();
    await noSerious(page);
    await shoot(page, 'waitlist-offered-en');
    await setLocale(page, 'ru');
    await shoot(page, 'waitlist-offered-ru');
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await shoot(page, 'waitlist-offered-phone-ru');
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLocale(page, 'en');

    // Continue to the normal checkout with the offered hold.
    await page.locator('[data-testid="waitlist-checkout"]').click();
    await page.waitForURL(`**/${HUB}/performances/${smallId}`);
    await page.locator('[data-testid="held"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="hold-total"]').textContent())
      .toBe(formatMoney(800_000, 'en'));
    await expect(page.locator('input[name="email"]').inputValue()).resolves.toBe(email);
    await shoot(page, 'waitlist-checkout-en');

    // Changed their mind: leaves the list, and the places go back.
    await page.goto(statusUrl);
    await page.locator('[data-testid="waitlist-leave"]').click();
    await page.locator('[data-testid="waitlist-leave-confirm"]').click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('cancelled');
    await expect(page.locator('[data-testid="waitlist-leave"]').count()).resolves.toBe(0);
    const after = await other<{ areas: { available: number }[] }>(
      'GET',
      `/hubs/${HUB}/performances/${smallId}`,
    );
    expect(after.areas[0]?.available).toBe(2);
    await noSerious(page);
    await shoot(page, 'waitlist-cancelled-en');
    await page.context().close();
  });
});
