import { describe, expect, it } from 'vitest';
import { divide, perft } from './perft.ts';
import { formatPosition, parsePosition } from './position.ts';
import { legalMoves, makeMove, newPosition, type Position } from './rules.ts';

// A second, deliberately plain implementation of the rules, written apart from rules.ts
// (objects and nested arrays, one stone at a time), used only by the tests to cross-check.

interface NaiveState {
  n: number;
  pits: number[][]; // pits[side][i], i = 0..n-1
  kazan: number[];
  tuz: (number | null)[]; // tuz[side] = index of that player's tuzdyk on the opponent's side
  side: number;
}

function naiveFromString(text: string): NaiveState {
  const [p, k, t, s] = text.trim().split(/\s+/) as [string, string, string, string];
  const pits = p.split('/').map((half) => half.split(',').map(Number));
  return {
    n: (pits[0] as number[]).length,
    pits,
    kazan: k.split('/').map(Number),
    tuz: t.split('/').map((x) => (x === '-' ? null : Number(x) - 1)),
    side: s === 'b' ? 1 : 0,
  };
}

function naiveToString(st: NaiveState): string {
  const tz = st.tuz.map((x) => (x === null ? '-' : String(x + 1))).join('/');
  return `${st.pits.map((h) => h.join(',')).join('/')} ${st.kazan.join('/')} ${tz} ${st.side ? 'b' : 'w'}`;
}

function naiveMoves(st: NaiveState): number[] {
  if (st.kazan.some((k) => k > st.n * st.n)) return [];
  const out: number[] = [];
  const mine = st.pits[st.side] as number[];
  mine.forEach((c, i) => {
    if (c > 0) out.push(i);
  });
  return out;
}

function naivePlay(st: NaiveState, pit: number): NaiveState {
  const s: NaiveState = structuredClone(st);
  const me = s.side;
  const opp = 1 - me;
  const row = (side: number) => s.pits[side] as number[];
  let stones = row(me)[pit] as number;
  row(me)[pit] = 0;
  let side = me;
  let i = pit;
  if (stones > 1) {
    row(me)[pit] = 1;
    stones--;
  }
  while (stones > 0) {
    i++;
    if (i === s.n) {
      i = 0;
      side = 1 - side;
    }
    const owner = s.tuz[1 - side] === i ? 1 - side : -1;
    if (owner >= 0) s.kazan[owner] = (s.kazan[owner] as number) + 1;
    else row(side)[i] = (row(side)[i] as number) + 1;
    stones--;
  }
  if (side === opp) {
    const c = row(opp)[i] as number;
    if (c > 0 && c % 2 === 0) {
      s.kazan[me] = (s.kazan[me] as number) + c;
      row(opp)[i] = 0;
    } else if (c === 3 && s.n === 9 && s.tuz[me] === null && i !== 8 && s.tuz[opp] !== i) {
      s.tuz[me] = i;
      s.kazan[me] = (s.kazan[me] as number) + 3;
      row(opp)[i] = 0;
    }
  }
  s.side = opp;
  return s;
}

function naivePerft(st: NaiveState, depth: number): number {
  if (depth === 0) return 1;
  let total = 0;
  for (const m of naiveMoves(st)) total += naivePerft(naivePlay(st, m), depth - 1);
  return total;
}

const START_COUNTS = [9, 73, 613, 5199, 43184, 360035, 3003052, 25166174];

describe('perft from the start position', () => {
  for (const [i, count] of START_COUNTS.entries()) {
    it(`depth ${i + 1} = ${count}`, () => {
      expect(perft(newPosition(), i + 1)).toBe(count);
    });
  }
  it('divide adds up and agrees with the naive rules at depth 4', () => {
    const d = divide(newPosition(), 4);
    expect([...d.values()].reduce((a, b) => a + b, 0)).toBe(5199);
    const naive = naiveFromString(formatPosition(newPosition()));
    for (const [m, c] of d) expect(c).toBe(naivePerft(naivePlay(naive, m), 3));
  });
});

