// Static evaluation, from the side to move's point of view, in hundredths of a stone.
//
// The kazan difference is almost everything; the rest are hints about the future:
// a tuzdyk keeps collecting stones while the board is full, stones on one's own side are
// what one takes home if the opponent runs dry (and what feeds moves), and pits that the
// side to move can capture right now are worth part of their contents (the side to move
// gets the first bite). Weights were settled by self-play matches (see bench/togyz-match.ts):
// a stronger tuzdyk and a much stronger mobility term (pits one can still play from) were the
// gains; the current weights beat the first ones (`wfirst` in the match script) by 93% at
// depth 8 and 91% at depth 10 over 100 games.

import { K_WHITE, NO_TUZDYK, NPITS, type Position, SIDE, TUZ_WHITE } from './rules.ts';

export interface EvalWeights {
  /** Value of a tuzdyk with the full board in play, per stone on the board (scaled by /162). */
  tuzdyk: number;
  /** Per stone on one's own side. */
  ownStones: number;
  /** Per non-empty pit (mobility). */
  mobility: number;
  /** Share (in %) of the best immediate capture available to the side to move. */
  threat: number;
}

export const DEFAULT_WEIGHTS: EvalWeights = { tuzdyk: 3000, ownStones: 8, mobility: 160, threat: 50 };

/** Best stones the side to move captures with one move (even captures only; ignores laps). */
export function bestCapture(pos: Position): number {
  const n = pos[NPITS] as number;
  const ring = n + n;
  const side = pos[SIDE] as number;
  const base = side * n;
  const oppBase = n - base;
  let best = 0;
  for (let i = base; i < base + n; i++) {
    const s = pos[i] as number;
    if (s === 0 || s >= ring) continue;
    let land = s === 1 ? i + 1 : i + s - 1;
    if (land >= ring) land -= ring;
    const local = land - oppBase;
    if (local < 0 || local >= n) continue;
    const c = (pos[land] as number) + 1;
    if ((c & 1) === 0 && c > best && pos[TUZ_WHITE + side] !== land) best = c;
  }
  return best;
}

export function evaluate(pos: Position, w: EvalWeights = DEFAULT_WEIGHTS): number {
  const n = pos[NPITS] as number;
  const side = pos[SIDE] as number;
  const opp = side ^ 1;
  let score = 100 * ((pos[K_WHITE + side] as number) - (pos[K_WHITE + opp] as number));
  let mine = 0;
  let theirs = 0;
  let mob = 0;
  const mb = side * n;
  const ob = opp * n;
  for (let i = 0; i < n; i++) {
    const a = pos[mb + i] as number;
    const b = pos[ob + i] as number;
    mine += a;
    theirs += b;
    if (a !== 0) mob++;
    if (b !== 0) mob--;
  }
  score += w.ownStones * (mine - theirs) + w.mobility * mob;
  if (n === 9) {
    const board = mine + theirs;
    const tz = (w.tuzdyk * board) / 162;
    if (pos[TUZ_WHITE + side] !== NO_TUZDYK) score += tz;
    if (pos[TUZ_WHITE + opp] !== NO_TUZDYK) score -= tz;
  }
  score += (w.threat * bestCapture(pos)) | 0;
  return score | 0;
}
