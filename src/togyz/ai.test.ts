import { describe, expect, it } from 'vitest';
import { bestMove, createRng, greedyMove, LEVELS, MAX_LEVEL } from './ai.ts';
import { evaluate } from './eval.ts';
import { Game, sowPath } from './game.ts';
import { parsePosition, START_POSITION } from './position.ts';
import {
  finalKazans,
  K_BLACK,
  K_WHITE,
  legalMask,
  legalMoves,
  makeMove,
  newPosition,
  ONGOING,
  outcome,
} from './rules.ts';
import { Searcher, WIN } from './search.ts';

/** Plain minimax over the same evaluation (no pruning, no table), capture-only horizon off. */
function minimax(pos: Uint8Array, depth: number, ply: number): number {
  if (legalMask(pos) === 0) {
    const [kw, kb] = finalKazans(pos);
    const diff = pos[22] === 0 ? kw - kb : kb - kw;
    return diff > 0 ? WIN - ply : diff < 0 ? ply - WIN : 0;
  }
  if (depth === 0) return evaluate(pos);
  let best = -Infinity;
  for (const m of legalMoves(pos)) {
    const c = pos.slice();
    makeMove(pos, c, m);
    best = Math.max(best, -minimax(c, depth - 1, ply + 1));
  }
  return best;
}

describe('search', () => {
  it('agrees with plain minimax when reductions and quiescence are off', () => {
    const rng = createRng(5);
    for (let g = 0; g < 12; g++) {
      const pos = newPosition();
      const plies = Math.floor(rng() * 80);
      for (let i = 0; i < plies && legalMoves(pos).length; i++) {
        const ms = legalMoves(pos);
        makeMove(pos, pos, ms[Math.floor(rng() * ms.length)] as number);
      }
      if (outcome(pos) !== ONGOING) continue;
      const s = new Searcher(14);
      s.lmr = false;
      s.qdepth = 0;
      for (let d = 1; d <= 4; d++) expect(s.search(pos, { maxDepth: d }).score).toBe(minimax(pos, d, 0));
    }
  });
  it('takes a winning capture and sees a forced win', () => {
    const pos = parsePosition('0,0,0,0,0,0,0,1,1/1,0,0,0,0,0,0,0,0 80/79 -/- w');
    const r = new Searcher(12).search(pos, { maxDepth: 6 });
    expect(r.move).toBe(8); // pit 9 takes the 2 in black's pit 1: 82
    expect(r.score).toBe(WIN - 1);
  });
  it('respects node and time budgets', () => {
    const s = new Searcher(16);
    const r = s.search(newPosition(), { nodes: 20_000 });
    expect(r.nodes).toBeLessThan(22_000);
    let t = 0;
    const r2 = s.search(newPosition(), { ms: 50, now: () => (t += 0.1) });
    expect(r2.ms).toBeLessThanOrEqual(51);
    expect(legalMoves(newPosition())).toContain(r2.move);
  });
});

describe('levels', () => {
  it('are reproducible with a seeded generator, and the beginner sometimes errs', () => {
    const play = (seed: number) => {
      const rng = createRng(seed);
      const g = new Game();
      let random = 0;
      for (let i = 0; i < 30 && !g.isOver(); i++) {
        const r = bestMove(g.position, { level: 1, rng });
        if (r.random) random++;
        g.play(r.move);
      }
      return { moves: g.moves.join(''), random };
    };
    expect(play(42)).toEqual(play(42));
    expect(play(42).random).toBeGreaterThan(3);
    expect(LEVELS).toHaveLength(MAX_LEVEL);
  });
  it('the top level plays a legal move within its time', () => {
    const r = bestMove(newPosition(), { ms: 100 });
    expect(r.move).toBeGreaterThanOrEqual(0);
    expect(r.depth).toBeGreaterThan(4);
  });
  it('greedy takes the biggest capture', () => {
    expect(greedyMove(newPosition(), createRng(1))).toBe(6); // 76 takes 10
  });
});

describe('game API', () => {
  it('plays, reports what happened, and undoes', () => {
    const g = new Game();
    const r = g.play(6);
    expect(r).toMatchObject({ notation: '76(10)', captured: 10, tuzdykMade: false, landing: 14, from: 6 });
    expect(r.path).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(g.position[K_WHITE]).toBe(10);
    expect(g.undo()?.notation).toBe('76(10)');
    expect(g.toPositionString()).toBe(START_POSITION);
    expect(g.undo()).toBeNull();
    expect(() => g.play(9)).toThrow(/pit 10 cannot be played/);
  });
  it('sends stones sown into a tuzdyk to the kazan in the path', () => {
    const pos = parsePosition('2,0,0,0,0,0,0,0,3/0,9,9,9,9,9,9,9,9 69/16 1/- w');
    expect(sowPath(pos, 8)).toEqual([8, K_WHITE, 10]);
    const black = parsePosition('0,0,0,0,0,0,0,0,9/9,9,9,9,9,9,9,9,9 72/0 -/5 b');
    expect(sowPath(black, 8)).toEqual([17, 0, 1, 2, 3, K_BLACK, 5, 6, 7]);
  });
  it('round-trips through PGN and position strings, and a full game reaches its end', () => {
    const g = new Game();
    const rng = createRng(3);
    while (!g.isOver()) g.play(bestMove(g.position, { level: 2, rng }).move);
    const again = Game.fromPgn(g.toPgn({ headers: [['Event', 'Test']] }));
    expect(again.moves).toEqual(g.moves);
    expect(again.outcome()).toBe(g.outcome());
    expect(Game.fromPosition(g.toPositionString()).toPositionString()).toBe(g.toPositionString());
    expect(() => Game.fromPgn('[Event "x"]\n\n1. 76(10) 87(2) 2. 71 *')).toThrow(
      /move 2\. 71: pit 7 is empty/,
    );
  });
  it('plays bestemshe', () => {
    const g = new Game({ variant: 'bestemshe' });
    const rng = createRng(9);
    while (!g.isOver()) g.play(bestMove(g.position, { level: 3, rng }).move);
    const [w, b] = g.score();
    expect(w + b).toBe(50);
    expect(Game.fromPgn(g.toPgn()).variant).toBe('bestemshe');
  });
});
