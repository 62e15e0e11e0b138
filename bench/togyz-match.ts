// Plays AI levels against each other and prints the scores.
//
//   npm run bench:togyz-match -- [--games 100] [--ms 300 | --nodes 1000000] [--workers N] [--pairs 5-4,5-g]
//
// Default pairings: every level against the one below it, and the top level against a greedy
// one-ply player. Each opening (a few random plies, seeded) is played twice with the colours
// swapped, so the games differ and neither side profits from a lopsided opening. --ms is the
// top level's time per move (--nodes gives it a node budget instead, so that a busy machine
// does not weaken it); the lower levels are depth-limited, so their play does not depend on
// the machine. A level passes when it scores 70%+ (95%+ against greedy).
//
// For tuning, a player may also be written out: `d8` (depth 8), `t300` (300 ms per move),
// `n200000` (node budget), `g` (greedy), `L3` or `3` (a level); a suffix `r0.05` adds that
// chance of a random move, `w<name>` picks an alternative evaluation from EVAL_VARIANTS below.
// Example: --pairs d10-d7,t300-d10r0.02

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { bestMove, createRng, greedyMove, LEVELS, MAX_LEVEL } from '../src/togyz/ai.ts';
import { DEFAULT_WEIGHTS, type EvalWeights } from '../src/togyz/eval.ts';
import {
  DRAW,
  legalMoves,
  makeMove,
  newPosition,
  ONGOING,
  outcome,
  SIDE,
  WHITE_WINS,
} from '../src/togyz/rules.ts';
import { Searcher } from '../src/togyz/search.ts';

/** Alternative evaluation weights to compare against the default ones (`w<name>`). */
const EVAL_VARIANTS: Record<string, Partial<EvalWeights>> = {
  // The first weights, before tuning: `--pairs d8-d8wfirst` shows what the tuning gained.
  first: { tuzdyk: 1200, ownStones: 4, mobility: 12, threat: 50 },
};

interface Player {
  level?: number;
  depth?: number;
  ms?: number;
  nodes?: number;
  greedy?: boolean;
  blunder?: number;
  weights?: string;
}

function parsePlayer(spec: string, top: { ms: number; nodes?: number }): Player {
  const m = /^(?:(g)|L?(\d+)|d(\d+)|t(\d+)|n(\d+))(?:r([\d.]+))?(?:w(\w+))?$/.exec(spec);
  if (!m) throw new Error(`bad player: ${spec}`);
  const p: Player = {};
  if (m[1]) p.greedy = true;
  else if (m[2]) {
    p.level = Number(m[2]);
    if (p.level === MAX_LEVEL) {
      if (top.nodes) p.nodes = top.nodes;
      else p.ms = top.ms;
    }
  } else if (m[3]) p.depth = Number(m[3]);
  else if (m[4]) p.ms = Number(m[4]);
  else if (m[5]) p.nodes = Number(m[5]);
  if (m[6]) p.blunder = Number(m[6]);
  if (m[7]) {
    if (!EVAL_VARIANTS[m[7]]) throw new Error(`no evaluation variant ${m[7]}`);
    p.weights = m[7];
  }
  return p;
}

interface Job {
  pair: string;
  a: Player;
  b: Player;
  game: number;
  openingPlies: number;
}
interface Done {
  pair: string;
  score: number; // for side a: 1, 0.5, 0
  plies: number;
}

function choose(p: Player, pos: Uint8Array, rng: () => number, searcher: Searcher): number {
  if (p.greedy) return greedyMove(pos, rng);
  if (p.level !== undefined)
    return bestMove(pos, { level: p.level, ms: p.ms, nodes: p.nodes, rng, searcher }).move;
  if (p.blunder && rng() < p.blunder) {
    const ms = legalMoves(pos);
    return ms[Math.floor(rng() * ms.length)] as number;
  }
  const weights = p.weights ? { ...DEFAULT_WEIGHTS, ...EVAL_VARIANTS[p.weights] } : undefined;
  return searcher.search(pos, { maxDepth: p.depth, ms: p.ms, nodes: p.nodes, weights }).move;
}

