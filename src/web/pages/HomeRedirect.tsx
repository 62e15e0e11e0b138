import { Navigate, useLocation } from 'react-router';
import { useHubs } from '../components/hubs.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';

/** The network's front door opens on its first hub (the API lists the flagship first). */
export function HomeRedirect() {
  const { t } = useI18n();
  const { data: hubs, error, reload } = useHubs();
  // Keep a one-off notice (such as 'signed out') on the way to the hub page.
  const { state } = useLocation();
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!hubs) return <Loading />;
  const first = hubs[0];
  if (!first) return <p>{t('home.noSpaces')}</p>;
  return <Navigate to={`/${first.slug}`} replace state={state} />;
}
