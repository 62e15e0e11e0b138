import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { EventDetailDto, PerformanceDto } from '../../../common/api/program.ts';
import { localize } from '../../../common/content.ts';
import { formatDateTime } from '../../../common/format.ts';
import { get } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { ErrorNote, Loading } from '../../components/Status.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/locale.tsx';
import { hubPath } from '../../program/shared.ts';
import { useBackOffice } from '../context.ts';

/**
 * The hub's events with their status and dates. The API lists performances, not events, so the
 * events are gathered from the program (drafts included) and read one by one for their status.
 */
export function EventsList() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  usePageTitle(`${t('program.bo.nav')} · ${localize(hub.name, locale)}`);
  const program = useApi<PerformanceDto[]>(`${hubPath(hub.slug)}/program?drafts=true`);
  const [events, setEvents] = useState<EventDetailDto[] | undefined>(undefined);
  const slugs = [...new Set((program.data ?? []).map((p) => p.eventSlug))].join(',');

  useEffect(() => {
    if (!program.data) return;
    let live = true;
    Promise.all(
      slugs
        .split(',')
        .filter(Boolean)
        .map((s) => get<EventDetailDto>(`${hubPath(hub.slug)}/events/${s}`).catch(() => undefined)),
    ).then((list) => {
      if (live) setEvents(list.filter((e): e is EventDetailDto => !!e));
    });
    return () => {
      live = false;
    };
  }, [slugs, hub.slug, program.data]);

  const base = `/back-office/${hub.slug}/program`;
  const now = Date.now();
  return (
    <>
      <h1>{t('program.bo.nav')}</h1>
      <p>{t('program.bo.intro')}</p>
      <p className="bo-actions">
        <Link className="button" to={`${base}/events/new`} data-testid="new-event">
          {t('program.bo.newEvent')}
        </Link>
        <Link className="button button-secondary" to={`${base}/seat-maps`} data-testid="seat-maps-link">
          {t('program.bo.maps.title')}
        </Link>
        <Link to={`/${hub.slug}/program`}>{t('program.bo.publicProgram')}</Link>
      </p>
      <h2>{t('program.bo.events')}</h2>
      {program.error ? (
        <ErrorNote error={program.error} onRetry={program.reload} />
      ) : !events ? (
        <Loading />
      ) : events.length === 0 ? (
        <p>{t('program.bo.noEvents')}</p>
      ) : (
        <TableWrap label={t('program.bo.events')}>
          <table data-testid="bo-events">
            <thead>
              <tr>
                <th scope="col">{t('program.bo.col.event')}</th>
                <th scope="col">{t('program.bo.col.kind')}</th>
                <th scope="col">{t('program.bo.col.status')}</th>
                <th scope="col">{t('program.bo.col.next')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const next = e.performances.find((p) => new Date(p.endsAt).getTime() > now);
                return (
                  <tr key={e.id} data-testid={`bo-event-${e.slug}`}>
                    <td>
                      <Link to={`${base}/events/${e.slug}`}>{localize(e.title, locale) || e.slug}</Link>
                    </td>
                    <td>{t(`program.kind.${e.kind}`)}</td>
                    <td>
                      <span className={`status-tag status-${e.status}`}>
                        {t(`program.bo.status.${e.status}`)}
                      </span>
                    </td>
                    <td>
                      {next ? formatDateTime(new Date(next.startsAt), locale, hub.timeZone) : '—'}{' '}
                      <span className="muted">
                        ({t('program.bo.dateCount', { count: e.performances.length })})
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
