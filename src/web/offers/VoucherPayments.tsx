// How an order was paid when a gift voucher paid part of it: the voucher's part (or that it went
// back onto the voucher) and the rest. Nothing when no voucher was used.
import type { OrderDto } from '../../common/api/box-office.ts';
import { formatMoney } from '../../common/format.ts';
import { useI18n } from '../i18n/locale.tsx';
import './offers.css';

export function VoucherPayments({ order, refunding }: { order: OrderDto; refunding?: boolean }) {
  const { locale, t } = useI18n();
  const voucher = order.payments.find((p) => p.provider === 'voucher');
  if (!voucher) return null;
  const rest = order.payments.find((p) => p.provider !== 'voucher');
  const restLabel =
    !rest || rest.status === 'pending' || rest.status === 'declined'
      ? t('offers.voucher.rest')
      : rest.method === 'cash'
        ? t('offers.voucher.restCash')
        : t('offers.voucher.restCard');
  return (
    <>
      <dl className="voucher-payments" data-testid="voucher-payments">
        <div>
          <dt>{voucher.status === 'refunded' ? t('offers.voucher.returned') : t('offers.voucher.paid')}</dt>
          <dd data-testid="voucher-part">{formatMoney(voucher.amountTiyn, locale)}</dd>
        </div>
        <div>
          <dt>{restLabel}</dt>
          <dd data-testid="voucher-rest">{formatMoney(rest?.amountTiyn ?? 0, locale)}</dd>
        </div>
      </dl>
      {refunding && order.status === 'paid' && voucher.status === 'succeeded' && (
        <p className="field-hint" data-testid="voucher-refund-note">
          {t('offers.voucher.refundNote', { amount: formatMoney(voucher.amountTiyn, locale) })}
        </p>
      )}
    </>
  );
}

/** What is left for the provider to take once the voucher has paid its part. */
export function amountDue(order: OrderDto): number {
  const voucher = order.payments.find((p) => p.provider === 'voucher' && p.status === 'succeeded');
  return order.totalTiyn - (voucher?.amountTiyn ?? 0);
}
