import { useState } from 'react';
import { Link } from 'react-router';
import { localize } from '../../common/content.ts';
import { useHubs } from '../components/hubs.tsx';
import { ErrorNote, Loading, Notice } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { CreateHubForm } from './CreateHubForm.tsx';

export function Hubs() {
  const { locale, t } = useI18n();
  const { data: hubs, error, reload } = useHubs();
  const [notice, setNotice] = useState<string>();
  usePageTitle(t('bo.hubs.title'));

  return (
    <>
      <h1>{t('bo.hubs.title')}</h1>
      {notice && <Notice>{notice}</Notice>}
      {error !== undefined && <ErrorNote error={error} onRetry={reload} />}
      {!hubs && error === undefined && <Loading />}
      {hubs && (
        <>
          <p className="muted">{t('bo.hubs.count', { count: hubs.length })}</p>
          <TableWrap label={t('bo.hubs.title')}>
            <table data-testid="hubs-table">
              <thead>
                <tr>
                  <th scope="col">{t('bo.hubs.name')}</th>
                  <th scope="col">{t('bo.hubs.city')}</th>
                  <th scope="col">{t('bo.hubs.slug')}</th>
                  <th scope="col">{t('bo.hubs.timeZone')}</th>
                </tr>
              </thead>
              <tbody>
                {hubs.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <Link to={`/back-office/${h.slug}`}>{localize(h.name, locale)}</Link>
                    </td>
                    <td>{localize(h.city, locale)}</td>
                    <td>
                      <Link to={`/${h.slug}`}>/{h.slug}</Link>
                    </td>
                    <td>{h.timeZone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <h2>{t('bo.hubs.create')}</h2>
      <CreateHubForm
        onCreated={(name) => {
          setNotice(t('bo.hubs.created', { name }));
          reload();
        }}
      />
    </>
  );
}
