// A game with history: what the board, the server and the replay viewer hold.

import {
  moveText,
  type PgnRecord,
  parsePgn,
  type ReplayIssue,
  replayRecord,
  type WriteOptions,
  writePgn,
} from './notation.ts';
import { formatPosition, parsePosition } from './position.ts';
import {
  CAPTURE_SHIFT,
  copyPosition,
  finalKazans,
  K_WHITE,
  LANDING_MASK,
  legalMask,
  legalMoves,
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
  type Variant,
  variantOf,
} from './rules.ts';

export interface MoveResult {
  /** Pit played, 0-based on the mover's side. */
  pit: number;
  side: 0 | 1;
  notation: string;
  /** Board index (0..2n-1) of the pit the stones were taken from. */
  from: number;
  /**
   * Where each stone went, in sowing order: a board index 0..2n-1, or K_WHITE / K_BLACK (18 / 19)
   * for a stone sown into a tuzdyk, which goes straight to its owner's kazan.
   */
  path: number[];
  /** Board index of the pit the last stone reached. */
  landing: number;
  /** Stones taken from the landing pit into the mover's kazan (0 if none). */
  captured: number;
  tuzdykMade: boolean;
  outcome: Outcome;
  /** Final kazans once the game is over (after the empty-side sweep); the current kazans otherwise. */
  score: [number, number];
}

export class IllegalMoveError extends Error {
  override name = 'IllegalMoveError';
}

/** Where each stone of `pit` goes; pure, for animation. */
export function sowPath(pos: Position, pit: number): number[] {
  const n = pos[NPITS] as number;
  const ring = 2 * n;
  const from = (pos[SIDE] as number) * n + pit;
  let stones = pos[from] as number;
  const path: number[] = [];
  let i = from;
  if (stones > 1) {
    path.push(from);
    stones--;
  }
  for (; stones > 0; stones--) {
    i = (i + 1) % ring;
    if (pos[TUZ_WHITE] === i) path.push(K_WHITE);
    else if (pos[TUZ_WHITE + 1] === i) path.push(K_WHITE + 1);
    else path.push(i);
  }
  return path;
}

export class Game {
  readonly start: Position;
  private history: Position[];
  private played: number[] = [];
  private results: MoveResult[] = [];

  constructor(opts: { variant?: Variant; start?: Position | string } = {}) {
    const s = opts.start;
    this.start =
      s === undefined
        ? newPosition(opts.variant)
        : typeof s === 'string'
          ? parsePosition(s)
          : copyPosition(s);
    this.history = [copyPosition(this.start)];
  }

  get variant(): Variant {
    return variantOf(this.start);
  }
  /** A copy of the current position. */
  get position(): Position {
    return copyPosition(this.current);
  }
  private get current(): Position {
    return this.history[this.history.length - 1] as Position;
  }
  get moves(): readonly number[] {
    return this.played;
  }
  get moveResults(): readonly MoveResult[] {
    return this.results;
  }
  get sideToMove(): 0 | 1 {
    return this.current[SIDE] as 0 | 1;
  }
  legalMoves(): number[] {
    return legalMoves(this.current);
  }
  outcome(): Outcome {
    return outcome(this.current);
  }
  isOver(): boolean {
    return outcome(this.current) !== ONGOING;
  }
  /** Kazans, with the end-of-game sweep applied once the game is over. */
  score(): [number, number] {
    return finalKazans(this.current);
  }
  /** The owner's tuzdyk as a board index, or null. */
  tuzdyk(side: 0 | 1): number | null {
    const t = this.current[TUZ_WHITE + side] as number;
    return t === NO_TUZDYK ? null : t;
  }

  play(pit: number): MoveResult {
    const pos = this.current;
    if (!Number.isInteger(pit) || !((legalMask(pos) >> pit) & 1)) {
      const why = this.isOver() ? 'the game is over' : `pit ${pit + 1} cannot be played`;
      throw new IllegalMoveError(why);
    }
    const side = pos[SIDE] as 0 | 1;
    const notation = moveText(pos, pit);
    const path = sowPath(pos, pit);
    const next = copyPosition(pos);
    const info = makeMove(pos, next, pit);
    this.history.push(next);
    this.played.push(pit);
    const o = outcome(next);
    const r: MoveResult = {
      pit,
      side,
      notation,
      from: side * (pos[NPITS] as number) + pit,
      path,
      landing: info & LANDING_MASK,
      captured: (info >> CAPTURE_SHIFT) & 255,
      tuzdykMade: (info & TUZDYK_MADE) !== 0,
      outcome: o,
      score: finalKazans(next),
    };
    this.results.push(r);
    return r;
  }

  /** Takes back the last move; returns it, or null at the start. */
  undo(): MoveResult | null {
    if (this.played.length === 0) return null;
    this.history.pop();
    this.played.pop();
    return this.results.pop() ?? null;
  }

  toPgn(opts: Omit<WriteOptions, 'start'> = {}): string {
    return writePgn(this.played, { ...opts, start: this.start });
  }

  toPositionString(): string {
    return formatPosition(this.current);
  }

  static fromPosition(text: string): Game {
    return new Game({ start: text });
  }

  /** Reads the first game of a PGN text; every move is checked. */
  static fromPgn(text: string): Game {
    const [rec] = parsePgn(text);
    if (!rec) throw new PgnError('no game found', null);
    return Game.fromRecord(rec);
  }

  static fromRecord(rec: PgnRecord): Game {
    if (rec.syntaxErrors.length > 0) throw new PgnError(rec.syntaxErrors[0] as string, null);
    const rep = replayRecord(rec);
    if (rep.issue) {
      const i = rep.issue;
      throw new PgnError(
        `move ${i.moveNumber}${i.side === 'black' ? '...' : '.'} ${i.token}: ${i.reason}`,
        i,
      );
    }
    const fen = rec.headers.find(([k]) => k === 'FEN')?.[1];
    const g = new Game({
      start: fen,
      variant: rec.headers.some(([k, v]) => k === 'Variant' && /bestemshe/i.test(v)) ? 'bestemshe' : 'togyz',
    });
    for (const m of rep.played) g.play(m);
    return g;
  }
}

export class PgnError extends Error {
  override name = 'PgnError';
  readonly issue: ReplayIssue | null;
  constructor(message: string, issue: ReplayIssue | null) {
    super(message);
    this.issue = issue;
  }
}