// Seeded playouts reach positions with tuzdyks, laps and big kazans that are tedious to write by hand.
function randomPlayout(seed: number, plies: number): Position {
  let x = seed;
  const pos = newPosition();
  for (let i = 0; i < plies; i++) {
    const ms = legalMoves(pos);
    if (ms.length === 0) break;
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    makeMove(pos, pos, ms[x % ms.length] as number);
  }
  return pos;
}

const CONSTRUCTED: [string, string, number][] = [
  // Both tuzdyks; white pit 1 laps the board (28 stones) through both of them.
  ['laps through both tuzdyks', '28,0,3,1,0,0,7,5,1/2,9,0,4,1,0,11,2,2 40/46 3/6 w', 5],
  // Black's pit 9 (10 stones) ends in white's 9th pit making 3: no tuzdyk there.
  ['tuzdyk refused on the 9th pit', '1,1,1,1,1,1,1,1,2/1,1,1,1,1,1,1,2,10 66/67 -/- b', 5],
  // White already owns a tuzdyk: a 3 is just a 3.
  ['second tuzdyk refused', '2,2,2,2,2,2,2,2,2/2,2,0,2,2,2,2,2,2 60/68 3/- w', 5],
  // Black's tuzdyk is white's pit 5, so white's pit 9 making 3 in black's pit 5 is no tuzdyk.
  ['same number refused', '0,0,0,3,0,1,1,1,6/1,1,1,1,2,1,1,1,1 70/70 -/5 w', 6],
  // One capture wins: white has 80.
  ['near the end: 82 decides', '0,0,0,0,0,0,0,0,3/1,0,1,0,0,0,0,0,0 80/77 -/- w', 6],
  // Black has a single stone left; emptying sides end lines early.
  ['near the end: empty sides', '0,0,0,0,0,0,0,2,1/0,0,0,0,0,0,0,0,1 79/79 -/- b', 8],
  ['bestemshe start', '5,5,5,5,5/5,5,5,5,5 0/0 -/- w', 7],
  ['bestemshe middle game', '0,7,1,2,6/3,0,4,9,1 8/9 -/- b', 7],
];

describe('constructed positions agree with the naive implementation', () => {
  for (const [name, text, depth] of CONSTRUCTED) {
    it(`${name} (depth ${depth})`, () => {
      const pos = parsePosition(text);
      expect(formatPosition(pos)).toBe(text);
      expect(perft(pos, depth)).toBe(naivePerft(naiveFromString(text), depth));
    });
  }
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random middle game, seed ${seed}`, () => {
      const pos = randomPlayout(seed, 30 + seed * 12);
      const text = formatPosition(pos);
      expect(perft(pos, 5)).toBe(naivePerft(naiveFromString(text), 5));
    });
  }
  it('every move of many random games matches the naive move', () => {
    for (let seed = 100; seed < 160; seed++) {
      let x = seed;
      const pos = newPosition(seed % 5 === 0 ? 'bestemshe' : 'togyz');
      let naive = naiveFromString(formatPosition(pos));
      for (let ply = 0; ply < 300; ply++) {
        const ms = legalMoves(pos);
        expect(ms).toEqual(naiveMoves(naive));
        if (ms.length === 0) break;
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const m = ms[(x >>> 8) % ms.length] as number;
        makeMove(pos, pos, m);
        naive = naivePlay(naive, m);
        expect(formatPosition(pos)).toBe(naiveToString(naive));
      }
    }
  });
});

describe('hand-counted positions', () => {
  it('a single stone in the last pit', () => {
    // White's only move sows one stone into black's pit 1 (1 -> 2, captured).
    const pos = parsePosition('0,0,0,0,0,0,0,0,1/1,0,0,0,0,0,0,0,0 80/80 -/- w');
    expect(perft(pos, 1)).toBe(1);
    // After the capture white has 82 and the game is over.
    expect(perft(pos, 2)).toBe(0);
  });
  it('bestemshe: 5 moves, then 21 replies', () => {
    // White's pits 2..5 each capture 6 from black's pits 1..4 and leave black 4 replies;
    // pit 1 stays on white's side and leaves all 5: 4·4 + 5.
    const pos = newPosition('bestemshe');
    expect(perft(pos, 1)).toBe(5);
    expect(perft(pos, 2)).toBe(21);
  });
});
