// How an offer reads in a list: a promo code's value, a plan's benefit.
import { formatMoney } from '../../common/format.ts';
import type { Locale } from '../../common/locales.ts';
import type { Translate } from '../i18n/locale.tsx';
import type { MembershipPlanDto, PromoCodeDto } from './types.ts';

/** "−₸1,000", "−15%" or "Free ticket". */
export function promoValue(p: PromoCodeDto, locale: Locale, t: Translate): string {
  if (p.kind === 'amount')
    return t('offers.promo.valueAmount', { amount: formatMoney(p.amountTiyn ?? 0, locale) });
  if (p.kind === 'percent') return t('offers.promo.valuePercent', { percent: p.percent ?? 0 });
  return t('offers.promo.kind.free_ticket');
}

/** "10 entries" or "−50%". */
export function planBenefit(p: MembershipPlanDto, t: Translate): string {
  return p.kind === 'pass'
    ? t('offers.plan.entriesCount', { count: p.entries ?? 0 })
    : t('offers.promo.valuePercent', { percent: p.discountPercent ?? 0 });
}
