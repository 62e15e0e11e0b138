// Rules of togyz kumalak (and its children's variant bestemshe) on a flat typed array.
//
// A position is a Uint8Array of POS_SIZE bytes:
//   [0 .. n-1]      white's pits 1..n      [n .. 2n-1]  black's pits 1..n
//   [K_WHITE]       white's kazan          [K_BLACK]    black's kazan
//   [TUZ_WHITE]     index of white's tuzdyk (a pit on black's side) or NO_TUZDYK
//   [TUZ_BLACK]     index of black's tuzdyk (a pit on white's side) or NO_TUZDYK
//   [SIDE]          side to move: 0 white, 1 black
//   [NPITS]         pits per side: 9 (togyz kumalak) or 5 (bestemshe)
// Every count fits a byte: togyz has 162 stones, bestemshe 50.
// Moves are pit numbers 0..n-1 on the mover's own side. Copy-make: makeMove writes the
// child into a caller-owned array, so search and perft keep one array per ply and never allocate.

export const MAX_PITS = 18;
export const K_WHITE = 18;
export const K_BLACK = 19;
export const TUZ_WHITE = 20;
export const TUZ_BLACK = 21;
export const SIDE = 22;
export const NPITS = 23;
export const POS_SIZE = 24;
export const NO_TUZDYK = 255;
export const WHITE = 0;
export const BLACK = 1;

export type Position = Uint8Array;
export type Variant = 'togyz' | 'bestemshe';

export function pitsOf(variant: Variant): number {
  return variant === 'bestemshe' ? 5 : 9;
}

export function variantOf(pos: Position): Variant {
  return pos[NPITS] === 5 ? 'bestemshe' : 'togyz';
}

export function newPosition(variant: Variant = 'togyz'): Position {
  const n = pitsOf(variant);
  const pos = new Uint8Array(POS_SIZE);
  for (let i = 0; i < 2 * n; i++) pos[i] = n;
  pos[TUZ_WHITE] = NO_TUZDYK;
  pos[TUZ_BLACK] = NO_TUZDYK;
  pos[NPITS] = n;
  return pos;
}

export function copyPosition(pos: Position): Position {
  return Uint8Array.from(pos);
}

/** Stones in play plus both kazans; constant within a variant (2·n·n). */
export function totalStones(n: number): number {
  return 2 * n * n;
}

/** More than half of all stones wins: 82 of 162, 26 of 50. */
export function winThreshold(n: number): number {
  return n * n + 1;
}

/** Bit i set when the side to move may play its pit i. No moves once someone has won. */
export function legalMask(pos: Position): number {
  const n = pos[NPITS] as number;
  const half = n * n;
  if ((pos[K_WHITE] as number) > half || (pos[K_BLACK] as number) > half) return 0;
  const base = (pos[SIDE] as number) * n;
  let mask = 0;
  // The opponent's tuzdyk is always empty (stones sown into it go to a kazan), so
  // "non-empty" already excludes it.
  for (let i = 0; i < n; i++) if (pos[base + i] !== 0) mask |= 1 << i;
  return mask;
}

export function countMoves(pos: Position): number {
  const n = pos[NPITS] as number;
  const half = n * n;
  if ((pos[K_WHITE] as number) > half || (pos[K_BLACK] as number) > half) return 0;
  const base = (pos[SIDE] as number) * n;
  let c = 0;
  for (let i = base; i < base + n; i++) if (pos[i] !== 0) c++;
  return c;
}

export function legalMoves(pos: Position): number[] {
  const mask = legalMask(pos);
  const out: number[] = [];
  for (let i = 0; mask >> i; i++) if ((mask >> i) & 1) out.push(i);
  return out;
}

// makeMove's return value packs what happened, for notation and the game API.
export const LANDING_MASK = 0x1f; // global index of the pit the last stone reached
export const CAPTURE_SHIFT = 5; // stones captured from the landing pit (8 bits)
export const TUZDYK_MADE = 1 << 13;

/**
 * Plays pit `pit` (0-based, mover's side) of `src` into `dst` (may be the same array).
 * The caller guarantees legality (see legalMask).
 */
