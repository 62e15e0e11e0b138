import { useMemo, useState } from 'react';
import type { AuditPageDto, LocalizedTextDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime } from '../../common/format.ts';
import { isMessageKey } from '../../common/i18n/index.ts';
import { useApi } from '../api/useApi.ts';
import { useHubs } from '../components/hubs.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { AuditRecord } from './AuditRecord.tsx';
import { useBackOffice } from './context.ts';

const PAGE_SIZE = 50;

export function Audit() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const [before, setBefore] = useState<string | null>(null);
  const query = `?limit=${PAGE_SIZE}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
  const { data, error, reload } = useApi<AuditPageDto>(`/hubs/${hub.slug}/audit${query}`);
  const { data: hubs } = useHubs();
  // Spaces and hubs are named in the reader's language rather than by their address.
  const names = useMemo(
    () =>
      new Map<string, LocalizedTextDto>([
        ...(hubs ?? []).map((h) => [h.id, h.name] as const),
        ...hub.spaces.map((s) => [s.id, s.name] as const),
      ]),
    [hubs, hub.spaces],
  );
  usePageTitle(`${t('bo.nav.audit')} · ${localize(hub.name, locale)}`);

  // Known actions read as words; a new action shows its code until it gets a message.
  const what = (action: string) => {
    const key = `audit.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };

  return (
    <>
      <h1>{t('bo.nav.audit')}</h1>
      <p>{t('bo.audit.intro', { timeZone: hub.timeZone })}</p>
      {error !== undefined && <ErrorNote error={error} onRetry={reload} />}
      {!data && error === undefined && <Loading />}
      {data &&
        (data.entries.length === 0 ? (
          <p>{t('bo.audit.empty')}</p>
        ) : (
          <TableWrap label={t('bo.nav.audit')}>
            <table data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('bo.audit.when')}</th>
                  <th scope="col">{t('bo.audit.who')}</th>
                  <th scope="col">{t('bo.audit.what')}</th>
                  <th scope="col">{t('bo.audit.record')}</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">
                      <time dateTime={e.at}>{formatDateTime(new Date(e.at), locale, hub.timeZone)}</time>
                    </td>
                    <td>
                      {e.actor ? (
                        <>
                          {e.actor.name}
                          <br />
                          <span className="muted wrap-anywhere">{e.actor.email}</span>
                        </>
                      ) : (
                        t('bo.audit.system')
                      )}
                    </td>
                    <td>{what(e.action)}</td>
                    <td>
                      <AuditRecord entry={e} names={names} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
      <div className="pager">
        {before !== null && (
          <button type="button" className="button button-secondary" onClick={() => setBefore(null)}>
            {t('bo.audit.newest')}
          </button>
        )}
        {data?.nextBefore && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setBefore(data.nextBefore)}
          >
            {t('bo.audit.older')}
          </button>
        )}
      </div>
    </>
  );
}
