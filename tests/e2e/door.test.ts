// The door scanner in the browser: each verdict, entry and exit, the live count, a scan made
// offline and synced later (the page itself reloading with no network), and one ticket let in
// by two offline phones, caught when the second syncs. Scans go through the manual field.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import type { Locale } from '../../src/common/locales.ts';
import { type Api, apiAs, createPerformance } from './api.ts';
import { seriousViolations } from './axe.ts';
import { CHROMIUM, hasChromium, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

const HUB = 'astana';
const BOX_OFFICE = 'boxoffice@astana.ozgeepic.kz';
const PHONE = { width: 390, height: 844 };

interface Order {
  id: string;
  number: number;
  tickets: { id: string; qr: string; seatId: string | null }[];
}

/** A desk sale for cash: hold, then pay. */
async function sell(staff: Api, performanceId: string, hold: unknown): Promise<Order> {
  const h = await staff.post(`/hubs/${HUB}/performances/${performanceId}/holds`, hold);
  expect(h.status, JSON.stringify(h.body)).toBe(201);
  const o = await staff.post(
    `/hubs/${HUB}/orders`,
    { holdId: (h.body as { id: string }).id, buyer: {}, payment: { provider: 'desk', method: 'cash' } },
    { 'idempotency-key': crypto.randomUUID() },
  );
  expect(o.status, JSON.stringify(o.body)).toBe(201);
  return o.body as Order;
}

function launchWithFakeCamera(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // a synthetic camera (a test pattern, no QR code in it): the scanner starts its camera as on a phone
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

async function setLocale(page: Page, locale: Locale): Promise<void> {
  await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** Opens the scanner for a performance through the picker, in a language. */
async function openScanner(page: Page, title: string, locale: Locale = 'en'): Promise<void> {
  await page.goto(`/back-office/${HUB}/door`);
  await setLocale(page, locale);
  const search = page.locator('[data-testid="door-picker-search"]');
  await search.fill(title);
  await expect.poll(() => page.locator('[data-testid="perf-option"]').count()).toBe(1);
  await search.press('Enter');
  await page.locator('[data-testid="door-scanner"][data-ready="true"]').waitFor();
}

/** Scans by the manual field and answers the verdict on screen. */
async function scan(page: Page, token: string): Promise<string | null> {
  const root = page.locator('[data-testid="door-scanner"]');
  const before = Number(await root.getAttribute('data-scans'));
  await page.locator('[data-testid="door-code"]').fill(token);
  await page.locator('[data-testid="door-code"]').press('Enter');
  await page.locator(`[data-testid="door-scanner"][data-scans="${before + 1}"]`).waitFor();
  return page.locator('[data-testid="door-verdict"]').getAttribute('data-verdict');
}

const pending = (page: Page) => page.locator('[data-testid="door-pending"]').getAttribute('data-count');
const inside = (page: Page) => page.locator('[data-testid="door-inside"]').textContent();

describe.skipIf(!hasChromium)('the door scanner', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: Api;
  let staff: Api;
  const title = `Door journey ${Math.random().toString(36).slice(2, 6)}`;
  let perf: { id: string; areaId: string };
  let standing: Order;
  let seated: Order;
  let refunded: Order;
  let exchanged: Order;
  let elsewhere: Order;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchWithFakeCamera();
    manager = await apiAs(server.url, 'program@astana.ozgeepic.kz');
    staff = await apiAs(server.url, BOX_OFFICE);
    perf = await createPerformance(manager, title);
    const other = await createPerformance(manager, `Elsewhere ${Math.random().toString(36).slice(2, 6)}`);
    standing = await sell(staff, perf.id, { areas: [{ areaId: perf.areaId, quantity: 6 }] });
    seated = await sell(staff, perf.id, { seats: ['stalls-B-2'] });
    refunded = await sell(staff, perf.id, { seats: ['stalls-B-3'] });
    const r = await staff.post(`/hubs/${HUB}/orders/${refunded.id}/refund`, { reason: 'door test' });
    expect(r.status).toBe(200);
    exchanged = await sell(staff, perf.id, { seats: ['stalls-B-4'] });
    const x = await staff.post(
      `/hubs/${HUB}/orders/${exchanged.id}/exchanges`,
      {
        tickets: [exchanged.tickets[0]?.id],
        performanceId: perf.id,
        seats: ['stalls-B-5'],
        reason: 'door test',
      },
      { 'idempotency-key': `door-test-${Math.random().toString(36).slice(2, 10)}` },
    );
    expect(x.status).toBe(201);
    elsewhere = await sell(staff, other.id, { seats: ['stalls-A-2'] });
  });
  afterAll(async () => {
    await manager?.dispose();
    await staff?.dispose();
    await browser?.close();
    await server?.close();
    expect(offsiteRequests).toEqual([]);
  });

  const ticket = (order: Order, i = 0) => {
    const q = order.tickets[i]?.qr;
    if (!q) throw new Error(`order ${order.number} has no ticket ${i}`);
    return q;
  };

  it('shows valid, already used (with when), wrong event, refunded, exchanged and forged, each distinctly; entry, exit and the count', async () => {
    const page = await newPage(browser, server.url, PHONE);
    await signIn(page, BOX_OFFICE);
    await page.goto(`/back-office/${HUB}`);
    await page.locator('[data-testid="bo-nav-door"]').click();
    await page.locator('[data-testid="door-pick"]').waitFor();
    await openScanner(page, title, 'en');
    await shoot(page, 'door-scanner-phone-en');

    expect(await scan(page, ticket(seated))).toBe('valid');
    await expect
      .poll(() => page.locator('[data-testid="door-verdict"]').textContent())
      .toContain(t('en', 'door.verdict.valid'));
    await shoot(page, 'door-verdict-valid-phone-en', false);
    await expect.poll(() => inside(page)).toBe('1');

    expect(await scan(page, ticket(seated))).toBe('already_used');
    const used = await page.locator('[data-testid="door-verdict"]').textContent();
    expect(used).toContain(t('en', 'door.verdict.already_used'));
    expect(used).toMatch(/came in at \d\d:\d\d:\d\d/);
    await shoot(page, 'door-verdict-already-used-phone-en', false);

    expect(await scan(page, ticket(elsewhere))).toBe('wrong_event');
    await shoot(page, 'door-verdict-wrong-event-phone-en', false);
    expect(await scan(page, ticket(refunded))).toBe('refunded');
    await shoot(page, 'door-verdict-refunded-phone-en', false);
    // A ticket given back for another at the desk: its code is still signed, but void.
    expect(await scan(page, ticket(exchanged))).toBe('exchanged');
    await expect
      .poll(() => page.locator('[data-testid="door-verdict"]').textContent())
      .toContain(t('en', 'door.detail.exchanged'));
    await shoot(page, 'door-verdict-exchanged-phone-en', false);
    const qr = ticket(standing, 5);
    const forged = `${qr.slice(0, -3)}${qr.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(await scan(page, forged)).toBe('forged');
    await shoot(page, 'door-verdict-forged-phone-en', false);
    expect(await scan(page, 'just some text')).toBe('forged');

    // Exit, and an exit by a ticket that never came in.
    await page.locator('[data-testid="door-mode-out"]').click();
    expect(await scan(page, ticket(seated))).toBe('valid');
    await expect
      .poll(() => page.locator('[data-testid="door-verdict"]').textContent())
      .toContain(t('en', 'door.verdict.exit'));
    await expect.poll(() => inside(page)).toBe('0');
    expect(await scan(page, ticket(standing, 4))).toBe('not_inside');
    await page.locator('[data-testid="door-mode-in"]').click();
    expect(await scan(page, ticket(seated))).toBe('valid');
    await expect.poll(() => inside(page)).toBe('1');
    await expect.poll(() => pending(page)).toBe('0');
    // The server agreed with every local decision.
    await expect(page.locator('[data-testid="door-correction"]').count()).resolves.toBe(0);
    await shoot(page, 'door-scanner-recent-phone-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('scans offline, reopens with no network, and syncs and counts when the network returns', async () => {
    const page = await newPage(browser, server.url, PHONE);
    const context = page.context();
    await signIn(page, BOX_OFFICE);
    await openScanner(page, title, 'kk');
    // The worker has kept the app shell, this page's chunks and the API answers it starts from.
    await page.locator('[data-testid="door-net"][data-offline-ready="true"]').waitFor();
    const before = Number(await inside(page));

    await context.setOffline(true);
    await expect
      .poll(() => page.locator('[data-testid="door-net"]').getAttribute('data-online'))
      .toBe('false');
    expect(await scan(page, ticket(standing, 0))).toBe('valid');
    await expect.poll(() => pending(page)).toBe('1');
    await shoot(page, 'door-offline-valid-phone-kk', false);

    // With no network at all (not even for the service worker), the page opens from the cache.
    const url = `/api/v1/hubs/${HUB}/performances/${perf.id}/door-list`;
    expect(
      await page.evaluate(
        (u) =>
          fetch(u).then(
            () => 'reached',
            () => 'offline',
          ),
        url,
      ),
    ).toBe('offline');
    await page.reload();
    await page.locator('[data-testid="door-scanner"][data-ready="true"]').waitFor();
    await expect.poll(() => pending(page)).toBe('1');
    // The same ticket again, still offline: this device remembers it came in.
    expect(await scan(page, ticket(standing, 0))).toBe('already_used');
    await shoot(page, 'door-offline-reloaded-phone-kk');

    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe('0');
    await expect.poll(async () => Number(await inside(page))).toBe(before + 1);
    const attendance = (await staff.get(`/hubs/${HUB}/performances/${perf.id}/attendance`)).body as {
      inside: number;
    };
    expect(attendance.inside).toBe(before + 1);
    await shoot(page, 'door-synced-phone-kk');
    await context.close();
  });

  it('flags one ticket let in by two offline phones when the second syncs', async () => {
    const phoneA = await newPage(browser, server.url, PHONE);
    const phoneB = await newPage(browser, server.url, PHONE);
    await signIn(phoneA, BOX_OFFICE);
    await signIn(phoneB, BOX_OFFICE);
    await openScanner(phoneA, title, 'ru');
    await openScanner(phoneB, title, 'ru');
    await phoneA.context().setOffline(true);
    await phoneB.context().setOffline(true);
    const shared = ticket(standing, 1);
    expect(await scan(phoneA, shared)).toBe('valid');
    expect(await scan(phoneB, shared)).toBe('valid');

    await phoneA.context().setOffline(false);
    await expect.poll(() => pending(phoneA), { timeout: 15_000 }).toBe('0');
    await phoneB.context().setOffline(false);
    await expect.poll(() => pending(phoneB), { timeout: 15_000 }).toBe('0');
    const correction = phoneB.locator('[data-testid="door-correction"]');
    await correction.waitFor();
    await expect(correction.getAttribute('data-verdict')).resolves.toBe('already_used');
    await expect
      .poll(() => correction.textContent())
      .toContain(t('ru', 'door.correction.otherDoor', { time: '' }).trim());
    await expect(phoneA.locator('[data-testid="door-correction"]').count()).resolves.toBe(0);
    await shoot(phoneB, 'door-two-devices-corrected-phone-ru');
    expect(await seriousViolations(phoneB)).toEqual([]);
    await phoneA.context().close();
    await phoneB.context().close();
  });

  it('picks a performance on a desktop too, passing axe, in Latin Kazakh', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, BOX_OFFICE);
    await page.goto(`/back-office/${HUB}/door`);
    await setLocale(page, 'kk-Latn');
    await page.locator('[data-testid="door-picker-search"]').fill(title);
    await expect.poll(() => page.locator('[data-testid="perf-option"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'door-picker-desktop-kk-Latn');
    await page.locator('[data-testid="perf-option"]').first().click();
    await page.locator('[data-testid="door-scanner"][data-ready="true"]').waitFor();
    expect(await scan(page, ticket(standing, 2))).toBe('valid');
    await shoot(page, 'door-verdict-valid-desktop-kk-Latn', false);
    await page.context().close();
  });
});