export function makeMove(src: Position, dst: Position, pit: number): number {
  if (dst !== src) dst.set(src);
  const n = dst[NPITS] as number;
  const ring = n + n;
  const side = dst[SIDE] as number;
  const from = side * n + pit;
  const stones = dst[from] as number;
  dst[from] = 0;
  // The first stone goes back into the pit it came from, unless it is the only one.
  let start = stones === 1 ? from + 1 : from;
  if (start === ring) start = 0;
  const laps = (stones / ring) | 0;
  let rem = stones - laps * ring;
  if (laps !== 0) for (let i = 0; i < ring; i++) (dst[i] as number) += laps;
  let i = start;
  while (rem-- > 0) {
    (dst[i] as number)++;
    if (++i === ring) i = 0;
  }
  let landing = start + stones - 1;
  while (landing >= ring) landing -= ring;
  // Stones sown into a tuzdyk belong to its owner.
  const tw = dst[TUZ_WHITE] as number;
  if (tw !== NO_TUZDYK && dst[tw] !== 0) {
    (dst[K_WHITE] as number) += dst[tw] as number;
    dst[tw] = 0;
  }
  const tb = dst[TUZ_BLACK] as number;
  if (tb !== NO_TUZDYK && dst[tb] !== 0) {
    (dst[K_BLACK] as number) += dst[tb] as number;
    dst[tb] = 0;
  }
  let info = landing;
  const oppBase = side === 0 ? n : 0;
  const local = landing - oppBase;
  if (local >= 0 && local < n) {
    const c = dst[landing] as number;
    if (c !== 0 && (c & 1) === 0) {
      (dst[K_WHITE + side] as number) += c;
      dst[landing] = 0;
      info |= c << CAPTURE_SHIFT;
    } else if (c === 3 && n === 9 && dst[TUZ_WHITE + side] === NO_TUZDYK && local !== 8) {
      // Not the opponent's 9th pit, and not the pit numbered like the opponent's tuzdyk.
      const opp = dst[TUZ_WHITE + (side ^ 1)] as number;
      if (opp === NO_TUZDYK || opp - side * n !== local) {
        dst[TUZ_WHITE + side] = landing;
        (dst[K_WHITE + side] as number) += 3;
        dst[landing] = 0;
        info |= (3 << CAPTURE_SHIFT) | TUZDYK_MADE;
      }
    }
  }
  dst[SIDE] = side ^ 1;
  return info;
}

export function sideStones(pos: Position, side: number): number {
  const n = pos[NPITS] as number;
  let s = 0;
  for (let i = side * n; i < side * n + n; i++) s += pos[i] as number;
  return s;
}

/**
 * Outcome codes. The game ends when a kazan passes half the stones, or when the side to
 * move has no stone: then the opponent adds the stones left on their own side to their
 * kazan (see finalKazans) and the larger kazan wins.
 */
export const ONGOING = 0;
export const WHITE_WINS = 1;
export const BLACK_WINS = 2;
export const DRAW = 3;
export type Outcome = 0 | 1 | 2 | 3;

/** True when the game is over because the side to move has no stone (and nobody passed half). */
export function emptySideEnd(pos: Position): boolean {
  const n = pos[NPITS] as number;
  if ((pos[K_WHITE] as number) > n * n || (pos[K_BLACK] as number) > n * n) return false;
  return sideStones(pos, pos[SIDE] as number) === 0;
}

/** Kazans after the end-of-game sweep (unchanged while the game goes on). */
export function finalKazans(pos: Position): [number, number] {
  let kw = pos[K_WHITE] as number;
  let kb = pos[K_BLACK] as number;
  const n = pos[NPITS] as number;
  if (kw > n * n || kb > n * n) return [kw, kb];
  const side = pos[SIDE] as number;
  if (sideStones(pos, side) === 0) {
    const rest = sideStones(pos, side ^ 1);
    if (side === 0) kb += rest;
    else kw += rest;
  }
  return [kw, kb];
}

export function outcome(pos: Position): Outcome {
  const n = pos[NPITS] as number;
  const half = n * n;
  const kw = pos[K_WHITE] as number;
  const kb = pos[K_BLACK] as number;
  if (kw > half) return WHITE_WINS;
  if (kb > half) return BLACK_WINS;
  if (legalMask(pos) !== 0) return ONGOING;
  const [fw, fb] = finalKazans(pos);
  return fw > fb ? WHITE_WINS : fb > fw ? BLACK_WINS : DRAW;
}

/** Applies the end-of-game sweep in place, so the kazans hold the final score. */
export function settle(pos: Position): void {
  if (outcome(pos) === ONGOING) return;
  const [fw, fb] = finalKazans(pos);
  const n = pos[NPITS] as number;
  if (fw !== pos[K_WHITE] || fb !== pos[K_BLACK]) {
    for (let i = 0; i < 2 * n; i++) pos[i] = 0;
    pos[K_WHITE] = fw;
    pos[K_BLACK] = fb;
  }
}
