// Game records in PGN, in the two dialects seen in the wild:
//
// - PlayOK: `76(10)` = pit 7 played, the last stone landed in pit 6 (numbered on the side
//   it landed), the mover's kazan now holds 10; `25X` = that move made a tuzdyk;
//   `{zero}` after the result = the game ended because the side to move had no stone.
// - Federation (championship records): `76`, `36x` for a tuzdyk; captures are not marked.
//
// parsePgn only reads the text; replayRecord plays every move and checks what the record
// claims (legality, landing pit, tuzdyk marks, kazan totals, result of a finished game).

import { formatPosition, PositionError, parsePosition } from './position.ts';
import {
  BLACK_WINS,
  CAPTURE_SHIFT,
  copyPosition,
  DRAW,
  emptySideEnd,
  K_WHITE,
  LANDING_MASK,
  legalMask,
  makeMove,
  NO_TUZDYK,
  NPITS,
  newPosition,
  ONGOING,
  type Outcome,
  outcome,
  type Position,
  SIDE,
  TUZ_WHITE,
  TUZDYK_MADE,
  WHITE_WINS,
} from './rules.ts';

export interface MoveToken {
  text: string;
  /** Full-move number as written before the white move. */
  number: number;
  side: 0 | 1;
  pit: number;
  landing: number;
  kazan: number | null;
  tuzdyk: boolean;
}

export interface PgnRecord {
  headers: [string, string][];
  moves: MoveToken[];
  /** Result token at the end of the move text, if any. */
  result: string | null;
  comments: string[];
  /** Problems in the text itself (unknown tokens, wrong move numbers). */
  syntaxErrors: string[];
}

export function header(rec: PgnRecord, key: string): string | undefined {
  return rec.headers.find(([k]) => k === key)?.[1];
}

const RESULTS = new Set(['1-0', '0-1', '1/2-1/2', '*']);
const MOVE_RE = /^([1-9])([1-9])(?:\((\d{1,3})\))?([xX])?$/;
const TOKEN_RE = /\{[^}]*\}|;[^\n]*|\S+/g;

const newRecord = (): PgnRecord => ({ headers: [], moves: [], result: null, comments: [], syntaxErrors: [] });

export function parsePgn(text: string): PgnRecord[] {
  const games: PgnRecord[] = [];
  let cur: PgnRecord | null = null;
  let movetext: string[] = [];
  const finish = (rec: PgnRecord | null) => {
    if (rec) {
      parseMovetext(rec, movetext.join('\n'));
      games.push(rec);
    }
    movetext = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const h = /^\[(\w+)\s+"((?:[^"\\]|\\.)*)"\]$/.exec(line);
    if (h) {
      // A header after move text starts the next game.
      if (!cur || movetext.length > 0) {
        finish(cur);
        cur = newRecord();
      }
      cur.headers.push([h[1] as string, (h[2] as string).replace(/\\(.)/g, '$1')]);
    } else if (line !== '') {
      cur ??= newRecord();
      movetext.push(line);
    }
  }
  finish(cur);
  return games;
}

function parseMovetext(rec: PgnRecord, mt: string): void {
  let number = 1;
  let side: 0 | 1 = 0;
  const fen = header(rec, 'FEN');
  if (fen && / b\s*$/.test(fen)) side = 1;
  for (const tok of mt.match(TOKEN_RE) ?? []) {
    if (tok.startsWith('{')) {
      rec.comments.push(tok.slice(1, -1).trim());
      continue;
    }
    if (tok.startsWith(';')) continue;
    if (RESULTS.has(tok)) {
      rec.result = tok;
      continue;
    }
    const num = /^(\d+)\.(\.\.)?$/.exec(tok);
    if (num) {
      const k = Number(num[1]);
      const black = num[2] !== undefined;
      if (k !== number || (black ? side !== 1 : side !== 0)) {
        rec.syntaxErrors.push(`move number ${tok} where ${number}${side ? '...' : '.'} was expected`);
      }
      continue;
    }
    const m = MOVE_RE.exec(tok);
    if (!m) {
      rec.syntaxErrors.push(`unreadable token "${tok}" at move ${number}${side ? ' (black)' : ''}`);
      continue;
    }
    rec.moves.push({
      text: tok,
      number,
      side,
      pit: Number(m[1]),
      landing: Number(m[2]),
      kazan: m[3] === undefined ? null : Number(m[3]),
      tuzdyk: m[4] !== undefined,
    });
    if (side === 1) number++;
    side = side === 0 ? 1 : 0;
  }
}

