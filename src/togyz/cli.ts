// Command line for the togyz kumalak engine (see usage below).
import { readFileSync } from 'node:fs';
import { bestMove } from './ai.ts';
import { header, parsePgn, replayRecord, resultText } from './notation.ts';
import { perft } from './perft.ts';
import { formatPosition, PositionError, parsePosition } from './position.ts';
import { newPosition, ONGOING, type Position } from './rules.ts';
import { WIN } from './search.ts';

const USAGE = `usage:
  togyz perft <depth> [position]     leaf counts from the start (or the position) and nodes/s
  togyz replay <file.pgn>            check every move of every game; a verdict per game, then a summary
  togyz analyze <position> [--ms n]  best move, score, depth and nodes/s (default 1000 ms)

position: "<white pits>/<black pits> <kazans w/b> <tuzdyks w/b or -> <w|b>", e.g.
  "9,9,9,9,9,9,9,9,9/9,9,9,9,9,9,9,9,9 0/0 -/- w"   (bestemshe: 5 pits a side)`;

class UsageError extends Error {}

function position(text: string | undefined): Position {
  if (text === undefined) return newPosition();
  try {
    return parsePosition(text);
  } catch (e) {
    throw new UsageError(`bad position: ${e instanceof PositionError ? e.message : String(e)}`);
  }
}

function mps(nodes: number, ms: number): string {
  return `${(nodes / Math.max(ms, 0.001) / 1000).toFixed(1)} M nodes/s`;
}

function cmdPerft(args: string[]): number {
  const depth = Number(args[0]);
  if (!Number.isInteger(depth) || depth < 1 || depth > 12 || args.length > 2) {
    throw new UsageError('perft needs a depth from 1 to 12');
  }
  const pos = position(args[1]);
  for (let d = 1; d <= depth; d++) {
    const t = performance.now();
    const n = perft(pos, d);
    const ms = performance.now() - t;
    console.log(`depth ${d}: ${n.toLocaleString('en-US')}  ${(ms / 1000).toFixed(3)} s  ${mps(n, ms)}`);
  }
  return 0;
}

function cmdReplay(args: string[]): number {
  if (args.length !== 1) throw new UsageError('replay needs one PGN file');
  let text: string;
  try {
    text = readFileSync(args[0] as string, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${args[0]}: ${(e as Error).message}`);
  }
  const records = parsePgn(text);
  let legal = 0;
  let decided = 0;
  let matching = 0;
  records.forEach((rec, i) => {
    const who = `${header(rec, 'White') ?? '?'} - ${header(rec, 'Black') ?? '?'}`;
    const declared = header(rec, 'Result') ?? rec.result ?? '*';
    const prefix = `game ${i + 1} (${who}, ${declared}, ${rec.moves.length} moves):`;
    if (rec.syntaxErrors.length > 0) {
      console.log(`${prefix} unreadable: ${rec.syntaxErrors[0]}`);
      return;
    }
    const r = replayRecord(rec);
    if (r.issue) {
      const is = r.issue;
      console.log(
        `${prefix} ILLEGAL at move ${is.moveNumber}${is.side === 'black' ? '...' : '.'} ${is.token}: ${is.reason}`,
      );
      return;
    }
    legal++;
    let verdict = 'legal, not decided by the rules (resignation, time or agreement)';
    if (r.resultMatches !== null) {
      decided++;
      const how = r.endedByEmptySide ? 'empty side' : 'kazan over half';
      const got = r.outcome === ONGOING ? 'not over' : resultText(r.outcome);
      if (r.resultMatches) matching++;
      verdict = r.resultMatches
        ? `legal, ${got} by ${how}: result matches`
        : `legal, rules say ${got} (${how}): RESULT MISMATCH`;
    }
    console.log(`${prefix} ${verdict}`);
  });
  console.log(
    `summary: ${records.length} games read, ${legal} legal, ${decided} decided by the rules, ${matching} results matching`,
  );
  return legal === records.length && matching === decided ? 0 : 1;
}

function cmdAnalyze(args: string[]): number {
  let ms = 1000;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--ms') {
      ms = Number(args[++i]);
      if (!(ms > 0)) throw new UsageError('--ms needs a positive number of milliseconds');
    } else rest.push(args[i] as string);
  }
  if (rest.length !== 1) throw new UsageError('analyze needs one position (quote it)');
  const pos = position(rest[0]);
  const r = bestMove(pos, { ms });
  if (r.move < 0) {
    console.log(`${formatPosition(pos)}: the game is over`);
    return 0;
  }
  const score =
    Math.abs(r.score) > WIN - 1000
      ? `${r.score > 0 ? 'win' : 'loss'} in ${WIN - Math.abs(r.score)} plies`
      : `${(r.score / 100).toFixed(2)} stones`;
  console.log(`best move: pit ${r.move + 1}`);
  console.log(`score: ${score} (side to move)`);
  console.log(`depth: ${r.depth}  nodes: ${r.nodes}  ${(r.ms / 1000).toFixed(2)} s  ${mps(r.nodes, r.ms)}`);
  console.log(`line: ${r.pv.map((m) => m + 1).join(' ')}`);
  return 0;
}

function main(argv: string[]): number {
  const [cmd, ...args] = argv;
  try {
    if (cmd === 'perft') return cmdPerft(args);
    if (cmd === 'replay') return cmdReplay(args);
    if (cmd === 'analyze') return cmdAnalyze(args);
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`togyz: ${e.message}\n\n${USAGE}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
