// Togyz kumalak in the browser: a whole game against the computer played by keyboard, undo,
// the game copied as PGN, and a real PlayOK record replayed to its end; on desktop and phone.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/common/i18n/index.ts';
import type { Locale } from '../../src/common/locales.ts';
import { Game } from '../../src/togyz/game.ts';
import { seriousViolations } from './axe.ts';
import { hasChromium, launchBrowser, newPage, offsiteRequests, shoot } from './browser.ts';
import { startTestServer, type TestServer } from './server.ts';

// A short online game (PlayOK, 2025) that ends 82–48 with a tuzdyk on each side.
const RECORD = `[Event "?"]
[Site "PlayOK"]
[Date "2025.10.18"]
[Round "-"]
[White "darru"]
[Black "kokbyrysh"]
[Result "1-0"]
[Time "15:15:58"]
[TimeControl "180"]
[WhiteElo "1458"]
[BlackElo "1457"]

1. 76(10) 87(2) 2. 99 91 3. 78 91(14) 4. 45(22) 77(16) 5.
58(26) 15(18) 6. 25X 27X 7. 94 31 8. 49 93 9. 31 34 10. 16
15 11. 51(35) 34 12. 12 91 13. 46 91(27) 14. 56 82 15. 12
89 16. 45 91 17. 34 73(29) 18. 12 91(31) 19. 61(38) 63(35)
20. 24(62) 92(38) 21. 82(71) 82(41) 22. 99(76) 72 23. 16 14
24. 48 81(44) 25. 35 68 26. 81(78) 89 27. 91 89 28. 53 24
29. 63 93(48) 30. 81(82) 1-0
`;