export interface ReplayIssue {
  /** 1-based index of the move in the record (plies). */
  ply: number;
  /** Full-move number and side as a reader says it: "12. (black) 62". */
  moveNumber: number;
  side: 'white' | 'black';
  token: string;
  reason: string;
}

export interface ReplayReport {
  record: PgnRecord;
  /** Every move legal and consistent with what the record claims. */
  legal: boolean;
  issue: ReplayIssue | null;
  /** Moves played before the first problem (all of them when legal). */
  played: number[];
  position: Position;
  /** Outcome by the rules after the moves played; ONGOING when ended by resignation, time, agreement. */
  outcome: Outcome;
  endedByEmptySide: boolean;
  /** Header (or move-text) result against the rules: null when the rules do not decide it. */
  resultMatches: boolean | null;
}

export function resultText(o: Outcome): string {
  return o === WHITE_WINS ? '1-0' : o === BLACK_WINS ? '0-1' : o === DRAW ? '1/2-1/2' : '*';
}

export function startOf(rec: PgnRecord): Position {
  const fen = header(rec, 'FEN');
  if (fen) return parsePosition(fen);
  return newPosition(header(rec, 'Variant')?.toLowerCase() === 'bestemshe' ? 'bestemshe' : 'togyz');
}

function describe(pos: Position, side: number, pit: number): string | null {
  const n = pos[NPITS] as number;
  if (pit < 1 || pit > n) return `there is no pit ${pit}`;
  const g = side * n + pit - 1;
  if (pos[TUZ_WHITE + (side ^ 1)] === g) return `pit ${pit} is the opponent's tuzdyk`;
  if (pos[g] === 0) return `pit ${pit} is empty`;
  return null;
}

/** Plays a parsed record from its start, checking every move. */
export function replayRecord(rec: PgnRecord): ReplayReport {
  let pos: Position;
  const played: number[] = [];
  const report = (issue: ReplayIssue | null, p: Position): ReplayReport => {
    const o = outcome(p);
    const declared = header(rec, 'Result') ?? rec.result;
    const emptySide = emptySideEnd(p);
    let resultMatches: boolean | null = null;
    if (!issue && o !== ONGOING) resultMatches = declared === resultText(o);
    // {zero} marks exactly the games ended by an empty side (PlayOK writes it every time).
    const zero = rec.comments.includes('zero');
    if (!issue && (zero || (emptySide && dialectOf(rec) === 'playok'))) {
      resultMatches = zero && emptySide && declared === resultText(o);
    }
    return {
      record: rec,
      legal: issue === null,
      issue,
      played,
      position: p,
      outcome: o,
      endedByEmptySide: emptySide,
      resultMatches,
    };
  };
  try {
    pos = startOf(rec);
  } catch (e) {
    const reason = e instanceof PositionError ? e.message : String(e);
    return report({ ply: 0, moveNumber: 0, side: 'white', token: 'FEN', reason }, newPosition());
  }
  const n = pos[NPITS] as number;
  const dialect = dialectOf(rec);
  const next = new Uint8Array(pos.length);
  for (let i = 0; i < rec.moves.length; i++) {
    const mv = rec.moves[i] as MoveToken;
    const side = pos[SIDE] as number;
    const fail = (reason: string) =>
      report(
        { ply: i + 1, moveNumber: mv.number, side: side ? 'black' : 'white', token: mv.text, reason },
        pos,
      );
    if (outcome(pos) !== ONGOING) return fail(`the game is already over (${resultText(outcome(pos))})`);
    const bad = describe(pos, side, mv.pit);
    if (bad) return fail(bad);
    const info = makeMove(pos, next, mv.pit - 1);
    const landingG = info & LANDING_MASK;
    const landing = (landingG % n) + 1;
    if (landing !== mv.landing) {
      return fail(`the last stone lands in pit ${landing}, the record says ${mv.landing}`);
    }
    const made = (info & TUZDYK_MADE) !== 0;
    if (mv.tuzdyk && !made) return fail(`marked as a tuzdyk, but ${whyNoTuzdyk(pos, next, landingG)}`);
    if (!mv.tuzdyk && made) return fail(`makes a tuzdyk in pit ${landing}, but the move is not marked`);
    const kazan = next[K_WHITE + side] as number;
    if (mv.kazan !== null && mv.kazan !== kazan) {
      return fail(`the mover's kazan holds ${kazan}, the record says ${mv.kazan}`);
    }
    if (dialect === 'playok' && mv.kazan === null && !made && info >> CAPTURE_SHIFT !== 0) {
      // PlayOK writes the kazan after every even capture, so a bare move here is inconsistent.
      return fail(`captures ${info >> CAPTURE_SHIFT} (kazan ${kazan}), but the record shows no kazan`);
    }
    pos = copyPosition(next);
    played.push(mv.pit - 1);
  }
  return report(null, pos);
}

