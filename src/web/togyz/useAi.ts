import { useCallback, useEffect, useRef } from 'react';
import { bestMove } from '../../togyz/ai.ts';
import { parsePosition } from '../../togyz/position.ts';
import type { AiReply, AiRequest } from './ai-protocol.ts';

interface Pending {
  id: number;
  position: string;
  level: number;
  resolve: (move: number) => void;
}

/** If the worker cannot start, a quick search here keeps the game going (a short pause at most). */
function fallbackMove(position: string, level: number): number {
  return bestMove(parsePosition(position), { level, ms: 150 }).move;
}

/**
 * Asks the computer player (in a Web Worker) for a move. `cancel` drops the question in
 * flight: a worker busy with a search that nobody wants any more is ended and replaced.
 */
export function useAi() {
  const worker = useRef<Worker | null>(null);
  const pending = useRef<Pending | null>(null);
  const nextId = useRef(1);
  const fresh = useRef(true);

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./ai.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<AiReply>) => {
      const p = pending.current;
      if (p && p.id === e.data.id) {
        pending.current = null;
        p.resolve(e.data.move);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      const p = pending.current;
      pending.current = null;
      w.terminate();
      if (worker.current === w) worker.current = null;
      if (p) p.resolve(fallbackMove(p.position, p.level));
    };
    worker.current = w;
    return w;
  }, []);

  const cancel = useCallback(() => {
    if (pending.current) {
      pending.current = null;
      worker.current?.terminate();
      worker.current = null;
    }
  }, []);

  const newGame = useCallback(() => {
    cancel();
    fresh.current = true;
  }, [cancel]);

  const ask = useCallback(
    (position: string, level: number): Promise<number> => {
      cancel();
      const id = nextId.current++;
      const req: AiRequest = { id, position, level, newGame: fresh.current };
      fresh.current = false;
      return new Promise<number>((resolve) => {
        pending.current = { id, position, level, resolve };
        ensure().postMessage(req);
      });
    },
    [cancel, ensure],
  );

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      pending.current = null;
    },
    [],
  );

  return { ask, cancel, newGame };
}
