import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import { LOCALES } from '../../src/common/locales.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { linkFromMail } from './mail.ts';
import { startTestServer, type TestServer } from './server.ts';

describe.skipIf(!hasChromium)('a visitor', () => {
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

  const fresh = (viewport?: { width: number; height: number }) => newPage(browser, server.url, viewport);
  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  it('opens the home page, a space, signs up, out and in, and reads the site in all four languages', async () => {
    const page = await fresh();
    await page.goto('/');
    await page.waitForURL('**/astana');
    await expect.poll(() => page.locator('h1').textContent()).toContain('ÓzgeEpic');
    const cards = page.locator('[data-testid="space-cards"] li');
    expect(await cards.count()).toBe(7);
    await shoot(page, 'home-en');

    // The hub switcher lists every hub of the network and opens another one.
    await page.locator('[data-testid="hub-switcher"] summary').click();
    const hubLinks = page.locator('[data-testid="hub-switcher"] a');
    expect(await hubLinks.count()).toBeGreaterThanOrEqual(2);
    await shoot(page, 'hub-switcher-en', false);
    await page.locator('[data-testid="hub-switcher"] a[href="/shymkent"]').click();
    await page.waitForURL('**/shymkent');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Shymkent');
    await page.keyboard.press('Escape');
    await page.goto('/astana');

    await cards.first().locator('a').click();
    await page.waitForURL('**/astana/spaces/**');
    await expect.poll(async () => (await page.locator('h1').textContent())?.trim()).not.toBe('');
    await shoot(page, 'space-en');

    const email = `aruzhan.${Date.now()}@example.kz`;
    const password = 'qazaq-tili-2026';
    await page.locator('[data-testid="nav-sign-up"]').click();
    await page.locator('input[name="name"]').fill('Аружан Сейітқызы');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('[data-testid="sign-up-form"] button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="signed-in-as"]').textContent()).toContain('Аружан');

    await page.locator('[data-testid="sign-out"]').click();
    await page.locator('[data-testid="nav-sign-in"]').waitFor();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(t('en', 'signOut.done'));

    await signIn(page, email, password);
    await page.goto('/astana');
    await page.locator('#spaces-title').waitFor();

    for (const locale of LOCALES) {
      await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
      await expect.poll(() => htmlLang(page)).toBe(locale);
      await expect
        .poll(() => page.locator('[data-testid="sign-out"]').textContent())
        .toBe(t(locale, 'header.signOut'));
      await expect
        .poll(() => page.locator('#spaces-title').textContent())
        .toContain(t(locale, 'home.spaces'));
      await expect(
        page.locator('.lang-switcher [aria-pressed="true"]').getAttribute('data-locale'),
      ).resolves.toBe(locale);
      if (locale !== 'en') await shoot(page, `home-${locale}`);
    }
    // The last choice survives a reload and is saved to the account.
    await page.reload();
    await page.locator('#spaces-title').waitFor();
    expect(await htmlLang(page)).toBe('en');
    await page.locator('.lang-switcher button[data-locale="ru"]').click();
    await expect.poll(() => htmlLang(page)).toBe('ru');
    await page.reload();
    await page.locator('#spaces-title').waitFor();
    expect(await htmlLang(page)).toBe('ru');
    await expect.poll(() => page.locator('#spaces-title').textContent()).toContain(t('ru', 'home.spaces'));
    await expect
      .poll(async () => (await (await page.request.get('/api/v1/session')).json()).user?.locale)
      .toBe('ru');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'locale')?.value).toBe('ru');

    await page.locator('[data-testid="sign-out"]').click();
    await page.locator('[data-testid="nav-sign-in"]').waitFor();
    expect(await htmlLang(page)).toBe('ru');
    await page.context().close();
  });

  it('shows field errors next to their fields in the reader’s language', async () => {
    const page = await fresh();
    await page.goto('/sign-up');
    await page.locator('.lang-switcher button[data-locale="kk"]').click();
    await page.locator('input[name="email"]').fill('not-an-email');
    await page.locator('input[name="password"]').fill('short');
    await page.locator('[data-testid="sign-up-form"] button[type="submit"]').click();
    const errors = page.locator('.field-error');
    await expect(errors.allTextContents()).resolves.toEqual([
      t('kk', 'validation.required'),
      t('kk', 'validation.email'),
      t('kk', 'validation.passwordLength', { count: 10 }),
    ]);
    await expect(page.locator('input[name="email"]').getAttribute('aria-invalid')).resolves.toBe('true');

    // A problem from the server: the email is taken.
    await page.locator('input[name="name"]').fill('Дана');
    await page.locator('input[name="email"]').fill('director@astana.ozgeepic.kz');
    await page.locator('input[name="password"]').fill('long-enough-password');
    await page.locator('[data-testid="sign-up-form"] button[type="submit"]').click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain(t('kk', 'problem.email_taken'));

    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill('director@astana.ozgeepic.kz');
    await page.locator('input[name="password"]').fill('wrong-password');
    await page.locator('[data-testid="sign-in-form"] button[type="submit"]').click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain(t('kk', 'problem.invalid_credentials'));
    await shoot(page, 'sign-in-error-kk');

    // An address with no hub behind it says so.
    // (Wait for the answer: the page shows "loading" first.)
    await page.goto('/no-such-hub');
    await page.locator('main', { hasText: t('kk', 'problem.hub_not_found') }).waitFor();
    await page.goto('/astana/spaces/no-such-space');
    await page.locator('h1', { hasText: t('kk', 'notFound.title') }).waitFor();
    await page.context().close();
  });

  it('resets a forgotten password by the emailed link, once', async () => {
    const page = await fresh();
    const email = `bolat.${Date.now()}@example.kz`;
    // The account is made through the API, as the sign-up page was walked above.
    const { csrfToken } = await (await page.request.get('/api/v1/session')).json();
    const created = await page.request.post('/api/v1/auth/sign-up', {
      headers: { 'x-csrf-token': csrfToken },
      data: { email, password: 'first-password-1', name: 'Болат' },
    });
    expect(created.status()).toBe(201);
    await page.context().clearCookies();

    await page.goto('/sign-in');
    await page.getByRole('link', { name: t('en', 'signIn.forgot') }).click();
    await page.locator('input[name="email"]').fill(email);
    await page.locator('[data-testid="forgot-form"] button[type="submit"]').click();
    await page.locator('[data-testid="reset-sent"]').waitFor();

    const link = await linkFromMail(server.outboxDir, email, /\/reset-password\?token=/);
    expect(link.startsWith(server.url)).toBe(true);
    await page.goto(link);
    await page.locator('input[name="password"]').fill('second-password-2');
    await page.locator('[data-testid="reset-form"] button[type="submit"]').click();
    await page.waitForURL('**/sign-in?reset=done');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(t('en', 'signIn.passwordChanged'));

    await signIn(page, email, 'second-password-2');

    // The link works only once.
    await page.locator('[data-testid="sign-out"]').click();
    await page.locator('[data-testid="nav-sign-in"]').waitFor();
    await page.goto(link);
    await page.locator('input[name="password"]').fill('third-password-3');
    await page.locator('[data-testid="reset-form"] button[type="submit"]').click();
    // A spent token may be reported as invalid or as expired; either way the page says so.
    const locale = (await htmlLang(page)) as 'kk';
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(new RegExp(`${t(locale, 'problem.token_invalid')}|${t(locale, 'problem.token_expired')}`));
    await page.context().close();
  });

  it('fits a 360 px phone without horizontal scrolling', async () => {
    const page = await fresh({ width: 360, height: 740 });
    for (const locale of ['kk', 'en'] as const) {
      await page.goto('/astana');
      await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
      await page.locator('[data-testid="space-cards"]').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shoot(page, `phone-home-${locale}`);
      await shoot(page, `phone-home-top-${locale}`, false);
    }
    for (const path of ['/astana/spaces/ethno-museum', '/sign-in', '/sign-up']) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await shoot(page, 'phone-sign-up-en');
    await page.context().close();
  });
});
