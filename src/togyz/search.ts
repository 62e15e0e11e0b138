// Iterative-deepening principal-variation search (negamax alpha-beta) with a transposition
// table in typed arrays, Zobrist hashing, and move ordering by TT move, likely captures,
// killers and history. Pure: no I/O, the clock is injectable, so it runs in a Web Worker.

import { DEFAULT_WEIGHTS, type EvalWeights, evaluate } from './eval.ts';
import {
  CAPTURE_SHIFT,
  finalKazans,
  K_WHITE,
  legalMask,
  makeMove,
  NO_TUZDYK,
  NPITS,
  POS_SIZE,
  type Position,
  SIDE,
  TUZ_BLACK,
  TUZ_WHITE,
} from './rules.ts';

export const WIN = 30000;
const INF = 32000;
const MAX_PLY = 128;
const MAX_N = 9;

export interface SearchOptions {
  /** Stop deepening after this depth. */
  maxDepth?: number;
  /** Soft node budget: the search stops once it has visited this many nodes. */
  nodes?: number;
  /** Time budget in milliseconds. */
  ms?: number;
  now?: () => number;
  weights?: EvalWeights;
}

export interface SearchResult {
  /** Best move, a 0-based pit of the side to move; -1 when there is none. */
  move: number;
  /** Score for the side to move in hundredths of a stone; |score| > WIN - 1000 is a forced result. */
  score: number;
  depth: number;
  nodes: number;
  ms: number;
  pv: number[];
}

// Zobrist keys: two independent 32-bit halves, one to index the table, one to verify.
function keys(count: number, seed: number): Int32Array {
  const out = new Int32Array(count);
  let x = seed >>> 0;
  for (let i = 0; i < count; i++) {
    // splitmix32
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    out[i] = z ^ (z >>> 16);
  }
  return out;
}
const STONES = 163;
const Z_PIT = 0; // 18 pits × 163 counts
const Z_KAZAN = 18 * STONES; // white's kazan (black's follows from the total)
const Z_TUZ = Z_KAZAN + STONES; // 2 × 19 values
const Z_SIDE = Z_TUZ + 2 * 19;
const Z_N = Z_SIDE + 2;
const ZA = keys(Z_N, 0x12345);
const ZB = keys(Z_N, 0xabcdef);

export class Searcher {
  readonly ttBits: number;
  private ttKey: Int32Array;
  private ttData: Int32Array; // move+1 (4 bits) | depth (8 bits) << 4 | bound (2 bits) << 12
  private ttScore: Int16Array;
  private stack: Position[] = [];
  private moves = new Int8Array(MAX_PLY * MAX_N);
  private order = new Int32Array(MAX_PLY * MAX_N);
  private killers = new Int8Array(MAX_PLY * 2).fill(-1);
  private history = new Int32Array(2 * MAX_N);
  private nodes = 0;
  private stopped = false;
  private deadline = Infinity;
  private nodeLimit = Infinity;
  private now: () => number = () => performance.now();
  private weights: EvalWeights = DEFAULT_WEIGHTS;
  private hashA = 0;
  private hashB = 0;
  /** Late-move reductions (off only to compare with a plain minimax in tests). */
  lmr = true;
  qdepth = 4;
  private rootMove = -1;

  constructor(ttBits = 20) {
    this.ttBits = ttBits;
    const size = 1 << ttBits;
    this.ttKey = new Int32Array(size);
    this.ttData = new Int32Array(size);
    this.ttScore = new Int16Array(size);
    for (let i = 0; i <= MAX_PLY; i++) this.stack.push(new Uint8Array(POS_SIZE));
  }

  clear(): void {
    this.ttKey.fill(0);
    this.ttData.fill(0);
    this.history.fill(0);
    this.killers.fill(-1);
  }

  private hash(pos: Position): void {
    const n = pos[NPITS] as number;
    let a = 0;
    let b = 0;
    for (let i = 0; i < 2 * n; i++) {
      const k = Z_PIT + i * STONES + (pos[i] as number);
      a ^= ZA[k] as number;
      b ^= ZB[k] as number;
    }
    const kw = Z_KAZAN + (pos[K_WHITE] as number);
    const tw = Z_TUZ + (pos[TUZ_WHITE] === NO_TUZDYK ? 18 : (pos[TUZ_WHITE] as number));
    const tb = Z_TUZ + 19 + (pos[TUZ_BLACK] === NO_TUZDYK ? 18 : (pos[TUZ_BLACK] as number));
    const s = Z_SIDE + (pos[SIDE] as number);
    this.hashA = a ^ (ZA[kw] as number) ^ (ZA[tw] as number) ^ (ZA[tb] as number) ^ (ZA[s] as number);
    this.hashB = b ^ (ZB[kw] as number) ^ (ZB[tw] as number) ^ (ZB[tb] as number) ^ (ZB[s] as number) ^ n;
  }

