// /back-office/:hub/settings — the hub's own record: how visitors see it, and who runs it in law
// (the seller its receipts name). For a hub admin of this hub, or a network admin.
import { localize } from '../../common/content.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { useBackOffice } from './context.ts';
import { HubLegalForm } from './HubLegalForm.tsx';
import { HubProfileForm } from './HubProfileForm.tsx';

export function HubSettings() {
  const { locale, t } = useI18n();
  const { hub, reloadHub } = useBackOffice();
  usePageTitle(`${t('bo.settings.title')} · ${localize(hub.name, locale)}`);
  return (
    <>
      <h1>{t('bo.settings.title')}</h1>
      <section aria-labelledby="hub-legal-title">
        <h2 id="hub-legal-title">{t('bo.settings.legal')}</h2>
        <p>{t('bo.settings.legalIntro')}</p>
        <HubLegalForm hub={hub} onSaved={reloadHub} />
      </section>
      <section aria-labelledby="hub-profile-title">
        <h2 id="hub-profile-title">{t('bo.settings.profile')}</h2>
        <HubProfileForm hub={hub} onSaved={reloadHub} />
      </section>
    </>
  );
}
