// A program manager in the back office: imports a seat map from a JSON file (and sees why a
// bad one is refused), creates an event, adds a date with that map, holds two seats back for
// the press and releases one.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import { astanaDay } from './api.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { noSerious } from './checks.ts';
import { startTestServer, type TestServer } from './server.ts';

const LAYOUT = {
  sections: [
    {
      id: 'stalls',
      name: { kk: 'Партер', ru: 'Партер', en: 'Stalls' },
      rows: [
        { label: 'A', seats: 8, category: 'A', aisleAfter: [4] },
        { label: 'B', seats: 8, category: 'A', aisleAfter: [4], wheelchair: [1] },
      ],
    },
    {
      id: 'balcony',
      name: { kk: 'Балкон', ru: 'Балкон', en: 'Balcony' },
      rows: [{ label: 'E', seats: 10, category: 'B' }],
    },
  ],
};

const file = (name: string, content: string) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(content),
});

describe.skipIf(!hasChromium)('a program manager', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  it('imports a seat map, creates an event with a date on it, and holds two seats back', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'program@astana.ozgeepic.kz');
    await page.locator('.lang-switcher button[data-locale="en"]').click();
    await page.goto('/back-office/astana');
    await page.locator('[data-testid="bo-nav-program"]').click();
    await page.waitForURL('**/back-office/astana/program');
    await page.locator('[data-testid="bo-events"]').waitFor();
    await noSerious(page);
    await shoot(page, 'bo-program-en');

    // Seat maps: a file that is not JSON, one the server refuses, then a good one.
    await page.locator('[data-testid="seat-maps-link"]').click();
    await page.locator('[data-testid="seat-map-import"]').waitFor();
    await page.locator('#map-space').selectOption({ index: 0 });
    const theater = await page.locator('#map-space').inputValue();
    await page
      .locator('[data-testid="seat-map-file"]')
      .setInputFiles(file('broken.json', '{ "sections": [ '));
    await page.locator('[data-testid="seat-map-submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="import-errors"]').textContent())
      .toContain('not valid JSON');
    await page.locator('[data-testid="seat-map-file"]').setInputFiles(
      file(
        'wrong.json',
        JSON.stringify({
          sections: [{ id: 'stalls', name: {}, rows: [{ label: 'A', seats: 0, category: 'A' }] }],
        }),
      ),
    );
    await page.locator('[data-testid="seat-map-submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="import-errors"]').textContent())
      .toContain(t('en', 'problem.validation_failed'));
    await expect
      .poll(() => page.locator('[data-testid="import-errors"] li').first().textContent())
      .toContain('seats');
    await shoot(page, 'bo-seat-map-error-en');
    await page.locator('#map-name').fill('Main stage 2026');
    await page
      .locator('[data-testid="seat-map-file"]')
      .setInputFiles(file('main-stage.json', JSON.stringify(LAYOUT)));
    await page.locator('[data-testid="seat-map-submit"]').click();
    await expect
      .poll(() => page.locator('[role="status"]').allTextContents())
      .toContain(t('en', 'program.bo.maps.imported', { name: 'Main stage 2026', count: 26 }));
    await expect
      .poll(() => page.locator('[data-testid="seat-map-list"]').textContent())
      .toContain('Main stage 2026');
    await noSerious(page);
    await shoot(page, 'bo-seat-maps-en');

    // A new event.
    await page.goto('/back-office/astana/program/events/new');
    await page.locator('[data-testid="event-form"]').waitFor();
    await page.locator('input[name="slug"]').fill('abai-readings-test');
    await page.locator('#event-kind').selectOption('literary_evening');
    await page.locator('#event-status').selectOption('published');
    await page.locator('input[name="title.kk"]').fill('Абай оқулары');
    await page.locator('input[name="title.ru"]').fill('Абаевские чтения');
    await page.locator('input[name="title.en"]').fill('Abai readings');
    await page.locator('textarea[name="description.en"]').fill('Poems and words of edification read aloud.');
    await noSerious(page);
    await shoot(page, 'bo-event-new-en');
    await page.locator('[data-testid="event-submit"]').click();
    await page.waitForURL('**/program/events/abai-readings-test');
    await expect
      .poll(() => page.locator('[data-testid="event-status"]').textContent())
      .toBe(t('en', 'program.bo.status.published'));

    // A date with the imported map.
    await page.locator('[data-testid="add-performance"] summary').click();
    const form = page.locator('[data-testid="performance-form"]');
    await form.locator('select[name="space"]').selectOption(theater);
    const day = astanaDay(20);
    await form.locator('input[name="startsAt"]').fill(`${day}T19:00`);
    await form.locator('input[name="endsAt"]').fill(`${day}T21:00`);
    await form.locator('input[name="price-amount-0"]').fill('6000');
    await form.locator('input[name="price-name-0.en"]').fill('Stalls');
    await form.locator('[data-testid="add-price"]').click();
    await form.locator('input[name="price-amount-1"]').fill('3000');
    await form.locator('input[name="price-name-1.en"]').fill('Balcony');
    await expect
      .poll(() => form.locator('[data-testid="seat-map-select"] option').count())
      .toBeGreaterThan(1);
    await form
      .locator('[data-testid="seat-map-select"]')
      .selectOption({ label: 'Main stage 2026 (26 seats)' });
    await shoot(page, 'bo-performance-form-en');
    await form.locator('[data-testid="performance-submit"]').click();
    await page.locator('[data-testid="bo-performances"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="bo-performances"]').textContent()).toContain('19:00');
    await noSerious(page);
    await shoot(page, 'bo-event-en');

    // Hold two seats back for the press, then release one.
    await page.locator('[data-testid="bo-performance-link"]').first().click();
    await page.locator('[data-testid="seat-map"]').waitFor();
    await page.locator('[data-seat="stalls-A-4"]').click();
    await page.locator('[data-seat="stalls-A-5"]').click();
    await page.locator('[data-testid="block-reason"]').selectOption('press');
    await page.locator('[data-testid="block-submit"]').click();
    await expect
      .poll(() => page.locator('[data-seat="stalls-A-4"]').getAttribute('data-status'))
      .toBe('blocked');
    await expect(page.locator('[data-seat="stalls-A-5"]').getAttribute('data-status')).resolves.toBe(
      'blocked',
    );
    await expect(page.locator('[role="status"]').allTextContents()).resolves.toContain(
      t('en', 'program.bo.block.done', { seats: 'Stalls · Row A · Seat 4; Stalls · Row A · Seat 5' }),
    );
    await noSerious(page);
    await shoot(page, 'bo-blocked-en');
    // The public map shows them as not for sale.
    const publicSeats = (await (
      await page.request.get(`/api/v1/hubs/astana/performances/${page.url().split('/').pop()}/seats`)
    ).json()) as { id: string; status: string }[];
    expect(publicSeats.filter((s) => s.status === 'blocked').map((s) => s.id)).toEqual([
      'stalls-A-4',
      'stalls-A-5',
    ]);

    await page.locator('[data-seat="stalls-A-5"]').click();
    await page.locator('[data-testid="unblock-submit"]').click();
    await expect
      .poll(() => page.locator('[data-seat="stalls-A-5"]').getAttribute('data-status'))
      .toBe('available');
    await page.locator('.lang-switcher button[data-locale="kk"]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('kk', 'program.bo.block.title'));
    await shoot(page, 'bo-blocked-kk');

    // The new event is on the public program.
    await page.goto('/astana/events/abai-readings-test');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Абай оқулары');
  });

  it('works on a phone', async () => {
    const page = await newPage(browser, server.url, { width: 360, height: 780 });
    await signIn(page, 'program@astana.ozgeepic.kz');
    await page.locator('.lang-switcher button[data-locale="en"]').click();
    await page.goto('/back-office/astana/program');
    await page.locator('[data-testid="bo-events"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot(page, 'bo-program-phone-en');
    await page.goto('/back-office/astana/program/events/new');
    await page.locator('[data-testid="event-form"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shoot(page, 'bo-event-new-phone-en');
  });
});
