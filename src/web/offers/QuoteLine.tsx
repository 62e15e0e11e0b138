// The cart's line for what a card or code takes off, before the sale: a pass's coverage, a
// discount card's or a promo code's saving.
import type { QuoteDto } from '../../common/api/memberships.ts';
import { formatMoney } from '../../common/format.ts';
import { useI18n } from '../i18n/locale.tsx';

export function QuoteLine({ quote }: { quote: QuoteDto }) {
  const { locale, t } = useI18n();
  const tickets = quote.lines.length;
  const what =
    quote.applied === 'pass'
      ? t('desk.quote.pass', { count: tickets, left: quote.entriesLeft ?? 0 })
      : quote.applied === 'discount'
        ? t('desk.quote.card')
        : t('desk.quote.promo');
  return (
    <p className="cart-discount" data-testid="cart-discount" data-applied={quote.applied ?? ''}>
      <span>{what}</span>
      <span className="cart-amount">−{formatMoney(quote.discountTiyn, locale)}</span>
    </p>
  );
}
