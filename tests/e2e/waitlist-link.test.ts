// The waiting-list offer link is the credential: an account joins the list of a sold-out
// date; when a place comes back, the mailed link opened in a browser that is signed out
// buys it as a guest with the email of the entry. The same page without the link's token
// only says to open the mail.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/common/format.ts';
import { t } from '../../src/common/i18n/index.ts';
import { apiSession, astanaDay } from './api.ts';
import { DEMO_PASSWORD, hasChromium, launchBrowser, newPage, offsiteRequests, shoot } from './browser.ts';
import { noSerious, PHONE, setLocale } from './checks.ts';
import { messageText } from './mail.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';

describe.skipIf(!hasChromium)('the waiting-list offer link works from any browser', () => {
  let server: TestServer;
  let browser: Browser;
  const email = `bauyrzhan.${Date.now()}@example.kz`;
  let performanceId = '';
  let entryId = '';
  let link = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const program = await apiSession(server.url, 'program@astana.ozgeepic.kz');
    const hub = await program<{ spaces: { slug: string; kind: string }[] }>('GET', `/hubs/${HUB}`);
    const hall = hub.spaces.find((s) => s.kind !== 'theater')?.slug ?? hub.spaces[0]?.slug ?? '';
    await program('POST', `/hubs/${HUB}/events`, {
      slug: 'dombyra-class-test',
      kind: 'workshop_class',
      title: { kk: 'Домбыра сабағы', ru: 'Урок домбры', en: 'A dombyra lesson' },
      ageRating: '6+',
      languages: ['kk'],
      status: 'published',
    });
    const perf = await program<{ id: string; areas: { id: string }[] }>(
      'POST',
      `/hubs/${HUB}/events/dombyra-class-test/performances`,
      {
        space: hall,
        startsAt: `${astanaDay(6)}T11:00:00+05:00`,
        endsAt: `${astanaDay(6)}T12:30:00+05:00`,
        prices: [{ code: 'L', name: { kk: 'Орын', ru: 'Место', en: 'Place' }, priceTiyn: 600_000 }],
        areas: [{ name: { kk: 'Сынып', ru: 'Класс', en: 'Class' }, category: 'L', capacity: 1 }],
      },
    );
    performanceId = perf.id;
    // The one place is held by someone else: sold out while the hold lasts.
    const someone = await apiSession(server.url);
    const blocking = await someone<{ id: string }>(
      'POST',
      `/hubs/${HUB}/performances/${performanceId}/holds`,
      {
        areas: [{ areaId: perf.areas[0]?.id, quantity: 1 }],
      },
    );
    // An account joins the waiting list.
    const signUp = await fetch(`${server.url}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD, name: 'Бауыржан Сәкенов', locale: 'en' }),
    });
    expect(signUp.status).toBe(201);
    const joiner = await apiSession(server.url, email);
    const entry = await joiner<{ id: string }>(
      'POST',
      `/hubs/${HUB}/performances/${performanceId}/waitlist`,
      {
        quantity: 1,
        locale: 'en',
      },
    );
    entryId = entry.id;
    // The place comes back; the waiting-list job offers it and mails the link.
    await someone('DELETE', `/hubs/${HUB}/holds/${blocking.id}`);
    for (let i = 0; i < 45 && !link; i++) {
      await new Promise((r) => setTimeout(r, 1_000));
      for (const f of await readdir(server.outboxDir).catch(() => [] as string[])) {
        const raw = await readFile(path.join(server.outboxDir, f), 'utf8');
        const text = messageText(raw);
        if (raw.includes(email) && text.includes(`/waitlist/${entryId}`))
          link = /https?:\/\/\S+\/waitlist\/\S+/.exec(text)?.[0] ?? '';
      }
    }
    expect(link).toContain('?offer=');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  it('without the token, the page only says to open the mail', async () => {
    const page = await newPage(browser, server.url);
    await page.goto(`/${HUB}/waitlist/${entryId}`);
    await setLocale(page, 'en');
    const state = page.locator('[data-testid="waitlist-state"]');
    await expect.poll(() => state.getAttribute('data-state')).toBe('offered');
    await expect
      .poll(() => page.locator('[data-testid="waitlist-use-mail"]').textContent())
      .toBe(t('en', 'offers.waitlist.useMailLink', { email }));
    await expect(page.locator('[data-testid="waitlist-checkout"]').count()).resolves.toBe(0);
    // Nor can the id alone take the place off the list.
    await expect(page.locator('[data-testid="waitlist-leave"]').count()).resolves.toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="waitlist-leave-how"]').textContent())
      .toBe(t('en', 'offers.waitlist.leaveHow'));
    await noSerious(page);
    await shoot(page, 'waitlist-no-token-en');
    await page.context().close();
  });

  it('signed out, the mailed link buys the place as a guest with the entry’s email', async () => {
    const page = await newPage(browser, server.url);
    const url = new URL(link);
    await page.goto(`${url.pathname}${url.search}`);
    await setLocale(page, 'en');
    const buyAs = page.locator('[data-testid="waitlist-buy-as"]');
    await buyAs.waitFor();
    await expect.poll(() => buyAs.textContent()).toContain(t('en', 'offers.waitlist.guestHint', { email }));
    // The mailed link may also say no to the places.
    await expect.poll(() => page.locator('[data-testid="waitlist-leave"]').count()).toBe(1);
    // Signing in instead comes back to this same link.
    const signInHref = await page.locator('[data-testid="waitlist-sign-in"]').getAttribute('href');
    expect(decodeURIComponent(signInHref ?? '')).toBe(`/sign-in?next=${url.pathname}${url.search}`);
    await noSerious(page);
    await shoot(page, 'waitlist-link-guest-en');
    await setLocale(page, 'ru');
    await expect.poll(() => buyAs.textContent()).toContain(t('ru', 'offers.waitlist.guestCheckout'));
    await shoot(page, 'waitlist-link-guest-ru');
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, 'waitlist-link-guest-phone-ru');
    await page.setViewportSize({ width: 1280, height: 900 });
    await setLocale(page, 'en');

    await page.locator('[data-testid="waitlist-checkout"]').click();
    await page.waitForURL(`**/${HUB}/performances/${performanceId}`);
    await page.locator('[data-testid="held"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="hold-total"]').textContent())
      .toBe(formatMoney(600_000, 'en'));
    await expect(page.locator('input[name="email"]').inputValue()).resolves.toBe(email);
    await shoot(page, 'waitlist-link-checkout-en');
    await page.locator('[data-testid="checkout-submit"]').click();
    await page.locator('[data-testid="checkout-review"]').waitFor();
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
    await expect(page.textContent('body')).resolves.toContain(email);
    await page.context().close();
  });

  it('a guest who joined leaves from the status page; the bare id in another browser cannot', async () => {
    const page = await newPage(browser, server.url);
    await page.goto(`/${HUB}/performances/${performanceId}#waitlist`);
    await setLocale(page, 'en');
    const form = page.locator('[data-testid="waitlist-form"]');
    await form.locator('input[name="waitlistEmail"]').fill('guest.leaver@example.kz');
    await form.locator('[data-testid="waitlist-submit"]').click();
    await page.locator('[data-testid="waitlist-status-link"]').click();
    await page.waitForURL(`**/${HUB}/waitlist/**`);
    const statusUrl = new URL(page.url());
    expect(statusUrl.searchParams.get('key')?.length).toBeGreaterThan(20);
    const state = page.locator('[data-testid="waitlist-state"]');
    await expect.poll(() => state.getAttribute('data-state')).toBe('waiting');

    // The same place opened elsewhere by its id alone: no way to leave.
    const elsewhere = await newPage(browser, server.url);
    await elsewhere.goto(statusUrl.pathname);
    await elsewhere.locator('[data-testid="waitlist-leave-how"]').waitFor();
    await expect(elsewhere.locator('[data-testid="waitlist-leave"]').count()).resolves.toBe(0);
    await elsewhere.context().close();

    // Back in the joining browser without the key in the address: the browser kept it.
    await page.goto(statusUrl.pathname);
    await page.locator('[data-testid="waitlist-leave"]').click();
    await page.locator('[data-testid="waitlist-leave-confirm"]').click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('cancelled');
    await noSerious(page);
    await shoot(page, 'waitlist-guest-left-en');
    await page.context().close();
  });
});
