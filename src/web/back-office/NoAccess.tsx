import { Link } from 'react-router';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';

export function NoAccess({ section }: { section?: boolean }) {
  const { t } = useI18n();
  usePageTitle(t('bo.noAccess.title'));
  return (
    <div className="narrow no-access" data-testid="no-access">
      <h1>{t('bo.noAccess.title')}</h1>
      <p>{t(section ? 'bo.noAccess.section' : 'bo.noAccess.text')}</p>
      <p>
        <Link to="/">{t('common.home')}</Link>
      </p>
    </div>
  );
}
