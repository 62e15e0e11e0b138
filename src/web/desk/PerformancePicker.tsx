import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import type { PerformanceDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatDate, formatTime } from '../../common/format.ts';
import { LOCALES } from '../../common/locales.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';

/** Today's date (YYYY-MM-DD) in a time zone: the program's `from` filter counts in the hub's days. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Every language of a performance's title and space, lower-cased, so a search finds it in any of them. */
function haystack(p: PerformanceDto): string {
  const parts: string[] = [];
  for (const l of LOCALES) parts.push(localize(p.eventTitle, l), localize(p.spaceName, l));
  parts.push(p.eventSlug);
  return parts.join(' ').toLocaleLowerCase('tr');
}

/** What is left to sell: free seats plus free standing places. */
export function placesLeft(p: PerformanceDto): number {
  return p.seatsAvailable + p.areas.reduce((n, a) => n + a.available, 0);
}

interface Props {
  hubSlug: string;
  timeZone: string;
  selectedId: string | undefined;
  onPick: (p: PerformanceDto) => void;
  /** id of the search field, for a shortcut that focuses it */
  inputId?: string;
  testId: string;
  /** bump to fetch the program again (after a sale the places left change) */
  version?: number;
}

/**
 * Today's and upcoming performances with a search field: type to filter, arrows to move,
 * Enter to pick (the ARIA combobox pattern with an always-visible list).
 */
export function PerformancePicker({
  hubSlug,
  timeZone,
  selectedId,
  onPick,
  inputId,
  testId,
  version,
}: Props) {
  const { locale, t } = useI18n();
  const from = todayIn(timeZone);
  const { data, error, loading, reload } = useApi<PerformanceDto[]>(
    `/hubs/${encodeURIComponent(hubSlug)}/program?from=${from}`,
  );
  useEffect(() => {
    if (version) reload();
  }, [version, reload]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const ownId = useId();
  const fieldId = inputId ?? ownId;

  const matches = useMemo(() => {
    const words = query.toLocaleLowerCase('tr').split(/\s+/).filter(Boolean);
    const now = Date.now();
    return (data ?? [])
      .filter((p) => p.status !== 'cancelled' && Date.parse(p.endsAt) > now)
      .filter((p) => {
        const text = haystack(p);
        return words.every((w) => text.includes(w));
      });
  }, [data, query]);

  const current = Math.min(active, Math.max(matches.length - 1, 0));
  const optionId = (i: number) => `${listId}-opt-${i}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(current + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === 'Enter') {
      const p = matches[current];
      if (p) {
        e.preventDefault();
        onPick(p);
      }
    }
  };

  const today = from;
  return (
    <div className="perf-picker" data-testid={testId}>
      <label htmlFor={fieldId} className="perf-picker-label">
        {t('desk.findPerformance')}
      </label>
      <input
        id={fieldId}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches.length ? optionId(current) : undefined}
        autoComplete="off"
        value={query}
        placeholder={t('desk.findPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid={`${testId}-search`}
      />
      {loading && !data && <Loading />}
      {error ? <ErrorNote error={error} onRetry={reload} /> : null}
      <div id={listId} role="listbox" aria-label={t('desk.performances')} className="perf-list">
        {matches.map((p, i) => {
          const starts = new Date(p.startsAt);
          const isToday = todayIn(timeZone, starts) === today;
          const left = placesLeft(p);
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works through the combobox input
            <div
              key={p.id}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={p.id === selectedId}
              className={`perf-option${i === current ? ' perf-option-active' : ''}${p.id === selectedId ? ' perf-option-selected' : ''}`}
              onClick={() => {
                setActive(i);
                onPick(p);
              }}
              data-testid="perf-option"
              data-performance-id={p.id}
            >
              <span className="perf-when">
                <span className="perf-time">{formatTime(starts, locale, timeZone)}</span>
                <span className="perf-date">
                  {isToday ? t('desk.today') : formatDate(starts, locale, timeZone, 'medium')}
                </span>
              </span>
              <span className="perf-what">
                <span className="perf-title">{localize(p.eventTitle, locale)}</span>
                <span className="perf-space">{localize(p.spaceName, locale)}</span>
              </span>
              <span className={`perf-left${left === 0 ? ' perf-left-none' : ''}`}>
                {p.status === 'sales_closed'
                  ? t('desk.salesClosed')
                  : left === 0
                    ? t('desk.soldOut')
                    : t('desk.placesLeft', { count: left })}
              </span>
            </div>
          );
        })}
      </div>
      {data && matches.length === 0 && (
        <p className="perf-none" role="status">
          {query ? t('desk.noMatch') : t('desk.noPerformances')}
        </p>
      )}
    </div>
  );
}
