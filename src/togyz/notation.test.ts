import { describe, expect, it } from 'vitest';
import { header, parsePgn, replayRecord, writePgn } from './notation.ts';
import { parsePosition } from './position.ts';
import { WHITE_WINS } from './rules.ts';

const HEAD = '[Event "Test"]\n[Site "PlayOK"]\n[White "A"]\n[Black "B"]\n[Result "*"]\n\n';

function check(movetext: string, head = HEAD) {
  const recs = parsePgn(head + movetext);
  expect(recs).toHaveLength(1);
  return replayRecord(recs[0] as (typeof recs)[0]);
}

describe('reading PGN', () => {
  it('reads headers, moves, kazans, tuzdyk marks and comments', () => {
    const [rec] = parsePgn(`${HEAD}1. 76(10) 87(2) 2. 99 91 *\r\n`);
    expect(header(rec as never, 'White')).toBe('A');
    expect(rec?.moves.map((m) => [m.pit, m.landing, m.kazan, m.side])).toEqual([
      [7, 6, 10, 0],
      [8, 7, 2, 1],
      [9, 9, null, 0],
      [9, 1, null, 1],
    ]);
    expect(check('1. 76(10) 87(2) 2. 99 91 *').legal).toBe(true);
  });
  it('splits several games', () => {
    expect(parsePgn(`${HEAD}1. 76 *\n\n${HEAD}1. 12 *\n`)).toHaveLength(2);
  });
  it('reports a wrong landing pit with the move number', () => {
    const r = check('1. 76(10) 87(2) 2. 98 91 *');
    expect(r.issue).toMatchObject({ ply: 3, moveNumber: 2, side: 'white', token: '98' });
    expect(r.issue?.reason).toBe('the last stone lands in pit 9, the record says 8');
  });
  it('reports a wrong kazan total', () => {
    expect(check('1. 76(12) *').issue?.reason).toBe("the mover's kazan holds 10, the record says 12");
  });
  it('reports a PlayOK capture written without its kazan', () => {
    expect(check('1. 76 *').issue?.reason).toMatch(/captures 10 .*no kazan/);
    // Federation records do not mark captures.
    expect(check('1. 76 *', '[Event "Cup"]\n\n').legal).toBe(true);
  });
  it('reports an empty pit and a move made after the end', () => {
    expect(check('1. 76(10) 87(2) 2. 71 *').issue).toMatchObject({ moveNumber: 2, reason: 'pit 7 is empty' });
    const done = `[FEN "0,0,0,0,0,0,0,0,1/1,0,0,0,0,0,0,0,0 80/80 -/- w"]\n\n1. 91(82) 12 1-0`;
    expect(check('', `${done}\n`).issue).toMatchObject({
      moveNumber: 1,
      side: 'black',
      reason: 'the game is already over (1-0)',
    });
  });
  it('reports tuzdyk marks that do not fit', () => {
    const fen = '[FEN "9,9,9,9,9,9,9,9,3/9,2,9,9,9,9,9,9,9 13/0 -/- w"]\n\n';
    expect(check('1. 92X *', fen).legal).toBe(true);
    expect(check('1. 92 *', fen).issue?.reason).toBe('makes a tuzdyk in pit 2, but the move is not marked');
    const refused = '[FEN "1,1,1,1,1,1,1,1,2/1,1,1,1,1,1,1,2,10 66/67 -/- b"]\n\n';
    expect(check('1... 99X *', refused).issue?.reason).toBe(
      "marked as a tuzdyk, but the opponent's 9th pit cannot be a tuzdyk",
    );
  });
  it("reports play from the opponent's tuzdyk", () => {
    const fen = '[FEN "9,0,9,9,9,9,9,9,3/9,2,9,9,9,9,9,9,9 22/0 -/2 w"]\n\n';
    expect(check('1. 24 *', fen).issue?.reason).toBe("pit 2 is the opponent's tuzdyk");
  });
  it('reports unreadable tokens and checks {zero} games', () => {
    expect(parsePgn(`${HEAD}1. 7a *`)[0]?.syntaxErrors).toEqual(['unreadable token "7a" at move 1']);
    // White keeps its stones at home; black cannot move, so white adds its 3 stones: 83-79.
    const fen =
      '[Site "PlayOK"]\n[FEN "0,0,0,0,0,0,0,2,1/0,0,0,0,0,0,0,0,0 80/79 -/- w"]\n[Result "1-0"]\n\n';
    const r = check('1. 89 1-0 {zero}', fen);
    expect(r).toMatchObject({
      legal: true,
      outcome: WHITE_WINS,
      endedByEmptySide: true,
      resultMatches: true,
    });
    expect(check('1. 89 0-1 {zero}', fen.replace('1-0', '0-1')).resultMatches).toBe(false);
    // The end by an empty side without {zero} is inconsistent for PlayOK.
    expect(check('1. 89 1-0', fen).resultMatches).toBe(false);
  });
});

describe('writing PGN', () => {
  it('writes PlayOK and federation notation', () => {
    const pgn = writePgn([6, 7, 8, 8], { headers: [['Event', 'Hub']] });
    expect(pgn).toBe('[Event "Hub"]\n[Result "*"]\n\n1. 76(10) 87(2) 2. 99 91 *\n');
    expect(writePgn([6, 7], { dialect: 'federation' })).toContain('1. 76 87 *');
  });
  it('writes a game from a position, with {zero} when a side runs out', () => {
    const start = parsePosition('0,0,0,0,0,0,0,2,1/0,0,0,0,0,0,0,0,0 80/79 -/- w');
    const pgn = writePgn([7], { start });
    expect(pgn).toContain('[FEN "0,0,0,0,0,0,0,2,1/0,0,0,0,0,0,0,0,0 80/79 -/- w"]');
    expect(pgn).toContain('1. 89 1-0 {zero}');
    expect(replayRecord(parsePgn(pgn)[0] as never).resultMatches).toBe(true);
  });
  it('refuses an illegal move', () => {
    expect(() => writePgn([6, 7, 6])).toThrow(/move 3: pit 7/);
  });
});
