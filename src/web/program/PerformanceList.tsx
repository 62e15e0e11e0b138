import { Link } from 'react-router';
import type { PerformanceDto } from '../../common/api/program.ts';
import { formatDateTime } from '../../common/format.ts';
import { Localized } from '../components/Localized.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { availabilityKey, availabilityOf, canBook, priceRange } from './shared.ts';

/** Performances as cards: what, when (in the hub's time zone), where, how much, and what is left. */
export function PerformanceList({
  performances,
  hubSlug,
  timeZone,
  headingLevel = 2,
}: {
  performances: readonly PerformanceDto[];
  hubSlug: string;
  timeZone: string;
  headingLevel?: 2 | 3;
}) {
  const { locale, t } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="perf-list" data-testid="performance-list">
      {performances.map((p) => {
        const a = availabilityOf(p);
        const start = new Date(p.startsAt);
        return (
          <li key={p.id} className={`perf-card kind-${p.eventKind}`} data-testid="performance">
            <p className="perf-when">
              <time dateTime={p.startsAt}>{formatDateTime(start, locale, timeZone, 'full', 'short')}</time>
            </p>
            <H className="perf-title">
              <Link to={`/${hubSlug}/events/${p.eventSlug}`} className="perf-link">
                <Localized text={p.eventTitle} />
              </Link>
            </H>
            <p className="perf-meta">
              <span className="kind-tag">{t(`program.kind.${p.eventKind}`)}</span>
              <span>
                <Localized text={p.spaceName} />
              </span>
              <span className="perf-price">{priceRange(p, locale, t)}</span>
            </p>
            <p className="perf-actions">
              <span className={`avail avail-${a}`} data-testid="availability">
                {t(availabilityKey(a))}
              </span>
              {canBook(a) && (
                <Link className="button button-small perf-book" to={`/${hubSlug}/performances/${p.id}`}>
                  {t('program.book')}
                  <span className="visually-hidden">
                    {' '}
                    — <Localized text={p.eventTitle} />,{' '}
                    {formatDateTime(start, locale, timeZone, 'medium', 'short')}
                  </span>
                </Link>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
