// The board: two rows of nine pits and the two kazans between them, drawn with CSS.
// The bottom row belongs to `bottom` and runs 1→9 from left to right; the top row belongs
// to the other side and runs 9→1, so sowing goes counter-clockwise as on a real board.
// Each pit is a button (focusable even when it cannot be played, so its count can be read).

import type { CSSProperties } from 'react';
import type { Translate } from '../i18n/locale.tsx';

export interface BoardView {
  /** 2n pit counts (white's pits, then black's), then white's and black's kazans. */
  counts: readonly number[];
  n: number;
  /** Tuzdyk (board index) owned by white and by black, or null. */
  tuzdyk: readonly [number | null, number | null];
  /** Board index of the pit receiving a stone right now (animation), or a kazan index. */
  sowing: number | null;
  /** Board index the stones were taken from (animation or last move). */
  from: number | null;
  /** Board index where the last move ended. */
  landing: number | null;
  /** A capture just taken from `landing`. */
  captured: boolean;
}

interface Props {
  view: BoardView;
  bottom: 0 | 1;
  /** Side to move, and the pits (0-based) it may play now; empty when input is closed. */
  side: 0 | 1;
  playable: readonly number[];
  onPlay: (pit: number) => void;
  t: Translate;
}

const sideName = (t: Translate, side: 0 | 1) => t(side === 0 ? 'togyz.white' : 'togyz.black');

/** Up to this many stones are drawn; the number always shows the count. */
const PIT_DOTS = 24;
const KAZAN_DOTS = 162;

function Stones({ count, max }: { count: number; max: number }) {
  const shown = Math.min(count, max);
  return (
    <span className="tz-stones" aria-hidden="true">
      {Array.from({ length: shown }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical stones, the index is the identity
        <span key={i} className="tz-stone" />
      ))}
    </span>
  );
}

export function Board({ view, bottom, side, playable, onPlay, t }: Props) {
  const { n, counts, tuzdyk } = view;
  const top = (1 - bottom) as 0 | 1;

  const pit = (owner: 0 | 1, i: number) => {
    const idx = owner * n + i;
    const count = counts[idx] ?? 0;
    const tuzOwner = tuzdyk[0] === idx ? 0 : tuzdyk[1] === idx ? 1 : null;
    const canPlay = owner === side && playable.includes(i);
    const parts = [
      t('togyz.pitLabel', {
        side: sideName(t, owner),
        pit: i + 1,
        stones: t('togyz.stones', { count }),
      }),
    ];
    if (tuzOwner !== null) parts.push(t('togyz.pitTuzdyk', { side: sideName(t, tuzOwner) }));
    if (canPlay) parts.push(t('togyz.pitPlayable'));
    const cls = [
      'tz-pit',
      canPlay && 'tz-playable',
      tuzOwner !== null && 'tz-tuzdyk',
      view.sowing === idx && 'tz-sowing',
      view.from === idx && 'tz-from',
      view.landing === idx && 'tz-landing',
      view.landing === idx && view.captured && 'tz-captured',
    ]
      .filter(Boolean)
      .join(' ');
    return (
      <li key={idx} className="tz-cell">
        <button
          type="button"
          className={cls}
          aria-label={parts.join(', ')}
          aria-disabled={canPlay ? undefined : true}
          data-pit={i + 1}
          data-side={owner === 0 ? 'white' : 'black'}
          data-count={count}
          onClick={() => {
            if (canPlay) onPlay(i);
          }}
        >
          <span className="tz-pit-number" aria-hidden="true">
            {i + 1}
          </span>
          <span className="tz-hole">
            <Stones count={count} max={PIT_DOTS} />
            {tuzOwner !== null && (
              <span className="tz-tuzdyk-mark" title={t('togyz.tuzdyk')} aria-hidden="true">
                ✕
              </span>
            )}
          </span>
          <span className="tz-count" aria-hidden="true">
            {count}
          </span>
        </button>
      </li>
    );
  };

  const kazan = (owner: 0 | 1) => {
    const count = counts[2 * n + owner] ?? 0;
    const cls = ['tz-kazan', view.sowing === 2 * n + owner && 'tz-sowing'].filter(Boolean).join(' ');
    return (
      <div
        className={cls}
        role="img"
        data-kazan={owner === 0 ? 'white' : 'black'}
        data-count={count}
        aria-label={t('togyz.kazan', { side: sideName(t, owner), stones: t('togyz.stones', { count }) })}
      >
        <span className="tz-kazan-name" aria-hidden="true">
          {sideName(t, owner)}
        </span>
        <Stones count={count} max={KAZAN_DOTS} />
        <span className="tz-kazan-count" aria-hidden="true">
          {count}
        </span>
      </div>
    );
  };

  const order = (owner: 0 | 1, reversed: boolean) => {
    const idx = Array.from({ length: n }, (_, i) => i);
    return (reversed ? idx.reverse() : idx).map((i) => pit(owner, i));
  };

  return (
    <div
      className={`tz-board tz-n${n}${side === bottom ? ' tz-bottom-to-move' : ' tz-top-to-move'}`}
      style={{ '--tz-n': n } as CSSProperties}
      data-testid="togyz-board"
    >
      <ul
        className="tz-row tz-row-top"
        aria-label={sideName(t, top)}
        data-side={top === 0 ? 'white' : 'black'}
      >
        {order(top, true)}
      </ul>
      <div className="tz-kazans">
        {kazan(top)}
        {kazan(bottom)}
      </div>
      <ul
        className="tz-row tz-row-bottom"
        aria-label={sideName(t, bottom)}
        data-side={bottom === 0 ? 'white' : 'black'}
      >
        {order(bottom, false)}
      </ul>
    </div>
  );
}
