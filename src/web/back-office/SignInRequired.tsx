import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';

export function SignInRequired() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  usePageTitle(t('bo.title'));
  return (
    <div className="narrow">
      <h1>{t('bo.title')}</h1>
      <p>{t('bo.signInRequired')}</p>
      <Link className="button" to={`/sign-in?next=${encodeURIComponent(pathname)}`}>
        {t('header.signIn')}
      </Link>
    </div>
  );
}
