import { makeMove, NPITS, POS_SIZE, type Position, SIDE } from './rules.ts';

// Leaf counts with bulk counting: at depth 1 the number of legal moves is the answer,
// so the last ply is never played. One preallocated array per ply, nothing allocated inside.

function countAt(pos: Position): number {
  const n = pos[NPITS] as number;
  const half = n * n;
  if ((pos[18] as number) > half || (pos[19] as number) > half) return 0;
  const base = (pos[SIDE] as number) * n;
  let c = 0;
  for (let i = base; i < base + n; i++) if (pos[i] !== 0) c++;
  return c;
}

function walk(stack: Position[], ply: number, depth: number): number {
  const pos = stack[ply] as Position;
  if (depth === 1) return countAt(pos);
  const n = pos[NPITS] as number;
  const half = n * n;
  if ((pos[18] as number) > half || (pos[19] as number) > half) return 0;
  const child = stack[ply + 1] as Position;
  const base = (pos[SIDE] as number) * n;
  let total = 0;
  for (let m = 0; m < n; m++) {
    if (pos[base + m] === 0) continue;
    makeMove(pos, child, m);
    total += walk(stack, ply + 1, depth - 1);
  }
  return total;
}

export function perft(pos: Position, depth: number): number {
  if (depth <= 0) return 1;
  const stack: Position[] = [];
  for (let i = 0; i <= depth; i++) stack.push(new Uint8Array(POS_SIZE));
  (stack[0] as Position).set(pos);
  return walk(stack, 0, depth);
}

/** Leaf counts below each legal move, for debugging disagreements. */
export function divide(pos: Position, depth: number): Map<number, number> {
  const out = new Map<number, number>();
  const n = pos[NPITS] as number;
  const base = (pos[SIDE] as number) * n;
  if (countAt(pos) === 0) return out;
  const child = new Uint8Array(POS_SIZE);
  for (let m = 0; m < n; m++) {
    if (pos[base + m] === 0) continue;
    makeMove(pos, child, m);
    out.set(m, perft(child, depth - 1));
  }
  return out;
}
