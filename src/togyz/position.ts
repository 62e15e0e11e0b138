// One-line position format, for saving and sharing positions:
//
//   <white pits>/<black pits> <white kazan>/<black kazan> <white tuzdyk>/<black tuzdyk> <side>
//
// - pits: stone counts of pits 1..n, comma-separated; n = 9 (togyz kumalak) or 5 (bestemshe)
// - kazans: the stones each player has taken
// - tuzdyks: the number (1..9) of the opponent's pit that is the player's tuzdyk, or "-"
// - side to move: "w" or "b"
//
// Start of togyz kumalak:  9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 -/- w
// Start of bestemshe:      5,5,5,5,5/5,5,5,5,5 0/0 -/- w
// Pits and kazans must add up to all stones (162 or 50); a tuzdyk pit holds no stones.

import {
  K_BLACK,
  K_WHITE,
  NO_TUZDYK,
  NPITS,
  newPosition,
  type Position,
  SIDE,
  TUZ_BLACK,
  TUZ_WHITE,
  totalStones,
} from './rules.ts';

export const START_POSITION = '9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 -/- w';
export const START_BESTEMSHE = '5,5,5,5,5/5,5,5,5,5 0/0 -/- w';

export class PositionError extends Error {
  override name = 'PositionError';
}

function int(text: string, what: string): number {
  if (!/^\d{1,3}$/.test(text)) throw new PositionError(`${what}: "${text}" is not a count`);
  return Number(text);
}

export function parsePosition(text: string): Position {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 4) {
    throw new PositionError(
      `expected 4 fields (pits kazans tuzdyks side), got ${fields.length}: e.g. "${START_POSITION}"`,
    );
  }
  const [pitsF, kazF, tuzF, sideF] = fields as [string, string, string, string];
  const sides = pitsF.split('/');
  if (sides.length !== 2) throw new PositionError('pits: expected white/black');
  const white = (sides[0] as string).split(',');
  const black = (sides[1] as string).split(',');
  const n = white.length;
  if ((n !== 9 && n !== 5) || black.length !== n) {
    throw new PositionError(
      `pits: need 9 (or 5 for bestemshe) per side, got ${white.length}/${black.length}`,
    );
  }
  const pos = newPosition(n === 5 ? 'bestemshe' : 'togyz');
  white.forEach((t, i) => {
    pos[i] = int(t, `white pit ${i + 1}`);
  });
  black.forEach((t, i) => {
    pos[n + i] = int(t, `black pit ${i + 1}`);
  });
  const kz = kazF.split('/');
  if (kz.length !== 2) throw new PositionError('kazans: expected white/black');
  pos[K_WHITE] = int(kz[0] as string, 'white kazan');
  pos[K_BLACK] = int(kz[1] as string, 'black kazan');
  const tz = tuzF.split('/');
  if (tz.length !== 2) throw new PositionError('tuzdyks: expected white/black, "-" for none');
  const tuz = tz.map((t, side) => {
    if (t === '-') return NO_TUZDYK;
    if (n !== 9) throw new PositionError('bestemshe has no tuzdyk');
    const k = int(t, `${side ? 'black' : 'white'} tuzdyk`);
    if (k < 1 || k > 8) throw new PositionError(`tuzdyk ${k}: must be pit 1..8 (never the 9th)`);
    // White's tuzdyk lies on black's side and vice versa.
    return (side === 0 ? n : 0) + k - 1;
  });
  pos[TUZ_WHITE] = tuz[0] as number;
  pos[TUZ_BLACK] = tuz[1] as number;
  if (tuz[0] !== NO_TUZDYK && tuz[1] !== NO_TUZDYK && (tuz[0] as number) - n === tuz[1]) {
    throw new PositionError('the two tuzdyks cannot have the same number');
  }
  for (const t of tuz) {
    if (t !== NO_TUZDYK && pos[t] !== 0) throw new PositionError('a tuzdyk pit must be empty');
  }
  if (sideF !== 'w' && sideF !== 'b') throw new PositionError(`side to move: "w" or "b", got "${sideF}"`);
  pos[SIDE] = sideF === 'b' ? 1 : 0;
  let sum = (pos[K_WHITE] as number) + (pos[K_BLACK] as number);
  for (let i = 0; i < 2 * n; i++) sum += pos[i] as number;
  if (sum !== totalStones(n)) {
    throw new PositionError(`stones add up to ${sum}, expected ${totalStones(n)}`);
  }
  return pos;
}

export function formatPosition(pos: Position): string {
  const n = pos[NPITS] as number;
  const white = Array.from(pos.subarray(0, n)).join(',');
  const black = Array.from(pos.subarray(n, 2 * n)).join(',');
  const tw = pos[TUZ_WHITE] as number;
  const tb = pos[TUZ_BLACK] as number;
  const tuz = `${tw === NO_TUZDYK ? '-' : tw - n + 1}/${tb === NO_TUZDYK ? '-' : tb + 1}`;
  return `${white}/${black} ${pos[K_WHITE]}/${pos[K_BLACK]} ${tuz} ${pos[SIDE] ? 'b' : 'w'}`;
}
