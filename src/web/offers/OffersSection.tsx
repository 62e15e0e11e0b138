// The back office's "Promo codes & memberships": codes with their uses, and membership plans.
import { Route, Routes } from 'react-router';
import { localize } from '../../common/content.ts';
import { useBackOffice } from '../back-office/context.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { MembershipPlans } from './MembershipPlans.tsx';
import { PromoCodes } from './PromoCodes.tsx';
import '../program/program.css';
import './offers.css';

export function OffersSection() {
  return (
    <Routes>
      <Route index element={<OffersHome />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function OffersHome() {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  usePageTitle(`${t('offers.bo.nav')} · ${localize(hub.name, locale)}`);
  return (
    <div className="offers-bo">
      <h1>{t('offers.bo.nav')}</h1>
      <p>{t('offers.bo.intro')}</p>
      <PromoCodes hubSlug={hub.slug} timeZone={hub.timeZone} />
      <MembershipPlans hubSlug={hub.slug} />
    </div>
  );
}
