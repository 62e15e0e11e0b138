import type { MoveResult } from '../../togyz/game.ts';
import { BLACK_WINS, DRAW, type Outcome, WHITE_WINS } from '../../togyz/rules.ts';
import type { Translate } from '../i18n/locale.tsx';

export const sideName = (t: Translate, side: 0 | 1) => t(side === 0 ? 'togyz.white' : 'togyz.black');

/** "White wins, 85–60", or null while the game goes on. */
export function resultText(t: Translate, o: Outcome, score: readonly [number, number]): string | null {
  const [white, black] = score;
  if (o === WHITE_WINS) return t('togyz.result.white', { white, black });
  if (o === BLACK_WINS) return t('togyz.result.black', { white, black });
  if (o === DRAW) return t('togyz.result.draw');
  return null;
}

/** What a screen reader hears after a move. */
export function describeMove(t: Translate, r: MoveResult): string {
  const parts = [
    t('togyz.announce.move', { side: sideName(t, r.side), pit: r.pit + 1, notation: r.notation }),
  ];
  if (r.tuzdykMade) parts.push(t('togyz.announce.tuzdyk'));
  else if (r.captured > 0) parts.push(t('togyz.announce.capture', { count: r.captured }));
  const [white, black] = r.score;
  parts.push(t('togyz.announce.score', { white, black }));
  const end = resultText(t, r.outcome, r.score);
  if (end) parts.push(`${end}.`);
  return parts.join(' ');
}

const KEYLESS_INPUTS = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'file']);

/** True when a key press belongs to a control that reads keys (text, a list) rather than to the board. */
export function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !KEYLESS_INPUTS.has(target.type);
  return target.closest('textarea, select, [contenteditable]') !== null;
}
