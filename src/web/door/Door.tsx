import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { localize } from '../../common/content.ts';
import { formatDateTime } from '../../common/format.ts';
import { useBackOffice } from '../back-office/context.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { PerformancePicker } from '../desk/PerformancePicker.tsx';
import { useI18n } from '../i18n/locale.tsx';
import type { DoorList } from './decide.ts';
import { registerAppShell } from './offline.ts';
import { Scanner } from './Scanner.tsx';
import { allLists } from './store.ts';
import './door.css';

/** The door: pick a performance, then the full-screen scanner for it. */
export function Door() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const { performanceId } = useParams();
  const navigate = useNavigate();
  usePageTitle(`${t('door.title')} · ${localize(hub.name, locale)}`);
  const [kept, setKept] = useState<DoorList[]>([]);
  const [offlineReady, setOfflineReady] = useState(false);
  const base = `/back-office/${hub.slug}/door`;

  // Once visited, the scanner opens without network: the app shell goes into the cache.
  useEffect(() => {
    let live = true;
    registerAppShell().then((ok) => live && setOfflineReady(ok));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (performanceId) return;
    allLists()
      .then((lists) => setKept(lists.filter((l) => l.hubSlug === hub.slug)))
      .catch(() => setKept([]));
  }, [performanceId, hub.slug]);

  if (performanceId)
    return (
      <Scanner
        hubSlug={hub.slug}
        timeZone={hub.timeZone}
        performanceId={performanceId}
        offlineReady={offlineReady}
      />
    );

  return (
    <div className="door-pick" data-testid="door-pick">
      <h1>{t('door.title')}</h1>
      <p>{t('door.intro')}</p>
      {kept.length > 0 && (
        <section aria-labelledby="door-kept">
          <h2 id="door-kept" className="desk-h2">
            {t('door.kept')}
          </h2>
          <ul className="door-kept">
            {kept.map((l) => (
              <li key={l.performanceId}>
                <Link to={`${base}/${l.performanceId}`} data-testid="door-kept-link">
                  {localize(l.title, locale) || l.performanceId} ·{' '}
                  {formatDateTime(new Date(l.startsAt), locale, hub.timeZone)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <PerformancePicker
        hubSlug={hub.slug}
        timeZone={hub.timeZone}
        selectedId={undefined}
        onPick={(p) => navigate(`${base}/${p.id}`)}
        testId="door-picker"
      />
    </div>
  );
}
