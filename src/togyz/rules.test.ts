import { describe, expect, it } from 'vitest';
import { moveText } from './notation.ts';
import { formatPosition, parsePosition, START_POSITION } from './position.ts';
import {
  BLACK_WINS,
  DRAW,
  emptySideEnd,
  finalKazans,
  legalMoves,
  makeMove,
  newPosition,
  ONGOING,
  outcome,
  settle,
  TUZDYK_MADE,
  WHITE_WINS,
} from './rules.ts';

/** Plays pit (1-based) from a position string; returns the new string and the move's notation. */
function play(text: string, pit: number): { after: string; note: string; info: number } {
  const pos = parsePosition(text);
  const note = moveText(pos, pit - 1);
  const info = makeMove(pos, pos, pit - 1);
  return { after: formatPosition(pos), note, info };
}

describe('sowing', () => {
  it('first stone back into the origin pit, capture of an even pit', () => {
    const r = play(START_POSITION, 7);
    expect(r.note).toBe('76(10)');
    expect(r.after).toBe('9,9,9,9,9,9,1,10,10/10,10,10,10,10,0,9,9,9 10/0 -/- b');
  });
  it('a single stone moves to the next pit', () => {
    const r = play('9,9,1,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 8/0 -/- w', 3);
    expect(r.note).toBe('34');
    expect(r.after).toBe('9,9,0,10,9,9,9,9,9/9,9,9,9,9,9,9,9,9 8/0 -/- b');
  });
  it('an odd count on the opponent side is not captured', () => {
    expect(play(START_POSITION, 1).after).toBe('1,10,10,10,10,10,10,10,10/9,9,9,9,9,9,9,9,9 0/0 -/- b');
  });
  it('laps the board; stones sown into tuzdyks go to their owners', () => {
    // 28 stones from white's pit 1: one full lap plus 10. White's tuzdyk (black's 3) takes 1,
    // black's tuzdyk (white's 6) takes 2; the last stone makes black's pit 1 four: captured.
    const r = play('28,0,3,1,0,0,7,5,1/2,9,0,4,1,0,11,2,2 40/46 3/6 w', 1);
    expect(r.note).toBe('11(45)');
    expect(r.after).toBe('2,2,5,3,2,0,9,7,3/0,10,0,5,2,1,12,3,3 45/48 3/6 b');
  });
  it('the last stone into the own tuzdyk just goes to the kazan', () => {
    const r = play('0,0,0,0,0,0,0,0,2/0,9,9,9,9,9,9,9,9 80/8 1/- w', 9);
    expect(r.note).toBe('91');
    expect(r.after).toBe('0,0,0,0,0,0,0,0,1/0,9,9,9,9,9,9,9,9 81/8 1/- b');
  });
});

