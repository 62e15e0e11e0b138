import { Link, useParams } from 'react-router';
import type { EventDetailDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatTime } from '../../common/format.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { WaitlistLink } from '../offers/WaitlistLink.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { availabilityKey, availabilityOf, canBook, hubPath, priceRange } from './shared.ts';
import './program.css';

export function EventPage() {
  const { hubSlug = '', eventSlug = '' } = useParams();
  const { locale, t } = useI18n();
  const { data: hub, error: hubError } = useHubDetail(hubSlug);
  const event = useApi<EventDetailDto>(`${hubPath(hubSlug)}/events/${encodeURIComponent(eventSlug)}`);
  const e = event.data;
  usePageTitle(e && hub ? `${localize(e.title, locale)} · ${localize(hub.name, locale)}` : undefined);

  if (hubError instanceof ApiError && hubError.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (event.error instanceof ApiError && event.error.status === 404) return <NotFound />;
  if (event.error) return <ErrorNote error={event.error} onRetry={event.reload} />;
  if (!e || !hub) return <Loading />;

  const now = Date.now();
  const upcoming = e.performances.filter((p) => new Date(p.endsAt).getTime() > now);
  const ics = `/api/v1${hubPath(hub.slug)}/events/${encodeURIComponent(e.slug)}/calendar.ics`;

  return (
    <article className={`event kind-${e.kind}`} aria-labelledby="event-title">
      <p className="breadcrumb">
        <Link to={`/${hub.slug}/program`}>{t('program.backToProgram')}</Link>
      </p>
      <div className="event-head">
        <div>
          <p className="eyebrow">{t(`program.kind.${e.kind}`)}</p>
          <h1 id="event-title">
            <Localized text={e.title} />
          </h1>
          {e.status === 'cancelled' && (
            <p className="alert alert-error" role="status">
              {t('program.event.cancelled')}
            </p>
          )}
          <dl className="event-facts">
            <div>
              <dt>{t('program.event.age')}</dt>
              <dd data-testid="age-rating">{e.ageRating}</dd>
            </div>
            {e.languages.length > 0 && (
              <div>
                <dt>{t('program.event.languages')}</dt>
                <dd>
                  {e.languages
                    .map((l) => (l === 'kk' || l === 'ru' || l === 'en' ? t(`program.lang.${l}`) : l))
                    .join(', ')}
                </dd>
              </div>
            )}
          </dl>
        </div>
        {e.imageUrl && <img className="event-image" src={e.imageUrl} alt="" />}
      </div>
      <div className="event-description">
        {localize(e.description, locale)
          .split(/\n{2,}/)
          .filter(Boolean)
          .map((para) => (
            <p key={para.slice(0, 40)}>{para}</p>
          ))}
      </div>

      <section aria-labelledby="dates-title">
        <h2 id="dates-title">{t('program.event.dates')}</h2>
        <p>
          <a href={ics} className="ics-link" data-testid="event-ics" download={`${e.slug}.ics`}>
            {t('program.event.addToCalendar')}
          </a>
        </p>
        {upcoming.length === 0 ? (
          <p className="empty">{t('program.event.noDates')}</p>
        ) : (
          <ul className="date-list" data-testid="event-dates">
            {upcoming.map((p) => {
              const a = availabilityOf(p, now);
              const start = new Date(p.startsAt);
              return (
                <li key={p.id} className="date-item" data-testid="event-date">
                  <div className="date-main">
                    <time dateTime={p.startsAt} className="date-when">
                      {formatDateTime(start, locale, hub.timeZone, 'full', 'short')}–
                      {formatTime(new Date(p.endsAt), locale, hub.timeZone)}
                    </time>
                    <span className="muted">
                      <Localized text={p.spaceName} /> · {priceRange(p, locale, t)}
                    </span>
                  </div>
                  <span className={`avail avail-${a}`}>{t(availabilityKey(a))}</span>
                  {canBook(a) ? (
                    <Link
                      className="button button-small"
                      to={`/${hub.slug}/performances/${p.id}`}
                      data-testid="choose-date"
                    >
                      {p.seatCount > 0 ? t('program.event.chooseSeats') : t('program.event.chooseTickets')}
                      <span className="visually-hidden">
                        {' '}
                        — {formatDateTime(start, locale, hub.timeZone, 'medium', 'short')}
                      </span>
                    </Link>
                  ) : a === 'sold_out' ? (
                    <WaitlistLink
                      to={`/${hub.slug}/performances/${p.id}#waitlist`}
                      when={formatDateTime(start, locale, hub.timeZone, 'medium', 'short')}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}
