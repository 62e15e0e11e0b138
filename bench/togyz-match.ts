// Plays AI levels against each other and prints the scores.
//
//   npm run bench:togyz-match -- [--games 100] [--ms 200] [--workers 2] [--only 7-6,7-g]
//
// Pairings: every level against the one below it, and the top level against a greedy
// one-ply player ("g"). Each opening (a few random plies, seeded) is played twice with the
// colours swapped, so the games differ and neither side profits from a lopsided opening.
// --ms is the top level's time per move; the lower levels are depth-limited, so their play
// does not depend on the machine. A level passes when it scores 70%+ (95%+ against greedy).

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { bestMove, createRng, greedyMove, LEVELS, MAX_LEVEL } from '../src/togyz/ai.ts';
import { DRAW, legalMoves, makeMove, newPosition, ONGOING, outcome, WHITE_WINS } from '../src/togyz/rules.ts';
import { Searcher } from '../src/togyz/search.ts';

interface Job {
  pair: string;
  a: number; // level of the stronger side, or 0 for greedy
  b: number;
  game: number;
  ms: number;
  openingPlies: number;
}
interface Done {
  pair: string;
  score: number; // for side a: 1, 0.5, 0
  plies: number;
}

function playGame(job: Job): Done {
  const pos = newPosition();
  const orng = createRng(1000 + Math.floor(job.game / 2));
  for (let i = 0; i < job.openingPlies; i++) {
    const ms = legalMoves(pos);
    makeMove(pos, pos, ms[Math.floor(orng() * ms.length)] as number);
  }
  const aWhite = job.game % 2 === 0;
  const rng = createRng(7919 * job.game + job.a * 31 + job.b);
  const searchers = [new Searcher(18), new Searcher(18)];
  let plies = 0;
  while (outcome(pos) === ONGOING) {
    const side = pos[22] as number;
    const isA = (side === 0) === aWhite;
    const level = isA ? job.a : job.b;
    let m: number;
    if (level === 0) m = greedyMove(pos, rng);
    else {
      const ms = level === MAX_LEVEL ? job.ms : undefined;
      m = bestMove(pos, { level, ms, rng, searcher: searchers[isA ? 0 : 1] }).move;
    }
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

async function main(): Promise<void> {
  const games = Number(arg('games', '100'));
  const ms = Number(arg('ms', '200'));
  const workers = Number(arg('workers', String(availableParallelism())));
  const openingPlies = Number(arg('opening-plies', '4'));
  if (!(games > 0 && ms > 0 && workers > 0)) {
    console.error(
      'usage: togyz-match [--games N] [--ms N] [--workers N] [--only 2-1,7-g] [--opening-plies N]',
    );
    process.exit(2);
  }
  let pairs: [number, number][] = [];
  for (let l = 2; l <= MAX_LEVEL; l++) pairs.push([l, l - 1]);
  pairs.push([MAX_LEVEL, 0]);
  const only = arg('only', '');
  if (only) {
    pairs = only.split(',').map((p) => {
      const [x, y] = p.split('-');
      return [Number(x), y === 'g' ? 0 : Number(y)];
    });
  }
  const name = (l: number) => (l === 0 ? 'greedy' : `L${l} ${LEVELS[l - 1]?.name}`);
  const jobs: Job[] = [];
  for (const [a, b] of pairs) {
    for (let g = 0; g < games; g++) jobs.push({ pair: `${a}-${b}`, a, b, game: g, ms, openingPlies });
  }
  console.log(`togyz match: ${games} games per pairing, top level ${ms} ms/move, ${workers} workers`);
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
      }
      await w.terminate();
    }),
  );
  let ok = true;
  console.log('pairing                         games  win  draw  loss  score   need  plies');
  for (const [a, b] of pairs) {
    const rs = results.filter((r) => r.pair === `${a}-${b}`);
    const win = rs.filter((r) => r.score === 1).length;
    const draw = rs.filter((r) => r.score === 0.5).length;
    const pct = (100 * (win + draw / 2)) / rs.length;
    const need = b === 0 ? 95 : 70;
    const pass = pct >= need;
    ok &&= pass;
    const plies = rs.reduce((s, r) => s + r.plies, 0) / rs.length;
    const label = `${name(a)} vs ${name(b)}`.padEnd(32);
    console.log(
      `${label}${String(rs.length).padStart(5)}${String(win).padStart(5)}${String(draw).padStart(6)}${String(rs.length - win - draw).padStart(6)}${pct.toFixed(1).padStart(7)}%${String(need).padStart(6)}%${plies.toFixed(0).padStart(6)}  ${pass ? 'ok' : 'FAIL'}`,
    );
  }
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  process.exitCode = ok ? 0 : 1;
}

if (isMainThread) await main();
else if (workerData) parentPort?.on('message', (job: Job) => parentPort?.postMessage(playGame(job)));
