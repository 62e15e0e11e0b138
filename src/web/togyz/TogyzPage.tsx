// /:hubSlug/games/togyz — togyz kumalak in the browser: against the computer, with a friend
// on the same device, or replaying a recorded game.

import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { Play } from './Play.tsx';
import { Replay } from './Replay.tsx';
import type { Speed } from './useSowing.ts';
import './togyz.css';

type Mode = 'ai' | 'friend' | 'replay';
const MODES: readonly Mode[] = ['ai', 'friend', 'replay'];
const SPEEDS: readonly Speed[] = ['normal', 'fast', 'off'];

export default function TogyzPage() {
  const { hubSlug = '' } = useParams();
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('ai');
  const [speed, setSpeed] = useState<Speed>('normal');
  const [flipped, setFlipped] = useState(false);
  const [message, setMessage] = useState('');
  usePageTitle(t('togyz.title'));

  const onFlip = useCallback((bottom: 0 | 1) => setFlipped(bottom === 1), []);
  const announce = useCallback((text: string) => setMessage(text), []);

  return (
    <div className="tz-page">
      <p className="breadcrumb">
        <Link to={`/${hubSlug}/spaces/games`}>{t('togyz.backToGames')}</Link>
      </p>
      <h1>{t('togyz.title')}</h1>
      <p className="tz-intro">{t('togyz.intro')}</p>
      <div className="tz-toolbar">
        <fieldset className="tz-modes">
          <legend className="visually-hidden">{t('togyz.mode')}</legend>
          {MODES.map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => {
                setMode(m);
                setFlipped(false);
                setMessage('');
              }}
              data-testid={`togyz-mode-${m}`}
            >
              {t(`togyz.mode.${m}`)}
            </button>
          ))}
        </fieldset>
        <div className="field tz-speed">
          <label htmlFor="tz-speed">{t('togyz.animation')}</label>
          <select
            id="tz-speed"
            value={speed}
            onChange={(e) => setSpeed(e.target.value as Speed)}
            data-testid="togyz-speed"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t(`togyz.animation.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {mode === 'replay' ? (
        <Replay speed={speed} flipped={flipped} onFlip={onFlip} announce={announce} t={t} />
      ) : (
        <Play
          key={mode}
          vsAi={mode === 'ai'}
          speed={speed}
          flipped={flipped}
          onFlip={onFlip}
          announce={announce}
          site={hubSlug}
          t={t}
        />
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="togyz-live">
        {message}
      </p>
    </div>
  );
}
