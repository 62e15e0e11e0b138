// What many browser journeys check on a page: the language switch, axe, and a phone's width.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './axe.ts';

/** A narrow phone, the width every page must fit without sideways scrolling. */
export const PHONE = { width: 360, height: 780 };

/** Switches the site's language by its switcher and waits until the page says it is in it. */
export async function setLocale(page: Page, locale: string): Promise<void> {
  await page.locator(`.lang-switcher button[data-locale="${locale}"]`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** axe finds nothing serious or critical. */
export async function noSerious(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The page is no wider than a phone. */
export async function noSideways(page: Page, width = PHONE.width): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}
