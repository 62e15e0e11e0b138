// The hub's program: a list or a month calendar of performances, filtered by kind, space,
// dates and the event's language. Filters live in the address, so a filtered view can be shared.
import { Link, useParams, useSearchParams } from 'react-router';
import { EVENT_KINDS, type PerformanceDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatDate, formatTime } from '../../common/format.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { PerformanceList } from './PerformanceList.tsx';
import {
  availabilityKey,
  availabilityOf,
  dayKey,
  hubPath,
  monthGrid,
  monthTitle,
  weekdayNames,
} from './shared.ts';
import './program.css';

const LANGS = ['kk', 'ru', 'en'] as const;
const FILTERS = ['kind', 'space', 'from', 'to', 'lang'] as const;

export function ProgramPage() {
  const { hubSlug = '' } = useParams();
  const { locale, t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { data: hub, error: hubError, reload: reloadHub } = useHubDetail(hubSlug);
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const today = hub ? dayKey(new Date(), hub.timeZone) : undefined;
  const monthParam = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : today?.slice(0, 7);

  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query.set(f, v);
  }
  if (view === 'calendar' && monthParam) {
    // The calendar asks for its month (within any date filter).
    const [y, m] = monthParam.split('-').map(Number) as [number, number];
    const first = `${monthParam}-01`;
    const last = `${monthParam}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    const from = params.get('from');
    const to = params.get('to');
    query.set('from', from && from > first ? from : first);
    query.set('to', to && to < last ? to : last);
  } else if (!params.get('from') && today) {
    query.set('from', today);
  }
  const path = hub ? `${hubPath(hub.slug)}/program?${query}` : null;
  const program = useApi<PerformanceDto[]>(path);
  usePageTitle(hub ? `${t('program.title')} · ${localize(hub.name, locale)}` : undefined);

  if (hubError instanceof ApiError && hubError.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (hubError) return <ErrorNote error={hubError} onRetry={reloadHub} />;
  if (!hub) return <Loading />;

  function update(next: Record<string, string | undefined>) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  }

  const active = FILTERS.some((f) => params.get(f));
  const list = program.data ?? [];

  return (
    <div className="program">
      <p className="breadcrumb">
        <Link to={`/${hub.slug}`}>{t('space.backToHub', { hub: localize(hub.name, locale) })}</Link>
      </p>
      <h1>{t('program.title')}</h1>
      <p className="lead">{t('program.intro', { hub: localize(hub.name, locale) })}</p>
      <p>
        <Link to={`/${hub.slug}/memberships`} data-testid="memberships-link">
          {t('offers.shop.programLink')}
        </Link>
      </p>

      <form
        className="program-filters"
        aria-label={t('program.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="f-kind">{t('program.filter.kind')}</label>
          <select
            id="f-kind"
            value={params.get('kind') ?? ''}
            onChange={(e) => update({ kind: e.target.value })}
            data-testid="filter-kind"
          >
            <option value="">{t('program.filter.any')}</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`program.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-space">{t('program.filter.space')}</label>
          <select
            id="f-space"
            value={params.get('space') ?? ''}
            onChange={(e) => update({ space: e.target.value })}
            data-testid="filter-space"
          >
            <option value="">{t('program.filter.any')}</option>
            {hub.spaces.map((s) => (
              <option key={s.id} value={s.slug}>
                {localize(s.name, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('program.filter.from')}</label>
          <input
            id="f-from"
            type="date"
            value={params.get('from') ?? ''}
            onChange={(e) => update({ from: e.target.value })}
            data-testid="filter-from"
          />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('program.filter.to')}</label>
          <input
            id="f-to"
            type="date"
            value={params.get('to') ?? ''}
            onChange={(e) => update({ to: e.target.value })}
            data-testid="filter-to"
          />
        </div>
        <div className="field">
          <label htmlFor="f-lang">{t('program.filter.lang')}</label>
          <select
            id="f-lang"
            value={params.get('lang') ?? ''}
            onChange={(e) => update({ lang: e.target.value })}
            data-testid="filter-lang"
          >
            <option value="">{t('program.filter.any')}</option>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`program.lang.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {active && (
          <button
            type="button"
            className="button button-secondary button-small program-clear"
            onClick={() =>
              update({ kind: undefined, space: undefined, from: undefined, to: undefined, lang: undefined })
            }
          >
            {t('program.filter.clear')}
          </button>
        )}
      </form>

      <div className="program-bar">
        <fieldset className="view-switch">
          <legend className="visually-hidden">{t('program.view')}</legend>
          {(['list', 'calendar'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={`button button-small ${view === v ? '' : 'button-secondary'}`}
              aria-pressed={view === v}
              onClick={() => update({ view: v === 'list' ? undefined : v })}
              data-testid={`view-${v}`}
            >
              {t(`program.view.${v}`)}
            </button>
          ))}
        </fieldset>
        <p className="muted" role="status" data-testid="program-count">
          {program.data ? t('program.count', { count: list.length }) : ''}
        </p>
      </div>

      <a href={`/api/v1${hubPath(hub.slug)}/calendar.ics`} className="ics-link" data-testid="hub-ics">
        {t('program.subscribe')}
      </a>

      {program.error ? (
        <ErrorNote error={program.error} onRetry={program.reload} />
      ) : !program.data ? (
        <Loading />
      ) : view === 'calendar' && monthParam ? (
        <MonthCalendar
          month={monthParam}
          performances={list}
          hubSlug={hub.slug}
          timeZone={hub.timeZone}
          today={today}
          onMonth={(m) => update({ month: m })}
        />
      ) : list.length === 0 ? (
        <p className="empty" data-testid="program-empty">
          {t('program.empty')}
        </p>
      ) : (
        <PerformanceList performances={list} hubSlug={hub.slug} timeZone={hub.timeZone} />
      )}
    </div>
  );
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function MonthCalendar({
  month,
  performances,
  hubSlug,
  timeZone,
  today,
  onMonth,
}: {
  month: string;
  performances: PerformanceDto[];
  hubSlug: string;
  timeZone: string;
  today: string | undefined;
  onMonth: (month: string) => void;
}) {
  const { locale, t } = useI18n();
  const [y, m] = month.split('-').map(Number) as [number, number];
  const weeks = monthGrid(y, m);
  const short = weekdayNames(locale, 'short');
  const long = weekdayNames(locale, 'long');
  const byDay = new Map<string, PerformanceDto[]>();
  for (const p of performances) {
    const k = dayKey(new Date(p.startsAt), timeZone);
    byDay.set(k, [...(byDay.get(k) ?? []), p]);
  }
  const title = monthTitle(y, m, locale);
  return (
    <section className="month" aria-labelledby="month-title" data-testid="calendar">
      <div className="month-head">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMonth(shiftMonth(month, -1))}
          data-testid="month-prev"
        >
          <span aria-hidden="true">‹ </span>
          {t('program.calendar.prev')}
        </button>
        <h2 id="month-title" aria-live="polite">
          {title}
        </h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMonth(shiftMonth(month, 1))}
          data-testid="month-next"
        >
          {t('program.calendar.next')}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <table className="month-grid">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {short.map((d, i) => (
              <th key={d} scope="col">
                <abbr title={long[i]}>{d}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.find(Boolean) ?? ''}>
              {w.map((day, i) => {
                // biome-ignore lint/suspicious/noArrayIndexKey: empty cells have nothing but their place
                if (!day) return <td key={`e${i}`} className="month-out" />;
                const items = byDay.get(day) ?? [];
                const dayNo = Number(day.slice(8));
                return (
                  <td
                    key={day}
                    className={`${items.length ? 'month-busy' : ''}${day === today ? ' month-today' : ''}`}
                    data-day={day}
                  >
                    <span className="month-day">
                      <span className="visually-hidden">
                        {formatDate(new Date(`${day}T12:00:00Z`), locale, 'UTC', 'long')}
                      </span>
                      <span aria-hidden="true">{dayNo}</span>
                    </span>
                    {items.length > 0 && (
                      <ul>
                        {items.map((p) => {
                          const a = availabilityOf(p);
                          return (
                            <li key={p.id} className={`month-item kind-${p.eventKind}`}>
                              <Link to={`/${hubSlug}/events/${p.eventSlug}`}>
                                <span className="month-time">
                                  {formatTime(new Date(p.startsAt), locale, timeZone)}
                                </span>{' '}
                                <Localized text={p.eventTitle} />
                              </Link>
                              {a !== 'on_sale' && (
                                <span className={`avail avail-${a} avail-mini`}>{t(availabilityKey(a))}</span>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {performances.length === 0 && <p className="empty">{t('program.calendar.empty')}</p>}
    </section>
  );
}
