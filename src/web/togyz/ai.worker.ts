// The computer player, off the main thread: the page stays responsive while it searches.
import { bestMove } from '../../togyz/ai.ts';
import { parsePosition } from '../../togyz/position.ts';
import { Searcher } from '../../togyz/search.ts';
import type { AiReply, AiRequest } from './ai-protocol.ts';

const searcher = new Searcher(18);

self.onmessage = (e: MessageEvent<AiRequest>) => {
  const { id, position, level, newGame } = e.data;
  if (newGame) searcher.clear();
  const r = bestMove(parsePosition(position), { level, searcher });
  const reply: AiReply = { id, move: r.move, depth: r.depth, score: r.score };
  self.postMessage(reply);
};