describe('tuzdyk', () => {
  it('is made on exactly 3', () => {
    const r = play('9,9,9,9,9,9,9,9,3/9,2,9,9,9,9,9,9,9 13/0 -/- w', 9);
    expect(r.note).toBe('92X');
    expect(r.info & TUZDYK_MADE).toBeTruthy();
    expect(r.after).toBe('9,9,9,9,9,9,9,9,1/10,0,9,9,9,9,9,9,9 16/0 2/- b');
    expect(moveText(parsePosition('9,9,9,9,9,9,9,9,3/9,2,9,9,9,9,9,9,9 13/0 -/- w'), 8, 'federation')).toBe(
      '92x',
    );
  });
  it('not when the mover already has one', () => {
    const r = play('9,9,9,9,9,9,9,9,3/9,2,9,9,0,9,9,9,9 22/0 5/- w', 9);
    expect(r.note).toBe('92');
    expect(r.after).toBe('9,9,9,9,9,9,9,9,1/10,3,9,9,0,9,9,9,9 22/0 5/- b');
  });
  it("not in the opponent's 9th pit", () => {
    const r = play('1,1,1,1,1,1,1,1,2/1,1,1,1,1,1,1,2,10 66/67 -/- b', 9);
    expect(r.note).toBe('99');
    expect(r.after).toBe('2,2,2,2,2,2,2,2,3/1,1,1,1,1,1,1,2,1 66/67 -/- w');
  });
  it("not with the same number as the opponent's tuzdyk", () => {
    const r = play('9,0,9,9,9,9,9,9,3/9,2,9,9,9,9,9,9,9 22/0 -/2 w', 9);
    expect(r.note).toBe('92');
    expect(r.after).toBe('9,0,9,9,9,9,9,9,1/10,3,9,9,9,9,9,9,9 22/0 -/2 b');
  });
  it("cannot be played from: the opponent's tuzdyk is never a legal move", () => {
    const pos = parsePosition('9,0,9,9,9,9,9,9,3/9,2,9,9,9,9,9,9,9 22/0 -/2 w');
    expect(legalMoves(pos)).toEqual([0, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('end of the game', () => {
  it('82 wins at once', () => {
    const pos = parsePosition('0,0,0,0,0,0,0,0,1/1,0,0,0,0,0,0,0,0 80/80 -/- w');
    makeMove(pos, pos, 8);
    expect(outcome(pos)).toBe(WHITE_WINS);
    expect(legalMoves(pos)).toEqual([]);
  });
  it('side to move without stones: the opponent takes their own side', () => {
    const pos = parsePosition('0,0,0,0,0,0,0,0,0/0,0,0,0,0,0,0,2,3 80/77 -/- w');
    expect(emptySideEnd(pos)).toBe(true);
    expect(finalKazans(pos)).toEqual([80, 82]);
    expect(outcome(pos)).toBe(BLACK_WINS);
    settle(pos);
    expect(formatPosition(pos)).toBe('0,0,0,0,0,0,0,0,0/0,0,0,0,0,0,0,0,0 80/82 -/- w');
  });
  it('81-81 is a draw', () => {
    const pos = parsePosition('0,0,0,0,0,0,0,0,0/0,0,0,0,0,0,0,0,1 81/80 -/- w');
    expect(outcome(pos)).toBe(DRAW);
  });
  it('the game goes on while the side to move has a stone', () => {
    expect(outcome(parsePosition('0,0,0,0,0,0,0,0,1/0,0,0,0,0,0,0,0,0 81/80 -/- w'))).toBe(ONGOING);
  });
});

describe('bestemshe', () => {
  it('5 pits of 5, capture of an even pit', () => {
    const pos = newPosition('bestemshe');
    expect(formatPosition(pos)).toBe('5,5,5,5,5/5,5,5,5,5 0/0 -/- w');
    makeMove(pos, pos, 4);
    expect(formatPosition(pos)).toBe('5,5,5,5,1/6,6,6,0,5 6/0 -/- b');
  });
  it('has no tuzdyk', () => {
    expect(play('0,0,0,0,2/2,5,5,5,5 13/13 -/- w', 5).after).toBe('0,0,0,0,1/3,5,5,5,5 13/13 -/- b');
  });
  it('more than 25 wins', () => {
    const pos = parsePosition('0,0,0,0,1/1,0,0,0,0 24/24 -/- w');
    makeMove(pos, pos, 4);
    expect(outcome(pos)).toBe(WHITE_WINS);
  });
});

describe('position format', () => {
  it('round-trips and rejects nonsense with a reason', () => {
    expect(formatPosition(parsePosition(START_POSITION))).toBe(START_POSITION);
    expect(() => parsePosition('9,9/9,9 0/0 -/- w')).toThrow(/9 \(or 5/);
    expect(() => parsePosition('9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 1/0 -/- w')).toThrow(/163/);
    expect(() => parsePosition('9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 9/- w')).toThrow(/9th/);
    expect(() => parsePosition('9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 -/- x')).toThrow(/side/);
    expect(() => parsePosition('9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 2/- w')).toThrow(/empty/);
    expect(() => parsePosition('5,5,5,5,5/5,5,5,5,0 5/0 1/- w')).toThrow(/bestemshe/);
  });
});
