import { useEffect, useRef } from 'react';
import type { OrderDto } from '../../common/api/box-office.ts';
import type { PerformanceDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatMoney } from '../../common/format.ts';
import { useI18n } from '../i18n/locale.tsx';
import { VoucherPayments } from '../offers/VoucherPayments.tsx';
import { lineSeatName } from '../program/shared.ts';
import { useLatest } from './Desk.tsx';

interface Props {
  order: OrderDto;
  hubSlug: string;
  performance: PerformanceDto;
  onNext: () => void;
}

export function ticketsPdfUrl(hubSlug: string, orderId: string, locale: string): string {
  return `/api/v1/hubs/${encodeURIComponent(hubSlug)}/orders/${orderId}/tickets.pdf?lang=${encodeURIComponent(locale)}`;
}

/** The printable receipt page (the return receipt, an exchange's receipt), in the desk's language until changed there. */
export function receiptUrl(
  hubSlug: string,
  orderId: string,
  kind: 'sale' | 'refund' | 'exchange' = 'sale',
  exchangeId?: string,
): string {
  const which =
    kind === 'refund'
      ? '&kind=refund'
      : kind === 'exchange'
        ? `&kind=exchange&exchange=${encodeURIComponent(exchangeId ?? '')}`
        : '';
  return `/orders/${orderId}/receipt?hub=${encodeURIComponent(hubSlug)}${which}`;
}

/** What the desk shows after a sale: the order, its VAT, and the tickets to print or the mail on its way. */
export function SoldPanel({ order, hubSlug, performance, onNext }: Props) {
  const { locale, t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const next = useLatest(onNext);

  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        next.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next]);

  const complimentary = order.lines.length > 0 && order.lines.every((l) => l.complimentary);
  const payment = order.payments.find((p) => p.provider !== 'voucher');
  const byVoucher = order.payments.some((p) => p.provider === 'voucher');
  const area = new Map(performance.areas.map((a) => [a.id, a]));
  const method = complimentary
    ? t('desk.complimentary')
    : [
        byVoucher ? t('desk.method.voucher') : '',
        !payment ? '' : payment.method === 'card' ? t('desk.method.card') : t('desk.method.cash'),
      ]
        .filter(Boolean)
        .join(' + ');

  return (
    <div className="sold" data-testid="sold-panel">
      <div className="alert alert-success" role="status">
        <h3 ref={heading} tabIndex={-1} data-testid="sold-heading">
          {t('desk.sold', { number: order.number })}
        </h3>
        <p>
          {t('desk.soldSummary', { count: order.tickets.length })} · {method}
        </p>
      </div>
      <ul className="cart-lines" data-testid="sold-lines">
        {order.lines.map((l) => {
          const a = l.areaId ? area.get(l.areaId) : undefined;
          return (
            <li key={l.id}>
              <span>
                {l.seatId ? lineSeatName(locale, l) : a ? localize(a.name, locale) : ''}
                <span className="cart-cat"> · {localize(l.categoryName, locale)}</span>
              </span>
              <span className="cart-amount">
                {l.complimentary ? t('desk.free') : formatMoney(l.unitPriceTiyn, locale)}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="cart-total">
        <span>{t('desk.total')}</span>
        <strong data-testid="sold-total">{formatMoney(order.totalTiyn, locale)}</strong>
      </p>
      <VoucherPayments order={order} />
      <p className="cart-vat" data-testid="sold-vat">
        {t('desk.vatAmount', { amount: formatMoney(order.vatTiyn, locale) })}
      </p>
      <p className="sold-order-id">
        {t('desk.orderId')} <code data-testid="sold-order-id">{order.id}</code>
      </p>
      <div className="pay-buttons">
        <a
          className="button"
          href={ticketsPdfUrl(hubSlug, order.id, locale)}
          target="_blank"
          rel="noopener"
          data-testid="print-tickets"
        >
          {t('desk.print')}
        </a>
        {order.totalTiyn > 0 && (
          <a
            className="button button-secondary"
            href={receiptUrl(hubSlug, order.id)}
            target="_blank"
            rel="noopener"
            data-testid="print-receipt"
          >
            {t('desk.printReceipt')}
          </a>
        )}
        <button type="button" className="button button-secondary" onClick={onNext} data-testid="next-sale">
          <span>{t('desk.next')}</span>
          <kbd>Esc</kbd>
        </button>
      </div>
      {order.buyerEmail ? (
        <p className="sold-mail" data-testid="sold-mail">
          {t('desk.mailed', { email: order.buyerEmail })}
        </p>
      ) : (
        <p className="field-hint">{t('desk.noMail')}</p>
      )}
    </div>
  );
}