  search(root: Position, opts: SearchOptions = {}): SearchResult {
    this.now = opts.now ?? (() => performance.now());
    this.weights = opts.weights ?? DEFAULT_WEIGHTS;
    const t0 = this.now();
    this.deadline = opts.ms === undefined ? Infinity : t0 + opts.ms;
    this.nodeLimit = opts.nodes ?? Infinity;
    const maxDepth = Math.min(opts.maxDepth ?? 100, MAX_PLY - 8);
    this.nodes = 0;
    this.stopped = false;
    for (let i = 0; i < this.history.length; i++) this.history[i] = (this.history[i] as number) >> 3;
    (this.stack[0] as Position).set(root);
    const mask = legalMask(root);
    const result: SearchResult = { move: -1, score: 0, depth: 0, nodes: 0, ms: 0, pv: [] };
    if (mask === 0) return result;
    for (let i = 0; i < 9; i++) {
      if ((mask >> i) & 1) {
        result.move = i;
        break;
      }
    }
    let prev = 0;
    for (let depth = 1; depth <= maxDepth; depth++) {
      // Aspiration window around the previous score; widen on failure.
      let delta = depth >= 4 ? 150 : INF;
      let alpha = Math.max(-INF, prev - delta);
      let beta = Math.min(INF, prev + delta);
      let score = 0;
      for (;;) {
        score = this.negamax(0, depth, alpha, beta);
        if (this.stopped) break;
        if (score <= alpha && alpha > -INF) {
          delta *= 4;
          alpha = Math.max(-INF, score - delta);
        } else if (score >= beta && beta < INF) {
          delta *= 4;
          beta = Math.min(INF, score + delta);
        } else break;
      }
      if (this.stopped) break;
      prev = score;
      result.score = score;
      result.depth = depth;
      // The root's own record, not the TT: its slot may have been overwritten meanwhile.
      result.move = this.rootMove;
      result.pv = this.pv(root, depth);
      if (result.pv[0] !== this.rootMove) result.pv = [this.rootMove];
      if (Math.abs(score) > WIN - 1000) break; // forced result found
      if (this.nodes >= this.nodeLimit) break;
      // Another iteration costs several times this one; do not start what cannot finish.
      if (this.deadline !== Infinity && this.now() - t0 > (this.deadline - t0) * 0.45) break;
    }
    result.nodes = this.nodes;
    result.ms = this.now() - t0;
    return result;
  }

  private pv(root: Position, depth: number): number[] {
    const out: number[] = [];
    const pos = Uint8Array.from(root);
    for (let i = 0; i < depth; i++) {
      this.hash(pos);
      const idx = this.hashA & ((1 << this.ttBits) - 1);
      if (this.ttKey[idx] !== this.hashB) break;
      const m = ((this.ttData[idx] as number) & 15) - 1;
      if (m < 0 || !((legalMask(pos) >> m) & 1)) break;
      out.push(m);
      makeMove(pos, pos, m);
    }
    return out;
  }

  private terminal(pos: Position, ply: number): number {
    const [kw, kb] = finalKazans(pos);
    const diff = pos[SIDE] === 0 ? kw - kb : kb - kw;
    return diff > 0 ? WIN - ply : diff < 0 ? ply - WIN : 0;
  }

  /** Captures only, so the static evaluation is not taken in the middle of an exchange. */
  private quiesce(ply: number, alpha: number, beta: number, qply: number): number {
    const pos = this.stack[ply] as Position;
    const stand = evaluate(pos, this.weights);
    if (stand >= beta || qply >= this.qdepth || ply >= MAX_PLY - 1) return stand;
    if (stand > alpha) alpha = stand;
    let best = stand;
    const n = pos[NPITS] as number;
    const side = pos[SIDE] as number;
    const mask = legalMask(pos);
    const child = this.stack[ply + 1] as Position;
    const ring = n + n;
    const base = side * n;
    const oppBase = n - base;
    for (let m = 0; m < n; m++) {
      if (!((mask >> m) & 1)) continue;
      // Without a lap the landing pit just gains one stone: skip what cannot capture.
      const st = pos[base + m] as number;
      if (st < ring) {
        let land = st === 1 ? base + m + 1 : base + m + st - 1;
        if (land >= ring) land -= ring;
        const c = (pos[land] as number) + 1;
        if (land < oppBase || land >= oppBase + n || ((c & 1) !== 0 && c !== 3)) continue;
      }
      if (makeMove(pos, child, m) >> CAPTURE_SHIFT === 0) continue;
      this.nodes++;
      const score =
        legalMask(child) === 0
          ? this.terminal(child, ply + 1)
          : -this.quiesce(ply + 1, -beta, -alpha, qply + 1);
      if (score > best) {
        best = score;
        if (score > alpha) {
          alpha = score;
          if (alpha >= beta) break;
        }
      }
    }
    return best;
  }

