import { useEffect, useRef } from 'react';
import type { MoveResult } from '../../togyz/game.ts';
import type { Translate } from '../i18n/locale.tsx';

interface Row {
  number: number;
  white?: { r: MoveResult; ply: number };
  black?: { r: MoveResult; ply: number };
}

function rows(results: readonly MoveResult[]): Row[] {
  const out: Row[] = [];
  let number = 1;
  let row: Row | null = null;
  results.forEach((r, i) => {
    if (!row) {
      row = { number };
      out.push(row);
    }
    if (r.side === 0) row.white = { r, ply: i + 1 };
    else {
      row.black = { r, ply: i + 1 };
      row = null;
      number++;
    }
  });
  return out;
}

/** The moves in PlayOK notation, two to a row; `current` (plies played) is marked. */
export function MoveList({
  results,
  current,
  onSelect,
  t,
}: {
  results: readonly MoveResult[];
  current: number;
  /** When given, each move is a button that shows the position after it. */
  onSelect?: (ply: number) => void;
  t: Translate;
}) {
  const list = useRef<HTMLOListElement>(null);
  // Keep the current move in view as the game goes on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the current move changes
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-current="step"]');
    if (el && list.current) {
      const box = list.current;
      const top = el.offsetTop - box.offsetTop;
      if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - el.offsetHeight)
        box.scrollTop = top - box.clientHeight / 2;
    }
  }, [current, results.length]);

  if (results.length === 0) return <p className="tz-muted">{t('togyz.noMoves')}</p>;
  const cell = (m: { r: MoveResult; ply: number } | undefined) => {
    if (!m) return <span className="tz-move tz-move-empty" />;
    const here = m.ply === current;
    return onSelect ? (
      <button
        type="button"
        className="tz-move"
        aria-current={here ? 'step' : undefined}
        onClick={() => onSelect(m.ply)}
      >
        {m.r.notation}
      </button>
    ) : (
      <span className="tz-move" aria-current={here ? 'step' : undefined}>
        {m.r.notation}
      </span>
    );
  };
  return (
    <ol className="tz-moves" ref={list} data-testid="togyz-moves">
      {rows(results).map((row) => (
        <li key={row.number}>
          <span className="tz-move-number">{row.number}.</span>
          {cell(row.white)}
          {cell(row.black)}
        </li>
      ))}
    </ol>
  );
}
