// Playing a game: against the computer (in a Web Worker) or two people on one device.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../common/i18n/index.ts';
import { LEVELS } from '../../togyz/ai.ts';
import { Game } from '../../togyz/game.ts';
import type { Translate } from '../i18n/locale.tsx';
import { Board } from './Board.tsx';
import { describeMove, resultText, sideName, typingTarget } from './common.ts';
import { MoveList } from './MoveList.tsx';
import { useAi } from './useAi.ts';
import { type Speed, useSowing, viewOf } from './useSowing.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Props {
  vsAi: boolean;
  speed: Speed;
  flipped: boolean;
  onFlip: (bottom: 0 | 1) => void;
  announce: (text: string) => void;
  site: string;
  t: Translate;
}

export function Play({ vsAi, speed, flipped, onFlip, announce, site, t }: Props) {
  const game = useRef(new Game());
  const [, setVersion] = useState(0);
  const [level, setLevel] = useState(2);
  const [human, setHuman] = useState<0 | 1>(0);
  const [busy, setBusyState] = useState<'idle' | 'sowing' | 'thinking'>('idle');
  // The same, readable at once by handlers that run before the next render (fast key presses).
  const busyNow = useRef<'idle' | 'sowing' | 'thinking'>('idle');
  const setBusy = useCallback((b: 'idle' | 'sowing' | 'thinking') => {
    busyNow.current = b;
    setBusyState(b);
  }, []);
  const [copyNote, setCopyNote] = useState<'copied' | 'manual' | null>(null);
  // Bumped by undo and new game: a reply or animation from before is dropped.
  const epoch = useRef(0);
  const ai = useAi();
  const sowing = useSowing(speed);

  const g = game.current;
  const over = g.isOver();
  const side = g.sideToMove;
  const humanTurn = !over && (!vsAi || side === human);
  const bottom: 0 | 1 = flipped ? 1 : 0;

  const commit = useCallback(
    async (pit: number) => {
      const gm = game.current;
      const id = epoch.current;
      const before = gm.position;
      const r = gm.play(pit);
      setCopyNote(null);
      setBusy('sowing');
      setVersion((v) => v + 1);
      await sowing.animate(before, r);
      if (epoch.current !== id) return;
      setBusy('idle');
      announce(describeMove(t, r));
    },
    [sowing, announce, t, setBusy],
  );

  // The computer moves when it is its turn and the board is still.
  useEffect(() => {
    const gm = game.current;
    if (!vsAi || busy !== 'idle' || gm.isOver() || gm.sideToMove === human) return;
    const id = epoch.current;
    setBusy('thinking');
    const started = performance.now();
    void ai.ask(gm.toPositionString(), level).then(async (move) => {
      if (epoch.current !== id) return;
      // A moment's pause, so a quick reply does not look like the board moved by itself.
      const pause = speed === 'off' ? 0 : 400 - (performance.now() - started);
      if (pause > 0) await sleep(pause);
      if (epoch.current !== id) return;
      await commit(move);
    });
  }, [vsAi, busy, human, level, ai, commit, speed, setBusy]);

  const reset = useCallback(
    (as: 0 | 1) => {
      epoch.current++;
      ai.newGame();
      sowing.stop();
      game.current = new Game();
      setHuman(as);
      setBusy('idle');
      setCopyNote(null);
      setVersion((v) => v + 1);
      onFlip(vsAi ? as : 0);
      announce('');
    },
    [ai, sowing, onFlip, vsAi, announce, setBusy],
  );

  const canUndo = vsAi ? g.moveResults.some((r) => r.side === human) : g.moves.length > 0;
  const undo = () => {
    if (!canUndo) return;
    epoch.current++;
    ai.cancel();
    sowing.stop();
    const gm = game.current;
    if (vsAi) {
      let r = gm.undo();
      while (r && r.side !== human) r = gm.undo();
    } else gm.undo();
    setBusy('idle');
    setCopyNote(null);
    setVersion((v) => v + 1);
    announce(t('togyz.toMove', { side: sideName(t, gm.sideToMove) }));
  };

  const play = (pit: number) => {
    const gm = game.current;
    if (busyNow.current !== 'idle' || gm.isOver() || (vsAi && gm.sideToMove !== human)) return;
    if (!gm.legalMoves().includes(pit)) return;
    void commit(pit);
  };

  // Keys 1–9 play the pit of that number for the side to move.
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => {});
  keyHandler.current = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || typingTarget(e.target)) return;
    if (/^[1-9]$/.test(e.key)) {
      e.preventDefault();
      play(Number(e.key) - 1);
    }
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  const names: [string, string] = vsAi
    ? human === 0
      ? [t('togyz.you'), t('togyz.computer', { level })]
      : [t('togyz.computer', { level }), t('togyz.you')]
    : [t('togyz.white'), t('togyz.black')];
  const pgn = () => {
    const d = new Date();
    const date = `${d.getFullYear()}.${String(d.getMonth() + 1).padStart(2, '0')}.${String(d.getDate()).padStart(2, '0')}`;
    return g.toPgn({
      headers: [
        ['Event', 'ÓzgeEpic Hub'],
        ['Site', site],
        ['Date', date],
        ['White', names[0]],
        ['Black', names[1]],
      ],
    });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(pgn());
      setCopyNote('copied');
      announce(t('togyz.copied'));
    } catch {
      setCopyNote('manual');
    }
  };

  const last = g.moveResults[g.moveResults.length - 1] ?? null;
  const view = sowing.frame ?? viewOf(g.position, last);
  const result = resultText(t, g.outcome(), g.score());
  const status =
    result ??
    (busy === 'thinking'
      ? t('togyz.thinking')
      : busy === 'sowing'
        ? t('togyz.sowing')
        : vsAi && side === human
          ? t('togyz.yourMove', { side: sideName(t, side) })
          : t('togyz.toMove', { side: sideName(t, side) }));

  return (
    <div className="tz-play">
      <div className="tz-main">
        <p className={`tz-status${result ? ' tz-status-over' : ''}`} data-testid="togyz-status">
          {!result && (
            <span className={`tz-side-dot tz-side-${side === 0 ? 'white' : 'black'}`} aria-hidden="true" />
          )}
          {status}
        </p>
        <Board
          view={view}
          bottom={bottom}
          side={side}
          playable={busy === 'idle' && humanTurn ? g.legalMoves() : []}
          onPlay={play}
          t={t}
        />
        <div className="tz-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={undo}
            disabled={!canUndo}
            data-testid="togyz-undo"
          >
            {t('togyz.undo')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onFlip(bottom === 0 ? 1 : 0)}
          >
            {t('togyz.flip')}
          </button>
          <button type="button" className="button" onClick={() => reset(human)} data-testid="togyz-new-game">
            {t('togyz.newGame')}
          </button>
        </div>
        <p className="tz-hint">{t('togyz.keysHint')}</p>
      </div>
      <aside className="tz-side">
        {vsAi && (
          <div className="tz-settings">
            <div className="field">
              <label htmlFor="tz-level">{t('togyz.level')}</label>
              <select
                id="tz-level"
                value={level}
                onChange={(e) => setLevel(Number(e.target.value))}
                data-testid="togyz-level"
              >
                {LEVELS.map((l) => (
                  <option key={l.level} value={l.level}>
                    {t(`togyz.level.${l.level}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="tz-colour">
              <legend>{t('togyz.colour')}</legend>
              {([0, 1] as const).map((s) => (
                <label key={s}>
                  <input
                    type="radio"
                    name="tz-colour"
                    value={s}
                    checked={human === s}
                    onChange={() => reset(s)}
                    data-testid={`togyz-colour-${s === 0 ? 'white' : 'black'}`}
                  />
                  {sideName(t, s)}
                </label>
              ))}
            </fieldset>
          </div>
        )}
        <p className="tz-players">{t('togyz.players', { white: names[0], black: names[1] })}</p>
        <h2 className="tz-h2">{t('togyz.moves')}</h2>
        <MoveList results={g.moveResults} current={g.moves.length} t={t} />
        {g.moves.length > 0 && (
          <div className="tz-pgn">
            <button type="button" className="button button-secondary" onClick={copy} data-testid="togyz-copy">
              {t('togyz.copyPgn')}
            </button>
            {copyNote === 'copied' && <p className="tz-note">{t('togyz.copied')}</p>}
            {(copyNote === 'manual' || over) && (
              <div className="field">
                {copyNote === 'manual' && <p className="tz-note">{t('togyz.copyManually')}</p>}
                <label htmlFor="tz-pgn-text">{t('togyz.pgn')}</label>
                <textarea id="tz-pgn-text" readOnly rows={6} value={pgn()} data-testid="togyz-pgn" />
              </div>
            )}
          </div>
        )}
      </aside>
    </div>
  );
}
