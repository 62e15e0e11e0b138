// Togyz kumalak engine: the stable API for the server and the web board.
// Everything here is pure (no I/O, no Node APIs), so it also runs in a browser Web Worker.
//
//   const game = new Game();                      // or new Game({ variant: 'bestemshe' })
//   game.legalMoves();                            // [0..8]: pits of the side to move, 0-based
//   const r = game.play(6);                       // r.path: where each stone went (animation),
//                                                 // r.captured, r.tuzdykMade, r.notation ("76(10)"),
//                                                 // r.outcome (ONGOING / WHITE_WINS / BLACK_WINS / DRAW)
//   game.undo();
//   game.toPgn({ headers: [['White', 'Aigerim']] }); Game.fromPgn(text)  // PlayOK notation
//   game.toPositionString();  Game.fromPosition('9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 -/- w')
//   bestMove(game.position, { level: 3 }).move;   // or { ms: 1000 }; levels 1..MAX_LEVEL
//
// Board indices in a Position (and in MoveResult.path): 0..8 white's pits 1..9, 9..17 black's
// pits 1..9 (bestemshe: 0..4 and 5..9); 18 and 19 the white and black kazans.
// Lower-level pieces (rules, perft, search, notation) are exported for tools and tests.

export {
  type BestMove,
  type BestMoveOptions,
  bestMove,
  createRng,
  greedyMove,
  LEVELS,
  type Level,
  MAX_LEVEL,
} from './ai.ts';
export { Game, IllegalMoveError, type MoveResult, PgnError, sowPath } from './game.ts';
export {
  type Dialect,
  moveText,
  type PgnRecord,
  parsePgn,
  type ReplayIssue,
  type ReplayReport,
  replayRecord,
  writePgn,
} from './notation.ts';
export { perft } from './perft.ts';
export { formatPosition, PositionError, parsePosition, START_BESTEMSHE, START_POSITION } from './position.ts';
export {
  BLACK,
  BLACK_WINS,
  DRAW,
  K_BLACK,
  K_WHITE,
  legalMoves,
  newPosition,
  ONGOING,
  type Outcome,
  outcome,
  type Position,
  type Variant,
  WHITE,
  WHITE_WINS,
} from './rules.ts';
export { Searcher, type SearchResult } from './search.ts';
