// Stone-by-stone sowing for the board: turns a move's path into a series of board views.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { MoveResult } from '../../togyz/game.ts';
import { K_WHITE, NO_TUZDYK, NPITS, type Position, settle, TUZ_WHITE } from '../../togyz/rules.ts';
import type { BoardView } from './Board.tsx';

export type Speed = 'normal' | 'fast' | 'off';

/** The board as a position shows it, with the end-of-game sweep applied once the game is over. */
export function viewOf(pos: Position, last: MoveResult | null): BoardView {
  const p = Uint8Array.from(pos);
  settle(p);
  const n = p[NPITS] as number;
  const counts = Array.from(p.subarray(0, 2 * n));
  counts.push(p[K_WHITE] as number, p[K_WHITE + 1] as number);
  const tz = (s: 0 | 1) => (p[TUZ_WHITE + s] === NO_TUZDYK ? null : (p[TUZ_WHITE + s] as number));
  return {
    counts,
    n,
    tuzdyk: [tz(0), tz(1)],
    sowing: null,
    from: last?.from ?? null,
    landing: last ? last.landing : null,
    captured: last ? last.captured > 0 : false,
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Per-stone delay: a long sowing goes quicker so no move takes more than about two seconds. */
function stoneDelay(speed: Speed, stones: number): number {
  if (speed === 'fast') return 30;
  return Math.max(45, Math.min(170, 2000 / Math.max(stones, 1)));
}

export function useSowing(speed: Speed) {
  const [frame, setFrame] = useState<BoardView | null>(null);
  const token = useRef(0);

  const stop = useCallback(() => {
    token.current++;
    setFrame(null);
  }, []);

  useEffect(() => stop, [stop]);

  /** Plays the sowing of `r` from `before`; resolves when done (or when stopped). */
  const animate = useCallback(
    async (before: Position, r: MoveResult): Promise<void> => {
      const reduced =
        typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
      if (speed === 'off' || reduced) return;
      const my = ++token.current;
      const base = viewOf(before, null);
      const n = base.n;
      const counts = [...base.counts];
      const hand = counts[r.from] ?? 0;
      counts[r.from] = 0;
      const delay = stoneDelay(speed, hand);
      setFrame({ ...base, counts: [...counts], from: r.from, sowing: null, landing: null });
      await sleep(delay);
      for (const to of r.path) {
        if (token.current !== my) return;
        const i = to >= K_WHITE ? 2 * n + (to - K_WHITE) : to;
        counts[i] = (counts[i] ?? 0) + 1;
        setFrame({ ...base, counts: [...counts], from: r.from, sowing: i, landing: null });
        await sleep(delay);
      }
      if (token.current !== my) return;
      if (r.captured > 0 || r.tuzdykMade) {
        // Show the landing pit full for a moment before its stones go to the kazan.
        setFrame({
          ...base,
          counts: [...counts],
          from: r.from,
          sowing: null,
          landing: r.landing,
          captured: true,
        });
        await sleep(speed === 'fast' ? 120 : 450);
      }
      if (token.current === my) setFrame(null);
    },
    [speed],
  );

  return { frame, animate, stop };
}