  private negamax(ply: number, depth: number, alpha: number, beta: number): number {
    const pos = this.stack[ply] as Position;
    if ((++this.nodes & 1023) === 0 && (this.now() >= this.deadline || this.nodes >= this.nodeLimit)) {
      this.stopped = true;
    }
    if (this.stopped) return 0;
    const mask = legalMask(pos);
    if (mask === 0) return this.terminal(pos, ply);
    if (depth <= 0 || ply >= MAX_PLY - 1) return this.quiesce(ply, alpha, beta, 0);

    this.hash(pos);
    const idx = this.hashA & ((1 << this.ttBits) - 1);
    let ttMove = -1;
    const check = this.hashB;
    if (this.ttKey[idx] === check) {
      const data = this.ttData[idx] as number;
      ttMove = (data & 15) - 1;
      const d = (data >> 4) & 255;
      if (ply > 0 && d >= depth) {
        const bound = (data >> 12) & 3;
        let s = this.ttScore[idx] as number;
        if (s > WIN - 1000) s -= ply;
        else if (s < 1000 - WIN) s += ply;
        if (bound === 0 || (bound === 1 && s >= beta) || (bound === 2 && s <= alpha)) return s;
      }
      if (!((mask >> ttMove) & 1)) ttMove = -1;
    }

    // Order: TT move, then likely captures (by size), killers, history.
    const n = pos[NPITS] as number;
    const side = pos[SIDE] as number;
    const base = side * n;
    const ring = n + n;
    const mv = this.moves;
    const ord = this.order;
    const off = ply * MAX_N;
    let count = 0;
    const k0 = this.killers[ply * 2];
    const k1 = this.killers[ply * 2 + 1];
    for (let m = 0; m < n; m++) {
      if (!((mask >> m) & 1)) continue;
      let key: number;
      if (m === ttMove) key = 1 << 30;
      else {
        key = (this.history[side * MAX_N + m] as number) >> 4;
        const s = pos[base + m] as number;
        if (s < ring) {
          let land = s === 1 ? base + m + 1 : base + m + s - 1;
          if (land >= ring) land -= ring;
          const c = (pos[land] as number) + 1;
          if (land - (n - base) >= 0 && land - (n - base) < n && (c & 1) === 0) key += (1 << 24) + (c << 16);
        }
        if (m === k0) key += 1 << 23;
        else if (m === k1) key += 1 << 22;
      }
      // insertion sort, descending
      let j = count++;
      while (j > 0 && (ord[off + j - 1] as number) < key) {
        ord[off + j] = ord[off + j - 1] as number;
        mv[off + j] = mv[off + j - 1] as number;
        j--;
      }
      ord[off + j] = key;
      mv[off + j] = m;
    }

    const child = this.stack[ply + 1] as Position;
    const alpha0 = alpha;
    let best = -INF;
    let bestMove = mv[off] as number;
    for (let i = 0; i < count; i++) {
      const m = mv[off + i] as number;
      makeMove(pos, child, m);
      let score: number;
      if (i === 0) score = -this.negamax(ply + 1, depth - 1, -beta, -alpha);
      else {
        // Late moves in deep nodes are tried one ply shallower first.
        const r = this.lmr && depth >= 3 && i >= 3 && ply > 0 ? 1 : 0;
        score = -this.negamax(ply + 1, depth - 1 - r, -alpha - 1, -alpha);
        if (score > alpha && (r !== 0 || score < beta))
          score = -this.negamax(ply + 1, depth - 1, -beta, -alpha);
      }
      if (this.stopped) return 0;
      if (score > best) {
        best = score;
        bestMove = m;
        if (score > alpha) {
          alpha = score;
          if (alpha >= beta) {
            if (m !== k0) {
              this.killers[ply * 2 + 1] = k0 as number;
              this.killers[ply * 2] = m;
            }
            this.history[side * MAX_N + m] = (this.history[side * MAX_N + m] as number) + depth * depth;
            break;
          }
        }
      }
    }

    if (ply === 0) this.rootMove = bestMove;
    const bound = best >= beta ? 1 : best <= alpha0 ? 2 : 0;
    let stored = best;
    if (stored > WIN - 1000) stored += ply;
    else if (stored < 1000 - WIN) stored -= ply;
    this.ttKey[idx] = check;
    this.ttData[idx] = (bestMove + 1) | (Math.min(depth, 255) << 4) | (bound << 12);
    this.ttScore[idx] = stored;
    return best;
  }
}
