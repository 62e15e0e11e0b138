import { Link, Navigate } from 'react-router';
import { localize } from '../../common/content.ts';
import type { HubRole } from '../../common/permissions.ts';
import { useHubs } from '../components/hubs.tsx';
import { Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { NoAccess } from './NoAccess.tsx';
import { SignInRequired } from './SignInRequired.tsx';

/** /back-office: straight into the one hub a person works in, or a choice between several. */
export function BackOfficeIndex() {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const { data: allHubs } = useHubs();
  usePageTitle(t('bo.pickHub.title'));

  if (user === undefined) return <Loading />;
  if (user === null) return <SignInRequired />;

  const staffHubs = user.hubs.filter((h) => h.roles.length > 0);
  const choices = user.networkAdmin
    ? (allHubs ?? []).map((h) => ({
        slug: h.slug,
        name: localize(h.name, locale),
        roles: [] as readonly HubRole[],
      }))
    : staffHubs.map((h) => ({ slug: h.hubSlug, name: localize(h.hubName, locale), roles: h.roles }));

  if (user.networkAdmin && !allHubs) return <Loading />;
  if (choices.length === 0) return <NoAccess />;
  const only = choices[0];
  if (choices.length === 1 && only) return <Navigate to={`/back-office/${only.slug}`} replace />;

  return (
    <div className="narrow">
      <h1>{t('bo.pickHub.title')}</h1>
      <p>{t('bo.pickHub.intro')}</p>
      <ul className="pick-list" data-testid="hub-picker">
        {choices.map((c) => (
          <li key={c.slug}>
            <Link to={`/back-office/${c.slug}`}>{c.name}</Link>
            {c.roles.length > 0 && (
              <span className="muted"> — {c.roles.map((r) => t(`role.${r}`)).join(', ')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
