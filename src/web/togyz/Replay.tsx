// The replay viewer: reads a PGN record (pasted or from a file), checks every move, and
// steps through the game with buttons or the arrow keys.

import { useEffect, useRef, useState } from 'react';
import { Game, type MoveResult, PgnError } from '../../togyz/game.ts';
import { header, parsePgn } from '../../togyz/notation.ts';
import type { Position } from '../../togyz/rules.ts';
import type { Translate } from '../i18n/locale.tsx';
import { Board } from './Board.tsx';
import { describeMove, resultText, sideName, typingTarget } from './common.ts';
import { MoveList } from './MoveList.tsx';
import { type Speed, useSowing, viewOf } from './useSowing.ts';

/** Drawn, not a font glyph: not every phone font has the media-control symbols. */
function StepIcon({ kind }: { kind: 'first' | 'prev' | 'next' | 'last' }) {
  const back = kind === 'first' || kind === 'prev';
  const bar = kind === 'first' || kind === 'last';
  return (
    <svg className="tz-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <g transform={back ? 'translate(20 0) scale(-1 1)' : undefined}>
        <path d={bar ? 'M4 4l9 6-9 6z' : 'M6 4l9 6-9 6z'} fill="currentColor" />
        {bar && <rect x="14" y="4" width="2.5" height="12" fill="currentColor" />}
      </g>
    </svg>
  );
}

interface Loaded {
  positions: Position[];
  results: readonly MoveResult[];
  white: string;
  black: string;
  date: string;
  result: string;
}

function load(text: string): Loaded {
  const [rec] = parsePgn(text);
  if (!rec) throw new PgnError('no game found', null);
  const game = Game.fromRecord(rec);
  const walk = new Game({ start: game.start });
  const positions = [walk.position];
  for (const m of game.moves) {
    walk.play(m);
    positions.push(walk.position);
  }
  return {
    positions,
    results: game.moveResults,
    white: header(rec, 'White') ?? '?',
    black: header(rec, 'Black') ?? '?',
    date: header(rec, 'Date') ?? '',
    result: header(rec, 'Result') ?? '*',
  };
}

interface Props {
  speed: Speed;
  flipped: boolean;
  onFlip: (bottom: 0 | 1) => void;
  announce: (text: string) => void;
  t: Translate;
}

export function Replay({ speed, flipped, onFlip, announce, t }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [game, setGame] = useState<Loaded | null>(null);
  const [step, setStep] = useState(0);
  const sowing = useSowing(speed);
  const bottom: 0 | 1 = flipped ? 1 : 0;

  const show = (source: string) => {
    sowing.stop();
    if (!source.trim()) {
      setError(t('togyz.replay.empty'));
      return;
    }
    try {
      const g = load(source);
      setGame(g);
      setStep(0);
      setError(null);
      announce(t('togyz.replay.start'));
    } catch (e) {
      setGame(null);
      setError(t('togyz.replay.error', { detail: e instanceof Error ? e.message : String(e) }));
    }
  };

  const goTo = (target: number) => {
    if (!game) return;
    const to = Math.max(0, Math.min(game.positions.length - 1, target));
    sowing.stop();
    setStep(to);
    const r = game.results[to - 1];
    if (to === step + 1 && r) void sowing.animate(game.positions[step] as Position, r);
    announce(to === 0 || !r ? t('togyz.replay.start') : describeMove(t, r));
  };

  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => {});
  keyHandler.current = (e: KeyboardEvent) => {
    if (!game || e.altKey || e.ctrlKey || e.metaKey || typingTarget(e.target)) return;
    const total = game.positions.length - 1;
    const to =
      e.key === 'ArrowRight'
        ? step + 1
        : e.key === 'ArrowLeft'
          ? step - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? total
              : null;
    if (to === null) return;
    e.preventDefault();
    goTo(to);
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  const total = game ? game.positions.length - 1 : 0;
  const pos = game?.positions[step];
  const last = game && step > 0 ? (game.results[step - 1] ?? null) : null;
  const view = pos ? (sowing.frame ?? viewOf(pos, last)) : null;
  const atEnd = game !== null && step === total;
  const final = atEnd && last ? resultText(t, last.outcome, last.score) : null;

  return (
    <div className="tz-play">
      <div className="tz-main">
        {game && view && pos ? (
          <>
            <p className="tz-status" data-testid="togyz-status">
              {step === 0 ? t('togyz.replay.start') : t('togyz.replay.step', { n: step, total })}
              {final && ` · ${final}`}
              {!final && ` · ${t('togyz.toMove', { side: sideName(t, pos[22] as 0 | 1) })}`}
            </p>
            <Board
              view={view}
              bottom={bottom}
              side={pos[22] as 0 | 1}
              playable={[]}
              onPlay={() => {}}
              t={t}
            />
            <fieldset className="tz-actions tz-stepper">
              <legend className="visually-hidden">{t('togyz.mode.replay')}</legend>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => goTo(0)}
                disabled={step === 0}
                aria-label={t('togyz.replay.first')}
                title={t('togyz.replay.first')}
              >
                <StepIcon kind="first" />
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => goTo(step - 1)}
                disabled={step === 0}
                aria-label={t('togyz.replay.prev')}
                title={t('togyz.replay.prev')}
                data-testid="togyz-prev"
              >
                <StepIcon kind="prev" />
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => goTo(step + 1)}
                disabled={atEnd}
                aria-label={t('togyz.replay.next')}
                title={t('togyz.replay.next')}
                data-testid="togyz-next"
              >
                <StepIcon kind="next" />
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => goTo(total)}
                disabled={atEnd}
                aria-label={t('togyz.replay.last')}
                title={t('togyz.replay.last')}
                data-testid="togyz-last"
              >
                <StepIcon kind="last" />
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => onFlip(bottom === 0 ? 1 : 0)}
              >
                {t('togyz.flip')}
              </button>
            </fieldset>
            <p className="tz-hint">{t('togyz.replay.hint')}</p>
          </>
        ) : null}
        <form
          className="tz-load"
          onSubmit={(e) => {
            e.preventDefault();
            show(text);
          }}
        >
          <div className="field">
            <label htmlFor="tz-pgn-input">{t('togyz.replay.paste')}</label>
            <textarea
              id="tz-pgn-input"
              rows={game ? 3 : 8}
              value={text}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
              data-testid="togyz-pgn-input"
            />
          </div>
          <div className="field">
            <label htmlFor="tz-pgn-file">{t('togyz.replay.file')}</label>
            <input
              id="tz-pgn-file"
              type="file"
              accept=".pgn,text/plain"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                const content = await file.text();
                setText(content);
                show(content);
              }}
            />
          </div>
          {error && (
            <p className="alert alert-error" role="alert" data-testid="togyz-replay-error">
              {error}
            </p>
          )}
          <button type="submit" className="button" data-testid="togyz-load">
            {t('togyz.replay.load')}
          </button>
        </form>
      </div>
      {game && (
        <aside className="tz-side">
          <p className="tz-players">
            {t('togyz.players', { white: game.white, black: game.black })}
            {game.date && ` · ${game.date}`} · {game.result}
          </p>
          <h2 className="tz-h2">{t('togyz.moves')}</h2>
          <MoveList results={game.results} current={step} onSelect={goTo} t={t} />
        </aside>
      )}
    </div>
  );
}
