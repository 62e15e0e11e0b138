import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SectionDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatTime } from '../../common/format.ts';
import type { MessageKey } from '../../common/i18n/index.ts';
import type { Locale } from '../../common/locales.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { seatNameFromId } from '../program/shared.ts';
import { beep, unlockAudio } from './beep.ts';
import { type CameraProblem, startScanner } from './camera.ts';
import type { Direction, Scan, Verdict } from './decide.ts';
import { useDoor } from './useDoor.ts';

interface Props {
  hubSlug: string;
  timeZone: string;
  performanceId: string;
  /** the page itself is kept for opening with no network */
  offlineReady: boolean;
}

const ICON: Record<Verdict, string> = {
  valid: '✓',
  already_used: '⟳',
  wrong_event: '≠',
  refunded: '↩',
  exchanged: '⇄',
  forged: '✕',
  not_inside: '?',
};

/** How long a verdict stays on screen before the camera view comes back, ms. */
const SHOW_MS: Record<Verdict, number> = {
  valid: 2500,
  already_used: 6000,
  wrong_event: 6000,
  refunded: 6000,
  exchanged: 6000,
  forged: 6000,
  not_inside: 5000,
};
/** The camera sees a held-up ticket many times a second: one scan per code in this window. */
const SAME_CODE_MS = 3000;

export function verdictKey(v: Verdict, direction: Direction): MessageKey {
  return v === 'valid' && direction === 'out' ? 'door.verdict.exit' : `door.verdict.${v}`;
}

