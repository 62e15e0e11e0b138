import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { localize } from '../../common/content.ts';
import { can } from '../../common/permissions.ts';
import { ApiError } from '../api/client.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { grantsOf, useSession } from '../session/session.tsx';
import type { BackOfficeContext } from './context.ts';
import { NoAccess } from './NoAccess.tsx';
import { SignInRequired } from './SignInRequired.tsx';
import { sectionOf, visibleSections } from './sections.ts';

export function BackOfficeLayout() {
  const { hubSlug = '' } = useParams();
  const { pathname } = useLocation();
  const { locale, t } = useI18n();
  const { user } = useSession();
  const { data: hub, error, reload } = useHubDetail(hubSlug);

  if (user === null) return <SignInRequired />;
  if (error instanceof ApiError && error.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!hub || user === undefined) return <Loading />;

  const grants = grantsOf(user);
  if (!can(grants, 'backOffice.enter', hub.id)) return <NoAccess />;

  const base = `/back-office/${hub.slug}`;
  const sections = visibleSections(grants, hub.id);
  const current = sectionOf(pathname.slice(base.length));
  const allowed = current ? sections.includes(current) : false;
  const canSwitch = user.networkAdmin || user.hubs.filter((h) => h.roles.length > 0).length > 1;
  const context: BackOfficeContext = { hub, user, grants, reloadHub: reload };

  return (
    <div className="back-office">
      <div className="bo-heading">
        <p className="eyebrow">
          {t('bo.title')}
          {canSwitch && (
            <>
              {' · '}
              <Link to="/back-office">{t('bo.pickHub.title')}</Link>
            </>
          )}
        </p>
        <p className="bo-hub-name" data-testid="bo-hub-name">
          {localize(hub.name, locale)}
        </p>
      </div>
      <div className="bo-body">
        <nav className="bo-nav" aria-label={t('bo.nav')} data-testid="bo-nav">
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <NavLink to={s.path ? `${base}/${s.path}` : base} end data-testid={`bo-nav-${s.id}`}>
                  {t(s.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="bo-content">
          {allowed ? <Outlet context={context} /> : current ? <NoAccess section /> : <NotFound />}
        </div>
      </div>
    </div>
  );
}