function playGame(job: Job): Done {
  const pos = newPosition();
  const orng = createRng(1000 + Math.floor(job.game / 2));
  for (let i = 0; i < job.openingPlies; i++) {
    const ms = legalMoves(pos);
    makeMove(pos, pos, ms[Math.floor(orng() * ms.length)] as number);
  }
  const aWhite = job.game % 2 === 0;
  const rng = createRng(7919 * job.game + job.pair.length * 31);
  const searchers = [new Searcher(18), new Searcher(18)];
  let plies = 0;
  while (outcome(pos) === ONGOING) {
    const isA = (pos[SIDE] === 0) === aWhite;
    const m = choose(isA ? job.a : job.b, pos, rng, searchers[isA ? 0 : 1] as Searcher);
    makeMove(pos, pos, m);
    plies++;
  }
  const o = outcome(pos);
  const whiteScore = o === WHITE_WINS ? 1 : o === DRAW ? 0.5 : 0;
  return { pair: job.pair, score: aWhite ? whiteScore : 1 - whiteScore, plies };
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : dflt;
}

function label(spec: string): string {
  if (spec === 'g') return 'greedy';
  const m = /^L?(\d+)$/.exec(spec);
  return m ? `L${m[1]} ${LEVELS[Number(m[1]) - 1]?.name ?? '?'}` : spec;
}

async function main(): Promise<void> {
  const games = Number(arg('games', '100'));
  const ms = Number(arg('ms', '300'));
  const workers = Number(arg('workers', String(availableParallelism())));
  const openingPlies = Number(arg('opening-plies', '4'));
  const nodes = Number(arg('nodes', '0'));
  const top = nodes > 0 ? { ms, nodes } : { ms };
  if (!(games > 0 && ms > 0 && workers > 0)) {
    console.error(
      'usage: togyz-match [--games N] [--ms N | --nodes N] [--workers N] [--pairs 5-4,5-g] [--opening-plies N]',
    );
    process.exit(2);
  }
  let pairs: [string, string][] = [];
  for (let l = 2; l <= MAX_LEVEL; l++) pairs.push([String(l), String(l - 1)]);
  pairs.push([String(MAX_LEVEL), 'g']);
  const only = arg('pairs', arg('only', ''));
  if (only) pairs = only.split(',').map((p) => p.split('-') as [string, string]);
  const jobs: Job[] = [];
  for (const [a, b] of pairs) {
    const pa = parsePlayer(a, top);
    const pb = parsePlayer(b, top);
    for (let g = 0; g < games; g++) jobs.push({ pair: `${a}-${b}`, a: pa, b: pb, game: g, openingPlies });
  }
  const budget = nodes > 0 ? `${nodes.toLocaleString('en-US')} nodes` : `${ms} ms`;
  console.log(`togyz match: ${games} games per pairing, top level ${budget} per move, ${workers} workers`);
  const t0 = performance.now();
  const results: Done[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const w = new Worker(new URL(import.meta.url), { workerData: true });
      for (;;) {
        const job = jobs[next++];
        if (!job) break;
        const done = await new Promise<Done>((resolve) => {
          w.once('message', resolve);
          w.postMessage(job);
        });
        results.push(done);
        if (results.length % 50 === 0) process.stderr.write(`  ${results.length}/${jobs.length} games\n`);
      }
      await w.terminate();
    }),
  );
  let ok = true;
  console.log('pairing                             games  win  draw  loss  score   need  plies');
  for (const [a, b] of pairs) {
    const rs = results.filter((r) => r.pair === `${a}-${b}`);
    const win = rs.filter((r) => r.score === 1).length;
    const draw = rs.filter((r) => r.score === 0.5).length;
    const pct = (100 * (win + draw / 2)) / rs.length;
    const need = b === 'g' ? 95 : 70;
    const pass = pct >= need;
    ok &&= pass;
    const plies = rs.reduce((s, r) => s + r.plies, 0) / rs.length;
    const name = `${label(a)} vs ${label(b)}`.padEnd(36);
    console.log(
      `${name}${String(rs.length).padStart(5)}${String(win).padStart(5)}${String(draw).padStart(6)}${String(rs.length - win - draw).padStart(6)}${pct.toFixed(1).padStart(7)}%${String(need).padStart(6)}%${plies.toFixed(0).padStart(6)}  ${pass ? 'ok' : 'FAIL'}`,
    );
  }
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.exitCode = ok ? 0 : 1;
}

if (isMainThread) await main();
else if (workerData) parentPort?.on('message', (job: Job) => parentPort?.postMessage(playGame(job)));
