// Playing levels on top of the search: from a beginner who often plays a random pit to the
// full-strength engine on a time budget. Randomness comes from a seedable generator so games
// and tests can be replayed exactly.

import { K_WHITE, legalMoves, makeMove, type Position, SIDE } from './rules.ts';
import { Searcher, type SearchResult } from './search.ts';

export interface Level {
  level: number;
  name: string;
  /** Depth limit of the search (plies). */
  depth?: number;
  /** Time budget per move (ms); the top level uses it. */
  ms?: number;
  /** Chance of playing a random legal pit instead of the searched one. */
  blunder: number;
}

export const LEVELS: readonly Level[] = [
  // Five levels, each a clear step up from the one below (bench/togyz-match.ts prints the
  // scores). Two plies between depth-limited levels are not a clear enough step in this game,
  // so the steps are a random share at the bottom, then one, four and five or more plies.
  { level: 1, name: 'beginner', depth: 1, blunder: 0.4 },
  { level: 2, name: 'novice', depth: 2, blunder: 0.1 },
  { level: 3, name: 'amateur', depth: 3, blunder: 0 },
  { level: 4, name: 'club player', depth: 7, blunder: 0 },
  { level: 5, name: 'master', ms: 1500, blunder: 0 },
];

export const MAX_LEVEL = LEVELS.length;

export type Rng = () => number;

/** mulberry32: small, fast, good enough for varying play. Returns floats in [0, 1). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BestMoveOptions {
  /** 1..MAX_LEVEL; default the top level. */
  level?: number;
  /** Time budget (ms); overrides the level's own budget. */
  ms?: number;
  /** Node budget, for reproducible strength regardless of the machine. */
  nodes?: number;
  rng?: Rng;
  /** Reuse a searcher (and its transposition table) across moves of one game. */
  searcher?: Searcher;
  now?: () => number;
}

export interface BestMove extends SearchResult {
  /** True when the level chose to err with a random move. */
  random: boolean;
}

let shared: Searcher | null = null;

export function bestMove(pos: Position, opts: BestMoveOptions = {}): BestMove {
  const moves = legalMoves(pos);
  const lv = LEVELS[Math.min(Math.max(opts.level ?? MAX_LEVEL, 1), MAX_LEVEL) - 1] as Level;
  const rng = opts.rng ?? Math.random;
  if (moves.length > 0 && lv.blunder > 0 && rng() < lv.blunder) {
    const move = moves[Math.floor(rng() * moves.length)] as number;
    return { move, score: 0, depth: 0, nodes: 0, ms: 0, pv: [move], random: true };
  }
  shared ??= new Searcher(20);
  const searcher = opts.searcher ?? shared;
  const ms = opts.ms ?? lv.ms;
  const res = searcher.search(pos, {
    maxDepth: lv.depth,
    ms,
    nodes: opts.nodes,
    now: opts.now,
  });
  return { ...res, random: false };
}

/** Baseline opponent: takes the biggest immediate gain for its kazan, ties broken at random. */
export function greedyMove(pos: Position, rng: Rng = Math.random): number {
  const side = pos[SIDE] as number;
  const child = new Uint8Array(pos.length);
  let best = -1;
  let pick: number[] = [];
  for (const m of legalMoves(pos)) {
    makeMove(pos, child, m);
    const gain = (child[K_WHITE + side] as number) - (pos[K_WHITE + side] as number);
    if (gain > best) {
      best = gain;
      pick = [m];
    } else if (gain === best) pick.push(m);
  }
  return pick.length ? (pick[Math.floor(rng() * pick.length)] as number) : -1;
}
