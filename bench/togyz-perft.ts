// Perft and search speed of the togyz kumalak engine.
//
//   npm run bench:perft            (add -- --depth 10 to also count depth 10; takes longer)
//
// Perft counts leaves with bulk counting at the last ply (the number of legal moves is the
// count, so the last ply is never played) and checks the agreed counts. The search line is
// the full engine (no depth limit) given 1 s from the start position.
import { perft } from '../src/togyz/perft.ts';
import { newPosition } from '../src/togyz/rules.ts';
import { Searcher } from '../src/togyz/search.ts';

const EXPECTED: Record<number, number> = { 8: 25_166_174, 9: 210_521_787, 10: 1_766_804_407 };
const i = process.argv.indexOf('--depth');
const maxDepth = i >= 0 ? Number(process.argv[i + 1]) : 9;
let ok = true;

perft(newPosition(), 7); // warm up the JIT
for (let d = 8; d <= maxDepth; d++) {
  const t = performance.now();
  const n = perft(newPosition(), d);
  const s = (performance.now() - t) / 1000;
  const want = EXPECTED[d];
  const check =
    want === undefined ? '' : n === want ? 'ok' : `WRONG, expected ${want.toLocaleString('en-US')}`;
  if (want !== undefined && n !== want) ok = false;
  console.log(
    `perft ${d}: ${n.toLocaleString('en-US')} leaves in ${s.toFixed(2)} s = ${(n / s / 1e6).toFixed(1)} M nodes/s  ${check}`,
  );
}

const searcher = new Searcher(20);
searcher.search(newPosition(), { ms: 200 }); // warm up
searcher.clear();
const r = searcher.search(newPosition(), { ms: 1000 });
console.log(
  `search 1 s from the start: depth ${r.depth}, ${r.nodes.toLocaleString('en-US')} nodes in ${(r.ms / 1000).toFixed(2)} s = ${(r.nodes / r.ms / 1000).toFixed(2)} M nodes/s (it stops early rather than start a depth it cannot finish), best pit ${r.move + 1}, score ${(r.score / 100).toFixed(2)}`,
);
process.exitCode = ok ? 0 : 1;
