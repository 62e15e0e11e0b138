// Replays every real game record we have and checks what each record claims.
// The records live outside the repository; without them the test skips and says why.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialectOf, header, type PgnRecord, parsePgn, replayRecord, writePgn } from './notation.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const dataDir = path.resolve(repoRoot, '..', 'shared', 'data', 'togyz');
const have =
  existsSync(path.join(dataDir, 'playok-games.pgn')) &&
  existsSync(path.join(dataDir, 'championship-games.pgn'));

function load(name: string): PgnRecord[] {
  return parsePgn(readFileSync(path.join(dataDir, name), 'utf8'));
}

function summarize(records: PgnRecord[]) {
  const reports = records.map(replayRecord);
  const keys = new Set(records.map((r) => JSON.stringify([r.headers, r.moves.map((m) => m.text)])));
  const legal = reports.filter((r) => r.legal);
  const decided = legal.filter((r) => r.outcome !== 0);
  return {
    records: records.length,
    distinct: keys.size,
    syntaxErrors: records.filter((r) => r.syntaxErrors.length > 0).length,
    legal: legal.length,
    problems: reports.filter((r) => !r.legal).map((r) => r.issue),
    zero: records.filter((r) => r.comments.includes('zero')).length,
    endedByEmptySide: decided.filter((r) => r.endedByEmptySide).length,
    endedBy82: decided.filter((r) => !r.endedByEmptySide).length,
    resultsMatching: decided.filter((r) => r.resultMatches === true).length,
    resultsWrong: reports.filter((r) => r.resultMatches === false).length,
    undecided: legal.filter((r) => r.outcome === 0).length,
    reports,
  };
}

/** Move text tokens as written in the source, for comparing with what we write. */
function tokens(rec: PgnRecord): string[] {
  return [...rec.moves.map((m) => m.text), ...(rec.comments.includes('zero') ? ['{zero}'] : [])];
}

describe.runIf(have)('real game records', () => {
  it('PlayOK: all 1,287 records replay; they are 1,229 distinct games plus 58 exact duplicates', () => {
    const s = summarize(load('playok-games.pgn'));
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({ records: 1287, distinct: 1229, syntaxErrors: 0, legal: 1287 });
    // 247 games end by the rules and every declared result agrees; {zero} marks exactly the
    // 159 that end with an empty side; the other 1,040 end by resignation, time or agreement.
    expect(s).toMatchObject({ zero: 159, endedByEmptySide: 159, endedBy82: 88, resultsMatching: 247 });
    expect(s).toMatchObject({ resultsWrong: 0, undecided: 1040 });
  });

  it('championship: all 742 records replay (739 distinct, 3 exact duplicates)', () => {
    const s = summarize(load('championship-games.pgn'));
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({ records: 742, distinct: 739, syntaxErrors: 0, legal: 742 });
    expect(s).toMatchObject({ zero: 0, endedByEmptySide: 0, endedBy82: 9, resultsMatching: 9 });
    expect(s).toMatchObject({ resultsWrong: 0, undecided: 733 });
  });

  it('writing the replayed moves gives back the source notation, token for token', () => {
    for (const file of ['playok-games.pgn', 'championship-games.pgn']) {
      for (const rec of load(file)) {
        const rep = replayRecord(rec);
        const out = writePgn(rep.played, {
          dialect: dialectOf(rec),
          headers: rec.headers,
          result: header(rec, 'Result'),
        });
        const again = parsePgn(out);
        expect(again).toHaveLength(1);
        const back = again[0] as PgnRecord;
        expect(tokens(back)).toEqual(tokens(rec));
        expect(back.headers).toEqual(rec.headers);
      }
    }
  });
});

if (!have) {
  describe('real game records', () => {
    it.skip(`skipped: no game records at ${dataDir} (playok-games.pgn, championship-games.pgn)`, () => {});
  });
}
