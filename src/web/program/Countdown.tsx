import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/locale.tsx';

/** The current time, refreshed every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * A live countdown to `until`. The visible clock ticks every second; screen readers hear
 * it once at the start, with a minute left, and at zero, not every second.
 */
export function Countdown({ until, onZero }: { until: string; onZero: () => void }) {
  const { t } = useI18n();
  const now = useNow(500);
  const remaining = new Date(until).getTime() - now;
  const fired = useRef(false);
  const [announce, setAnnounce] = useState('');
  const warned = useRef(false);

  useEffect(() => {
    fired.current = false;
    warned.current = false;
    setAnnounce(
      t('program.hold.countdown', { time: formatRemaining(new Date(until).getTime() - Date.now()) }),
    );
  }, [until, t]);

  useEffect(() => {
    if (remaining <= 0 && !fired.current) {
      fired.current = true;
      onZero();
    } else if (remaining <= 60_000 && remaining > 0 && !warned.current) {
      warned.current = true;
      setAnnounce(t('program.hold.oneMinute'));
    }
  }, [remaining, onZero, t]);

  return (
    <div className={`countdown${remaining <= 60_000 ? ' countdown-low' : ''}`} data-testid="countdown">
      <p>
        {t('program.hold.countdownLabel')}{' '}
        <strong className="countdown-clock" role="timer" data-testid="countdown-clock">
          {formatRemaining(remaining)}
        </strong>
      </p>
      <p className="muted">{t('program.hold.countdownHint')}</p>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}