describe.skipIf(!hasChromium)('togyz kumalak board', () => {
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

  async function open(locale: Locale, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(browser, server.url, viewport);
    await page.context().addInitScript((l) => localStorage.setItem('locale', l), locale);
    await page.goto('/astana/spaces/games');
    await page.locator('[data-testid="togyz-link"]').click();
    await page.waitForURL('**/astana/games/togyz');
    await page.locator('[data-testid="togyz-board"]').waitFor();
    return page;
  }

  const plies = (page: Page) =>
    page.locator('[data-testid="togyz-moves"] .tz-move:not(.tz-move-empty)').count();
  const kazan = async (page: Page, side: 'white' | 'black') =>
    Number(await page.locator(`[data-kazan="${side}"]`).getAttribute('data-count'));
  /** Waits, once there are more than `after` plies, until the visitor may move again or the game is over. */
  const settled = (page: Page, after: number) =>
    page.waitForFunction(
      (n) =>
        document.querySelectorAll('[data-testid="togyz-moves"] .tz-move:not(.tz-move-empty)').length > n &&
        (document.querySelector('.tz-playable') !== null ||
          document.querySelector('.tz-status-over') !== null),
      after,
    );

  /** Plays the first highlighted pit by its number key; returns the plies after the reply. */
  async function playByKey(page: Page): Promise<number> {
    const before = await plies(page);
    const pit = await page.locator('.tz-row-bottom .tz-playable').first().getAttribute('data-pit');
    await page.keyboard.press(String(pit));
    await settled(page, before);
    return plies(page);
  }

  it('plays a whole game against the computer by keyboard, with undo and the record as PGN', async () => {
    const page = await open('en');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await expect.poll(() => page.locator('h1').textContent()).toBe(t('en', 'togyz.title'));
    await page.locator('[data-testid="togyz-speed"]').selectOption('off');
    await page.locator('[data-testid="togyz-level"]').selectOption('1');

    // Nine pits a side, each a button that says its number and stones; white's are playable.
    const pits = page.locator('.tz-pit');
    expect(await pits.count()).toBe(18);
    await expect(page.locator('.tz-row-bottom .tz-pit').first().getAttribute('aria-label')).resolves.toBe(
      `${t('en', 'togyz.pitLabel', { side: 'White', pit: 1, stones: '9 stones' })}, ${t('en', 'togyz.pitPlayable')}`,
    );
    expect(await page.locator('.tz-playable').count()).toBe(9);
    expect(await seriousViolations(page)).toEqual([]);

    // Three moves, then take the last one back: the computer's reply goes too.
    for (let i = 0; i < 3; i++) await playByKey(page);
    expect(await plies(page)).toBe(6);
    await page.locator('[data-testid="togyz-undo"]').click();
    expect(await plies(page)).toBe(4);
    await expect(page.locator('.tz-playable').first().waitFor()).resolves.toBeUndefined();
    await expect.poll(() => page.locator('[data-testid="togyz-live"]').textContent()).toContain('White');

    let n = await plies(page);
    while (!(await page.locator('.tz-status-over').count())) {
      n = await playByKey(page);
      if (n >= 24 && n <= 25) await shoot(page, 'togyz-desktop-en-midgame');
      expect(n).toBeLessThan(400);
    }
    const status = (await page.locator('[data-testid="togyz-status"]').textContent()) ?? '';
    const white = await kazan(page, 'white');
    const black = await kazan(page, 'black');
    expect(white + black).toBeGreaterThan(81);
    expect(status).toMatch(/wins|draw/);

    // The record on the page is legal and ends where the board does.
    const pgn = await page.locator('[data-testid="togyz-pgn"]').inputValue();
    const replayed = Game.fromPgn(pgn);
    expect(replayed.isOver()).toBe(true);
    expect(replayed.score()).toEqual([white, black]);
    expect(replayed.moves.length).toBe(n);
    expect(pgn).toContain('[White "You"]');
    await page.locator('[data-testid="togyz-copy"]').click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(pgn);
    await shoot(page, 'togyz-desktop-en-finished');

    // Two people on one device: keys play for whichever side is to move; flip and take back.
    await page.locator('[data-testid="togyz-mode-friend"]').click();
    expect(await plies(page)).toBe(0);
    await page.keyboard.press('7');
    await page.keyboard.press('3');
    await expect.poll(() => plies(page)).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid="togyz-moves"] li').first().textContent())
      .toBe('1.76(10)33(10)');
    await page.getByRole('button', { name: t('en', 'togyz.flip') }).click();
    await expect(page.locator('.tz-row-bottom').getAttribute('data-side')).resolves.toBe('black');
    await page.locator('[data-testid="togyz-undo"]').click();
    await expect.poll(() => plies(page)).toBe(1);
  });

  it('replays a real game from its PGN, stepping by buttons and arrow keys', async () => {
    const page = await open('kk');
    await page.locator('[data-testid="togyz-mode-replay"]').click();
    await page.locator('[data-testid="togyz-load"]').click();
    await expect
      .poll(() => page.locator('[data-testid="togyz-replay-error"]').textContent())
      .toBe(t('kk', 'togyz.replay.empty'));
    await page.locator('[data-testid="togyz-pgn-input"]').fill(RECORD);
    await page.locator('[data-testid="togyz-load"]').click();
    await page.locator('[data-testid="togyz-board"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="togyz-status"]').textContent())
      .toContain(t('kk', 'togyz.replay.start'));

    await page.locator('[data-testid="togyz-next"]').click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.locator('[data-testid="togyz-status"]').textContent())
      .toContain(t('kk', 'togyz.replay.step', { n: 12, total: 59 }));
    // After move 6 (25X 27X) each side owns a tuzdyk.
    expect(await page.locator('.tz-tuzdyk').count()).toBe(2);
    await page.waitForTimeout(700);
    await shoot(page, 'togyz-desktop-kk-replay');

    await page.keyboard.press('End');
    await expect
      .poll(() => page.locator('[data-testid="togyz-status"]').textContent())
      .toContain(t('kk', 'togyz.result.white', { white: 82, black: 48 }));
    expect(await kazan(page, 'white')).toBe(82);
    expect(await kazan(page, 'black')).toBe(48);
    await page.locator('[data-testid="togyz-last"]').isDisabled();
    await page.keyboard.press('Home');
    expect(await kazan(page, 'white')).toBe(0);

    // A broken record is refused with the move and the reason.
    await page.locator('[data-testid="togyz-pgn-input"]').fill(RECORD.replace('2. 99 91', '2. 99 92'));
    await page.locator('[data-testid="togyz-load"]').click();
    await expect
      .poll(() => page.locator('[data-testid="togyz-replay-error"]').textContent())
      .toContain('move 2');
  });

  it('fits a phone: a game with the sowing animated, and the replay viewer', async () => {
    const page = await open('ru', { width: 360, height: 780 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.locator('[data-testid="togyz-level"]').selectOption('1');
    for (let i = 0; i < 8; i++) await playByKey(page);
    // Tap a pit; catch the sowing half way.
    const before = await plies(page);
    const counts = await page
      .locator('.tz-row-bottom .tz-playable')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    const richest = counts.indexOf(Math.max(...counts));
    await page.locator('.tz-row-bottom .tz-playable').nth(richest).click();
    await page.waitForSelector('.tz-sowing');
    await page.locator('[data-testid="togyz-board"]').scrollIntoViewIfNeeded();
    await shoot(page, 'togyz-phone-ru-sowing', false);
    await settled(page, before);
    await page.locator('[data-testid="togyz-board"]').scrollIntoViewIfNeeded();
    await shoot(page, 'togyz-phone-ru-midgame');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.locator('[data-testid="togyz-mode-replay"]').click();
    await page.locator('[data-testid="togyz-pgn-input"]').fill(RECORD);
    await page.locator('[data-testid="togyz-load"]').click();
    for (let i = 0; i < 20; i++) await page.locator('[data-testid="togyz-next"]').click();
    await page.waitForTimeout(1500);
    await shoot(page, 'togyz-phone-ru-replay');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('[data-testid="togyz-last"]').click();
    expect(await kazan(page, 'white')).toBe(82);
  });

  it('fits a tablet in portrait, playing black against the computer', async () => {
    const page = await open('kk-Latn', { width: 820, height: 1180 });
    await page.locator('[data-testid="togyz-speed"]').selectOption('fast');
    await page.locator('[data-testid="togyz-level"]').selectOption('3');
    await page.locator('[data-testid="togyz-colour-black"]').check();
    // The computer opens as white; the board turns so that black sits at the bottom.
    await settled(page, 0);
    await expect(page.locator('.tz-row-bottom').getAttribute('data-side')).resolves.toBe('black');
    for (let i = 0; i < 6; i++) await playByKey(page);
    expect(await plies(page)).toBe(13);
    await shoot(page, 'togyz-tablet-kk-latn-midgame', false);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
