import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot, signIn } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

describe.skipIf(!hasChromium)('accessibility (axe-core)', () => {
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

  for (const locale of ['kk', 'en'] as const) {
    it(`finds no serious violation on the public pages (${locale})`, async () => {
      const page = await newPage(browser, server.url);
      await page.goto('/astana');
      await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
      for (const path of ['/astana', '/astana/spaces/theater', '/sign-in', '/sign-up', '/forgot-password']) {
        await page.goto(path);
        await page.locator('h1').waitFor();
        expect(await seriousViolations(page), path).toEqual([]);
      }
      await page.goto('/sign-in');
      await page.locator('[data-testid="sign-in-form"] button[type="submit"]').click();
      await page.locator('.field-error').first().waitFor();
      expect(await seriousViolations(page), 'sign-in with errors').toEqual([]);
      await shoot(page, `sign-in-errors-${locale}`);
      await page.context().close();
    });
  }

  it('finds no serious violation in the back office', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'admin@ozgeepic.kz');
    for (const section of ['', '/spaces', '/staff', '/audit', '/settings', '/hubs']) {
      await page.goto(`/back-office/astana${section}`);
      await page.locator('[data-testid="bo-nav"]').waitFor();
      await page.locator('.bo-content h1').waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      if (section === '/spaces') await page.locator('.editor-list summary').first().click();
      expect(await seriousViolations(page), section || 'overview').toEqual([]);
      await shoot(page, `bo${section.replace('/', '-') || '-overview'}-admin`);
    }
    await page.context().close();
  });

  it('moves keyboard focus through a skip link to the main content', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/astana');
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.context().close();
  });
});