export function Scanner({ hubSlug, timeZone, performanceId, offlineReady }: Props) {
  const { locale, t } = useI18n();
  const door = useDoor(hubSlug, performanceId);
  const [direction, setDirection] = useState<Direction>('in');
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState<'off' | 'starting' | 'on' | CameraProblem>('off');
  const [shown, setShown] = useState<string | undefined>(undefined);
  const video = useRef<HTMLVideoElement>(null);
  const stopCamera = useRef<(() => void) | undefined>(undefined);
  const lastCode = useRef<{ text: string; at: number } | undefined>(undefined);
  const codeField = useId();
  const directionRef = useRef(direction);
  directionRef.current = direction;
  const scanRef = useRef(door.scan);
  scanRef.current = door.scan;

  // Full screen: the back office's header and navigation step aside while scanning.
  useEffect(() => {
    document.body.classList.add('door-fullscreen');
    return () => document.body.classList.remove('door-fullscreen');
  }, []);

  const onScanned = useCallback(async (text: string, fromCamera: boolean) => {
    const now = Date.now();
    const prev = lastCode.current;
    if (fromCamera && prev && prev.text === text && now - prev.at < SAME_CODE_MS) return;
    lastCode.current = { text, at: now };
    const s = await scanRef.current(text, directionRef.current);
    if (!s) return;
    beep(s.local);
    setShown(s.id);
  }, []);

  const start = useCallback(async () => {
    if (!video.current || stopCamera.current) return;
    setCamera('starting');
    try {
      stopCamera.current = await startScanner(video.current, (text) => void onScanned(text, true));
      setCamera('on');
    } catch (e) {
      setCamera(typeof e === 'string' ? (e as CameraProblem) : 'unavailable');
    }
  }, [onScanned]);

  useEffect(() => {
    void start();
    return () => {
      stopCamera.current?.();
      stopCamera.current = undefined;
    };
  }, [start]);

  // The verdict gives way to the camera after a moment; a new scan replaces it at once.
  const last = door.last;
  useEffect(() => {
    if (!last || shown !== last.id) return;
    const timer = setTimeout(() => setShown(undefined), SHOW_MS[last.server?.verdict ?? last.local]);
    return () => clearTimeout(timer);
  }, [last, shown]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    unlockAudio();
    const text = code.trim();
    if (!text) return;
    setCode('');
    void onScanned(text, false);
  };

  const list = door.list;
  const pending = door.scans.filter((s) => !s.synced).length;
  const corrections = door.scans.filter((s) => s.server && s.server.verdict !== s.local).reverse();
  const insideHere = list ? Object.values(list.tickets).filter((x) => x.inside).length : 0;
  const inside = door.online && door.attendance ? door.attendance.inside : insideHere;
  const visible = last && shown === last.id ? last : undefined;

  return (
    <div
      className="door-screen"
      data-testid="door-scanner"
      data-scans={door.scans.length}
      data-ready={list !== undefined}
    >
      <div className="door-bar">
        <Link to={`/back-office/${hubSlug}/door`} className="door-back" data-testid="door-back">
          <span aria-hidden="true">←</span> {t('door.performances')}
        </Link>
        <h1 className="door-title">
          {list ? localize(list.title, locale) || t('door.title') : t('door.title')}
          {list && (
            <span className="door-when">{formatDateTime(new Date(list.startsAt), locale, timeZone)}</span>
          )}
        </h1>
        <p
          className={`door-net ${door.online ? 'door-net-on' : 'door-net-off'}`}
          role="status"
          data-testid="door-net"
          data-online={door.online}
          data-offline-ready={offlineReady}
        >
          {door.online ? t('door.online') : t('door.offline')}
          {' · '}
          <span data-testid="door-pending" data-count={pending}>
            {pending === 0 ? t('door.allSynced') : t('door.pending', { count: pending })}
          </span>
          {door.online && offlineReady && ` · ${t('door.offlineReady')}`}
        </p>
      </div>

      <div className="door-stats" data-testid="door-stats">
        <p className="door-inside">
          <span className="door-inside-n" data-testid="door-inside">
            {inside}
          </span>{' '}
          <span>{t('door.inside')}</span>
        </p>
        {door.attendance && (
          <p className="door-sold" data-testid="door-attendance">
            {t('door.attendance', { checkedIn: door.attendance.checkedIn, sold: door.attendance.sold })}
          </p>
        )}
      </div>

      <fieldset className="door-mode">
        <legend className="visually-hidden">{t('door.mode')}</legend>
        {(['in', 'out'] as const).map((d) => (
          <button
            key={d}
            type="button"
            className={`door-mode-button${direction === d ? ' door-mode-current' : ''}`}
            aria-pressed={direction === d}
            onClick={() => {
              unlockAudio();
              setDirection(d);
            }}
            data-testid={`door-mode-${d}`}
          >
            {d === 'in' ? t('door.entry') : t('door.exit')}
          </button>
        ))}
      </fieldset>

      <div className="door-stage">
        <video
          ref={video}
          className={`door-video${camera === 'on' && !visible ? '' : ' door-video-hidden'}`}
          muted
          playsInline
        />
        {visible ? (
          <VerdictPanel
            scan={visible}
            timeZone={timeZone}
            sections={list?.sections}
            onNext={() => setShown(undefined)}
          />
        ) : camera !== 'on' ? (
          <div className="door-camera-note">
            <p>
              {camera === 'starting' || camera === 'off'
                ? t('door.camera.starting')
                : camera === 'denied'
                  ? t('door.camera.denied')
                  : t('door.camera.unavailable')}
            </p>
            {camera !== 'starting' && camera !== 'off' && (
              <button type="button" className="button button-secondary" onClick={() => void start()}>
                {t('door.camera.retry')}
              </button>
            )}
          </div>
        ) : (
          <div className="door-aim" aria-hidden="true" />
        )}
      </div>
      {/* Read out for screen readers; the panel above is the visual answer. */}
      <p className="visually-hidden" aria-live="assertive" data-testid="door-announce">
        {last ? t(verdictKey(last.server?.verdict ?? last.local, last.direction)) : ''}
      </p>

      {door.listError && !list ? <ErrorNote error={door.listError} /> : null}
      {!list && !door.listError && <Loading />}

      <form className="door-manual" onSubmit={submit}>
        <label htmlFor={codeField}>{t('door.manual')}</label>
        <div className="door-manual-row">
          <input
            id={codeField}
            type="text"
            value={code}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="OZT1.…"
            onChange={(e) => setCode(e.target.value)}
            disabled={!list}
            data-testid="door-code"
          />
          <button type="submit" className="button" disabled={!list} data-testid="door-check">
            {t('door.check')}
          </button>
        </div>
        <p className="door-hint">{t('door.manualHint')}</p>
      </form>

      {door.syncError && door.online ? (
        <div className="door-panel">
          <ErrorNote error={door.syncError} onRetry={() => void door.sync()} />
        </div>
      ) : null}

      {corrections.length > 0 && (
        <section
          className="door-panel door-corrections"
          aria-labelledby="door-corr"
          data-testid="door-corrections"
        >
          <h2 id="door-corr">{t('door.corrections')}</h2>
          <ul>
            {corrections.map((s) => (
              <li key={s.id} data-testid="door-correction" data-verdict={s.server?.verdict}>
                <Correction scan={s} timeZone={timeZone} sections={list?.sections} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {door.scans.length > 0 && (
        <section className="door-panel" aria-labelledby="door-recent">
          <h2 id="door-recent">{t('door.recent')}</h2>
          <ul className="door-recent">
            {door.scans
              .slice(-6)
              .reverse()
              .map((s) => {
                const v = s.server?.verdict ?? s.local;
                return (
                  <li key={s.id} className={`door-chip door-chip-${v}`} data-testid="door-recent-scan">
                    <span className="door-chip-time">
                      {formatTime(new Date(s.scannedAt), locale, timeZone, 'medium')}
                    </span>
                    <span>{t(verdictKey(v, s.direction))}</span>
                    <span className="door-chip-what">{describe(s, t, locale, list?.sections)}</span>
                    <span className="door-chip-sync">{s.synced ? t('door.synced') : t('door.waiting')}</span>
                  </li>
                );
              })}
          </ul>
        </section>
      )}
    </div>
  );
}

type Sections = readonly SectionDto[] | undefined;

/** "Stalls · Row A · Seat 5 · order 12": the seat named from the list's sections, offline too. */
function describe(
  s: Scan,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
  locale: Locale,
  sections: Sections,
): string {
  const parts: string[] = [];
  if (s.seatId) parts.push(seatNameFromId(locale, s.seatId, sections));
  else if (s.ticketId) parts.push(t('door.standing'));
  if (s.orderNumber !== null) parts.push(t('door.order', { number: s.orderNumber }));
  return parts.join(' · ');
}

function VerdictPanel({
  scan,
  timeZone,
  sections,
  onNext,
}: {
  scan: Scan;
  timeZone: string;
  sections: Sections;
  onNext: () => void;
}) {
  const { locale, t } = useI18n();
  const verdict = scan.server?.verdict ?? scan.local;
  const first = scan.server?.firstEntryAt ?? scan.firstEntryAt;
  const corrected = scan.server && scan.server.verdict !== scan.local;
  const detail: Record<Verdict, string> = {
    valid: scan.direction === 'out' ? t('door.detail.exit') : t('door.detail.valid'),
    already_used: first
      ? t('door.detail.already_used', { time: formatTime(new Date(first), locale, timeZone, 'medium') })
      : t('door.detail.already_usedNoTime'),
    wrong_event: t('door.detail.wrong_event'),
    refunded: t('door.detail.refunded'),
    exchanged: t('door.detail.exchanged'),
    forged: t('door.detail.forged'),
    not_inside: t('door.detail.not_inside'),
  };
  const what = describe(scan, t, locale, sections);
  return (
    <div
      className={`door-verdict door-verdict-${verdict}${scan.direction === 'out' ? ' door-verdict-out' : ''}`}
      data-testid="door-verdict"
      data-verdict={verdict}
      data-local={scan.local}
    >
      <span className="door-verdict-icon" aria-hidden="true">
        {ICON[verdict]}
      </span>
      <p className="door-verdict-title">{t(verdictKey(verdict, scan.direction))}</p>
      <p className="door-verdict-detail">{detail[verdict]}</p>
      {what && <p className="door-verdict-what">{what}</p>}
      {corrected && (
        <p className="door-verdict-corrected" data-testid="door-verdict-corrected">
          {t('door.correctedFrom', { verdict: t(verdictKey(scan.local, scan.direction)) })}
        </p>
      )}
      <button type="button" className="door-next" onClick={onNext} data-testid="door-next">
        {t('door.next')}
      </button>
    </div>
  );
}

function Correction({ scan, timeZone, sections }: { scan: Scan; timeZone: string; sections: Sections }) {
  const { locale, t } = useI18n();
  const server = scan.server;
  if (!server) return null;
  const when = formatTime(new Date(scan.scannedAt), locale, timeZone, 'medium');
  const text =
    server.verdict === 'already_used' && scan.local === 'valid'
      ? t('door.correction.otherDoor', {
          time: server.firstEntryAt
            ? formatTime(new Date(server.firstEntryAt), locale, timeZone, 'medium')
            : '—',
        })
      : t('door.correction.other', {
          local: t(verdictKey(scan.local, scan.direction)),
          server: t(verdictKey(server.verdict, scan.direction)),
        });
  return (
    <>
      <span className="door-chip-time">{when}</span> <strong>{describe(scan, t, locale, sections)}</strong> —{' '}
      {text}
    </>
  );
}
