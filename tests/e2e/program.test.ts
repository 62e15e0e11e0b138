// A visitor's journey through the program: list and calendar, an event page, seats picked by
// keyboard and by click, a hold with its countdown, checkout, the sandbox payment page and the
// tickets with QR codes; a seat taken by someone else; a phone; accessibility of every page.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import { apiSession, astanaDay } from './api.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot } from './browser.ts';
import { noSerious, setLocale } from './checks.ts';
import { startTestServer, type TestServer } from './server.ts';

const LAYOUT = {
  sections: [
    {
      id: 'stalls',
      name: { kk: 'Партер', ru: 'Партер', en: 'Stalls' },
      rows: [
        { label: 'A', seats: 10, category: 'A', aisleAfter: [5] },
        { label: 'B', seats: 10, category: 'A', aisleAfter: [5] },
        { label: 'C', seats: 12, category: 'B', aisleAfter: [6] },
        { label: 'D', seats: 12, category: 'B', aisleAfter: [6], wheelchair: [1, 12] },
      ],
    },
  ],
};

describe.skipIf(!hasChromium)('a visitor buys tickets', () => {
  let server: TestServer;
  let browser: Browser;
  let seatedId = '';
  let standingId = '';
  let call: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    call = await apiSession(server.url, 'program@astana.ozgeepic.kz');
    const hub = await call<{ spaces: { slug: string; kind: string }[] }>('GET', '/hubs/astana');
    const theater = hub.spaces.find((s) => s.kind === 'theater')?.slug ?? hub.spaces[0]?.slug ?? '';
    const hall = hub.spaces.find((s) => s.kind !== 'theater')?.slug ?? theater;
    await call('POST', '/hubs/astana/events', {
      slug: 'qyz-zhibek-test',
      kind: 'theater',
      title: { kk: 'Қыз Жібек', ru: 'Кыз Жибек', en: 'Qyz Zhibek' },
      description: {
        kk: 'Ғашықтық туралы жыр сахнада.',
        ru: 'Лиро-эпическая поэма о любви на сцене театра.',
        en: 'The lyrical epic of love, staged by the young company of the hub.',
      },
      ageRating: '12+',
      languages: ['kk', 'ru'],
      status: 'published',
    });
    const map = await call<{ id: string }>('POST', `/hubs/astana/spaces/${theater}/seat-maps`, {
      name: 'Theatre stalls (test)',
      layout: LAYOUT,
    });
    const day = astanaDay(2);
    const seated = await call<{ id: string }>('POST', '/hubs/astana/events/qyz-zhibek-test/performances', {
      space: theater,
      startsAt: `${day}T19:00:00+05:00`,
      endsAt: `${day}T21:00:00+05:00`,
      prices: [
        {
          code: 'A',
          name: { kk: 'Алдыңғы қатарлар', ru: 'Первые ряды', en: 'Front rows' },
          priceTiyn: 800_000,
        },
        { code: 'B', name: { kk: 'Партер', ru: 'Партер', en: 'Stalls' }, priceTiyn: 500_000 },
      ],
      seatMapId: map.id,
    });
    seatedId = seated.id;
    await call('POST', '/hubs/astana/events/qyz-zhibek-test/performances', {
      space: theater,
      startsAt: `${astanaDay(9)}T19:00:00+05:00`,
      endsAt: `${astanaDay(9)}T21:00:00+05:00`,
      prices: [
        { code: 'A', name: { en: 'Front rows' }, priceTiyn: 700_000 },
        { code: 'B', name: { en: 'Stalls' }, priceTiyn: 450_000 },
      ],
      seatMapId: map.id,
    });
    await call('POST', '/hubs/astana/events', {
      slug: 'dombyra-evening-test',
      kind: 'concert',
      title: { kk: 'Домбыра кеші', ru: 'Вечер домбры', en: 'An evening of dombyra' },
      ageRating: '0+',
      languages: ['kk'],
      status: 'published',
    });
    const standing = await call<{ id: string }>(
      'POST',
      '/hubs/astana/events/dombyra-evening-test/performances',
      {
        space: hall,
        startsAt: `${astanaDay(3)}T18:30:00+05:00`,
        endsAt: `${astanaDay(3)}T20:00:00+05:00`,
        prices: [{ code: 'GA', name: { kk: 'Кіру', ru: 'Вход', en: 'Entry' }, priceTiyn: 300_000 }],
        areas: [{ name: { kk: 'Зал', ru: 'Зал', en: 'Hall' }, category: 'GA', capacity: 40 }],
      },
    );
    standingId = standing.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  const fresh = (viewport?: { width: number; height: number }) => newPage(browser, server.url, viewport);

  it('goes from the program to an event, picks seats by keyboard and click, holds, pays and gets tickets', async () => {
    const page = await fresh();
    const email = `dana.${Date.now()}@example.kz`;
    await page.goto('/sign-up');
    await page.locator('input[name="name"]').fill('Дана Омарова');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill('dombyra-2026-kz');
    await page.locator('[data-testid="sign-up-form"] button[type="submit"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();

    await page.goto('/astana');
    await page.locator('[data-testid="program-link"]').click();
    await page.waitForURL('**/astana/program');
    await expect.poll(() => page.locator('[data-testid="performance"]').count()).toBeGreaterThanOrEqual(3);
    const first = page.locator('[data-testid="performance"]').filter({ hasText: 'Qyz Zhibek' }).first();
    await expect.poll(() => first.textContent()).toMatch(/₸8,000|8,000/);
    await expect
      .poll(() => first.locator('[data-testid="availability"]').textContent())
      .toBe(t('en', 'program.avail.on_sale'));
    await noSerious(page);
    await shoot(page, 'program-list-en');

    // Filters: kind narrows the list to the concert.
    await page.locator('[data-testid="filter-kind"]').selectOption('concert');
    await expect
      .poll(
        async () => new Set(await page.locator('[data-testid="performance"] .kind-tag').allTextContents()),
      )
      .toEqual(new Set([t('en', 'program.kind.concert')]));
    await expect
      .poll(() => page.locator('[data-testid="performance-list"]').textContent())
      .toContain('An evening of dombyra');
    await page.locator('[data-testid="filter-kind"]').selectOption('');
    // Qyz Zhibek is played in Kazakh and Russian, so an English-language filter leaves it out.
    await page.locator('[data-testid="filter-lang"]').selectOption('en');
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .not.toContain('Qyz Zhibek');
    await page.locator('[data-testid="filter-lang"]').selectOption('kk');
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain('Qyz Zhibek');
    await page.locator('[data-testid="filter-lang"]').selectOption('');

    // The month calendar shows the performance on its day.
    await page.locator('[data-testid="view-calendar"]').click();
    await page.locator('[data-testid="calendar"]').waitFor();
    const day = astanaDay(2);
    if (day.slice(0, 7) !== astanaDay(0).slice(0, 7))
      await page.locator('[data-testid="month-next"]').click();
    await expect.poll(() => page.locator(`td[data-day="${day}"]`).textContent()).toContain('Qyz Zhibek');
    await noSerious(page);
    await shoot(page, 'program-calendar-en');
    await setLocale(page, 'ru');
    await expect.poll(() => page.locator(`td[data-day="${day}"]`).textContent()).toContain('Кыз Жибек');
    await shoot(page, 'program-calendar-ru');
    await page.locator('[data-testid="view-list"]').click();
    await shoot(page, 'program-list-ru');
    await setLocale(page, 'en');

    // The event page.
    await page.locator('[data-testid="performance"] a', { hasText: 'Qyz Zhibek' }).first().click();
    await page.waitForURL('**/astana/events/qyz-zhibek-test');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Qyz Zhibek');
    await expect.poll(() => page.locator('[data-testid="age-rating"]').textContent()).toBe('12+');
    await expect(page.locator('[data-testid="event-date"]').count()).resolves.toBe(2);
    const ics = await page.locator('[data-testid="event-ics"]').getAttribute('href');
    expect(ics).toBe('/api/v1/hubs/astana/events/qyz-zhibek-test/calendar.ics');
    const icsRes = await page.request.get(ics ?? '');
    expect(icsRes.status()).toBe(200);
    expect(await icsRes.text()).toContain('BEGIN:VCALENDAR');
    await noSerious(page);
    await shoot(page, 'event-en');
    await setLocale(page, 'kk');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Қыз Жібек');
    await shoot(page, 'event-kk');
    await setLocale(page, 'en');

    // Booking: the seat map.
    await page.locator('[data-testid="choose-date"]').first().click();
    await page.waitForURL(`**/astana/performances/${seatedId}`);
    await page.locator('[data-testid="seat-map"]').waitFor();
    expect(await page.locator('[data-seat]').count()).toBe(44);
    const wheelchair = await page.locator('[data-seat="stalls-D-1"]').getAttribute('aria-label');
    expect(wheelchair).toBe('Row D, seat 1, ₸5,000, available, wheelchair space');

    // Keyboard: Tab reaches one seat; arrows move; Enter selects.
    const stop = page.locator('[data-seat][tabindex="0"]');
    await stop.focus();
    expect(await stop.getAttribute('data-seat')).toBe('stalls-A-1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-seat'));
    expect(focused).toBe('stalls-B-3');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-seat="stalls-B-3"]').getAttribute('aria-checked')).resolves.toBe('true');
    await expect(page.locator('[data-seat="stalls-B-3"]').getAttribute('aria-label')).resolves.toBe(
      'Row B, seat 3, ₸8,000, chosen',
    );
    // Mouse: a click on the map.
    await page.locator('[data-seat="stalls-B-4"]').click();
    await expect(page.locator('[data-testid="chosen-list"] li').count()).resolves.toBe(2);
    await noSerious(page);
    await shoot(page, 'booking-seatmap-en');

    await page.locator('[data-testid="hold-submit"]').click();
    await page.locator('[data-testid="held"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="countdown-clock"]').textContent())
      .toMatch(/^(10:00|9:\d\d)$/);
    const before = await page.locator('[data-testid="countdown-clock"]').textContent();
    await expect
      .poll(() => page.locator('[data-testid="countdown-clock"]').textContent(), { timeout: 5000 })
      .not.toBe(before);
    await expect.poll(() => page.locator('[data-testid="hold-total"]').textContent()).toBe('₸16,000');
    // The email of the signed-in visitor is filled in.
    await expect(page.locator('input[name="email"]').inputValue()).resolves.toBe(email);
    await noSerious(page);
    await shoot(page, 'booking-held-en');

    // A double click places one order, thanks to the idempotency key.
    await page.locator('[data-testid="checkout-submit"]').dblclick();
    await page.locator('[data-testid="checkout-review"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="order-total"]').textContent()).toBe('₸16,000');
    await expect.poll(() => page.locator('[data-testid="order-lines"]').textContent()).toContain('16%');
    expect(await page.locator('.alert-error').count()).toBe(0);
    await shoot(page, 'booking-review-en');

    // The sandbox payment page, then back to the order.
    await page.locator('[data-testid="pay"]').click();
    await page.waitForURL('**/sandbox-pay/**');
    await shoot(page, 'sandbox-pay-en');
    await page.locator('#card').fill('4242 4242 4242 4242');
    await page.locator('button.pay').click();
    await page.waitForURL('**/orders/**');
    expect(new URL(page.url()).searchParams.get('hub')).toBe('astana');
    await expect
      .poll(() => page.locator('[data-testid="order-status"]').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('paid');
    await expect(page.locator('[data-testid="ticket"]').count()).resolves.toBe(2);
    await expect(page.locator('[data-testid="ticket-qr"]').count()).resolves.toBe(2);
    const qrPath = await page.locator('[data-testid="ticket-qr"] path').first().getAttribute('d');
    expect(qrPath?.length ?? 0).toBeGreaterThan(500);
    const pdf = await page.locator('[data-testid="tickets-pdf"]').getAttribute('href');
    expect(pdf).toMatch(/^\/api\/v1\/hubs\/astana\/orders\/[0-9a-f-]+\/tickets\.pdf/);
    const pdfRes = await page.request.get(pdf ?? '');
    expect(pdfRes.status()).toBe(200);
    expect(pdfRes.headers()['content-type']).toContain('application/pdf');
    await page.locator('[data-testid="receipt"]').waitFor();
    await noSerious(page);
    await shoot(page, 'order-paid-en');
    await setLocale(page, 'ru');
    await expect
      .poll(() => page.locator('[data-testid="order-status"]').textContent())
      .toContain(t('ru', 'checkout.state.paid'));
    await shoot(page, 'order-paid-ru');

    // My tickets, upcoming first.
    await page.goto('/my/tickets');
    await page.locator('[data-testid="my-order"]').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="my-upcoming"]').textContent()).toContain('Кыз Жибек');
    await noSerious(page);
    await shoot(page, 'my-tickets-ru');

    // The seats are sold now: the map says so.
    await page.goto(`/astana/performances/${seatedId}`);
    await expect(page.locator('[data-seat="stalls-B-3"]').getAttribute('data-status')).resolves.toBe('sold');
    await page.context().close();
  });

  it('says which seats someone else took, and refreshes the map', async () => {
    const page = await fresh();
    await page.goto(`/astana/performances/${seatedId}`);
    await page.locator('[data-seat="stalls-C-5"]').click();
    await page.locator('[data-seat="stalls-C-6"]').click();
    // Someone else holds C-5 in the meantime.
    await fetch(`${server.url}/api/v1/hubs/astana/performances/${seatedId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seats: ['stalls-C-5'] }),
    });
    await page.locator('[data-testid="hold-submit"]').click();
    const alert = page.locator('[data-testid="seats-taken"]');
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain('Stalls · Row C · Seat 5');
    await expect(page.locator('[data-seat="stalls-C-5"]').getAttribute('data-status')).resolves.toBe('held');
    // The seat still free stays chosen and can be held.
    await expect(page.locator('[data-seat="stalls-C-6"]').getAttribute('aria-checked')).resolves.toBe('true');
    await noSerious(page);
    await shoot(page, 'booking-seat-taken-en');
    await page.locator('[data-testid="hold-submit"]').click();
    await page.locator('[data-testid="held"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="held-list"]').textContent())
      .toContain('Stalls · Row C · Seat 6');
    await page.context().close();
  });

  it('tells the visitor when the hold runs out and lets them choose again', async () => {
    const page = await fresh();
    await page.clock.install();
    await page.goto(`/astana/performances/${seatedId}`);
    await page.locator('[data-seat="stalls-D-8"]').click();
    await page.locator('[data-testid="hold-submit"]').click();
    await page.locator('[data-testid="held"]').waitFor();
    await page.clock.fastForward('10:05');
    await page.locator('[data-testid="hold-expired"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="hold-expired"]').textContent())
      .toBe(t('en', 'program.hold.expired'));
    await page.locator('[data-testid="choose-form"]').waitFor();
    await shoot(page, 'booking-expired-en');
    await page.context().close();
  });

  it('works on a phone: best available seats, places in a standing area, a declined card', async () => {
    const context: BrowserContext = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 360, height: 780 },
      hasTouch: true,
      isMobile: true,
      locale: 'ru-RU',
    });
    await context.route('**/*', (route) =>
      route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto('/astana/program');
    await setLocale(page, 'ru');
    await page.locator('[data-testid="performance"]').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await shoot(page, 'program-phone-ru');
    await page.locator('[data-testid="view-calendar"]').tap();
    await page.locator('[data-testid="calendar"]').waitFor();
    await shoot(page, 'program-calendar-phone-ru');

    await page.goto(`/astana/performances/${seatedId}`);
    await page.locator('[data-testid="seat-map"]').waitFor();
    await page.locator('[data-seat="stalls-A-9"]').tap();
    await expect(page.locator('[data-seat="stalls-A-9"]').getAttribute('aria-checked')).resolves.toBe('true');
    const box = await page.locator('[data-seat="stalls-A-9"] .seat-hit').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
    await page.locator('[data-testid="zoom-in"]').tap();
    await shoot(page, 'booking-phone-ru');
    await page.locator('[data-seat="stalls-A-9"]').tap();
    await page.locator('#best-qty').fill('2');
    await page.locator('[data-testid="best-submit"]').tap();
    await page.locator('[data-testid="held"]').waitFor();
    await expect(page.locator('[data-testid="held-list"] li').count()).resolves.toBe(2);
    await shoot(page, 'booking-held-phone-ru');
    await page.locator('[data-testid="release-hold"]').tap();
    await page.locator('[data-testid="choose-form"]').waitFor();

    // General admission by quantity, then a declined card.
    await page.goto(`/astana/performances/${standingId}`);
    const qty = page.locator('[data-testid^="area-qty-"]');
    await qty.fill('3');
    await page.locator('[data-testid="hold-submit"]').tap();
    await page.locator('[data-testid="held"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="hold-total"]').textContent()).toMatch(/9\s000\s₸/);
    await page.locator('input[name="email"]').fill('guest@example.kz');
    await page.locator('[data-testid="checkout-submit"]').tap();
    await page.locator('[data-testid="pay"]').tap();
    await page.waitForURL('**/sandbox-pay/**');
    await page.locator('#card').fill('4000000000000002');
    await page.locator('button.pay').tap();
    await page.waitForURL('**/orders/**');
    await expect
      .poll(() => page.locator('[data-testid="order-status"]').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('declined');
    await page.locator('[data-testid="book-again"]').waitFor();
    await noSerious(page);
    await shoot(page, 'order-declined-phone-ru');
    await context.close();
  });
});