function whyNoTuzdyk(before: Position, after: Position, landingG: number): string {
  const n = before[NPITS] as number;
  const side = before[SIDE] as number;
  const local = landingG - (side ? 0 : n);
  if (n !== 9) return 'bestemshe has no tuzdyk';
  if (local < 0 || local >= n) return "the last stone lands on the mover's own side";
  if (after[landingG] !== 3 && (after[landingG] as number) !== 0)
    return `the pit holds ${after[landingG]}, not 3`;
  if (before[TUZ_WHITE + side] !== NO_TUZDYK) return 'the mover already has a tuzdyk';
  if (local === 8) return "the opponent's 9th pit cannot be a tuzdyk";
  return "the pit has the same number as the opponent's tuzdyk";
}

export type Dialect = 'playok' | 'federation';

/** PlayOK records say so in Site, or show kazans and capital X; everything else is read as federation. */
export function dialectOf(rec: PgnRecord): Dialect {
  if (/playok/i.test(header(rec, 'Site') ?? '')) return 'playok';
  return rec.moves.some((m) => m.kazan !== null || /X$/.test(m.text)) ? 'playok' : 'federation';
}

/** Notation of one move from `pos` (pit 0-based), e.g. "76(10)", "25X", "36x". */
export function moveText(pos: Position, pit: number, dialect: Dialect = 'playok'): string {
  const n = pos[NPITS] as number;
  const side = pos[SIDE] as number;
  const next = new Uint8Array(pos.length);
  const info = makeMove(pos, next, pit);
  let t = `${pit + 1}${((info & LANDING_MASK) % n) + 1}`;
  if (info & TUZDYK_MADE) t += dialect === 'playok' ? 'X' : 'x';
  else if (dialect === 'playok' && info >> CAPTURE_SHIFT !== 0) t += `(${next[K_WHITE + side]})`;
  return t;
}

export interface WriteOptions {
  dialect?: Dialect;
  /** Written in this order; Result is filled in from the game when missing. */
  headers?: [string, string][];
  start?: Position;
  /** Result to write when the rules have not decided the game (resignation, time). */
  result?: string;
}

/** Writes moves (0-based pits) as a PGN record; throws on an illegal move. */
export function writePgn(moves: readonly number[], opts: WriteOptions = {}): string {
  const dialect = opts.dialect ?? 'playok';
  let pos = opts.start ? copyPosition(opts.start) : newPosition();
  const startText = formatPosition(pos);
  const tokens: string[] = [];
  let number = 1;
  for (const [i, pit] of moves.entries()) {
    if (!((legalMask(pos) >> pit) & 1)) throw new Error(`move ${i + 1}: pit ${pit + 1} cannot be played`);
    const side = pos[SIDE] as number;
    if (side === 0) tokens.push(`${number}.`);
    else if (i === 0) tokens.push(`${number}...`);
    tokens.push(moveText(pos, pit, dialect));
    const next = copyPosition(pos);
    makeMove(pos, next, pit);
    pos = next;
    if (side === 1) number++;
  }
  const o = outcome(pos);
  const result = o !== ONGOING ? resultText(o) : (opts.result ?? '*');
  const headers: [string, string][] = [...(opts.headers ?? [])];
  const set = (k: string, v: string) => {
    const h = headers.find(([key]) => key === k);
    if (h) h[1] = v;
    else headers.push([k, v]);
  };
  set('Result', result);
  if (pos[NPITS] !== 9) set('Variant', 'bestemshe');
  if (startText !== formatPosition(newPosition(pos[NPITS] === 5 ? 'bestemshe' : 'togyz')))
    set('FEN', startText);
  tokens.push(result);
  if (dialect === 'playok' && emptySideEnd(pos)) tokens.push('{zero}');
  const lines: string[] = [];
  let line = '';
  for (const t of tokens) {
    if (line && line.length + 1 + t.length > 80) {
      lines.push(line);
      line = t;
    } else line = line ? `${line} ${t}` : t;
  }
  if (line) lines.push(line);
  const head = headers.map(([k, v]) => `[${k} "${v.replace(/["\\]/g, '\\$&')}"]`).join('\n');
  return `${head}\n\n${lines.join('\n')}\n`;
}
