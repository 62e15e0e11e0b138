import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import type { FlashState } from './flash.ts';
import { HubSwitcher } from './HubSwitcher.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

export function Header({ hubSlug }: { hubSlug: string | undefined }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const isStaff = !!user && (user.networkAdmin || user.hubs.some((h) => h.roles.length > 0));
  // Straight to this hub's back office when the person works here; otherwise to their own.
  const worksHere =
    !!user && (user.networkAdmin || user.hubs.some((h) => h.hubSlug === hubSlug && h.roles.length > 0));
  const backOffice = hubSlug && worksHere ? `/back-office/${hubSlug}` : '/back-office';

  async function onSignOut() {
    await signOut().catch(() => {});
    navigate(hubSlug ? `/${hubSlug}` : '/', { state: { flash: 'signOut.done' } satisfies FlashState });
  }

  return (
    <header className="site-header">
      <div className="header-inner">
        <Link className="brand" to={hubSlug ? `/${hubSlug}` : '/'}>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <HubSwitcher current={hubSlug} />
        <nav className="account-nav" aria-label={t('header.nav')}>
          <ul>
            {isStaff && (
              <li>
                <Link to={backOffice} data-testid="nav-back-office">
                  {t('header.backOffice')}
                </Link>
              </li>
            )}
            {user ? (
              <>
                <li className="signed-in-as" data-testid="signed-in-as">
                  {/* The name alone keeps the header on one line; the full sentence is for screen readers. */}
                  <span aria-hidden="true">{user.name}</span>
                  <span className="visually-hidden">{t('header.signedInAs', { name: user.name })}</span>
                </li>
                <li>
                  <button type="button" className="link-button" onClick={onSignOut} data-testid="sign-out">
                    {t('header.signOut')}
                  </button>
                </li>
              </>
            ) : user === null ? (
              <>
                <li>
                  <Link to="/sign-in" data-testid="nav-sign-in">
                    {t('header.signIn')}
                  </Link>
                </li>
                <li>
                  <Link to="/sign-up" className="button button-small" data-testid="nav-sign-up">
                    {t('header.signUp')}
                  </Link>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
        <LanguageSwitcher />
      </div>
      <div className="ornament-band" aria-hidden="true" />
    </header>
  );
}
