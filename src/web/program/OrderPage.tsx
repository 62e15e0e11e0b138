// Where the buyer lands after paying (/orders/:id?hub=<slug>): what became of the payment,
// the tickets with their QR codes, the PDF and the receipt. A pending order is re-read until
// the provider's answer arrives.
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { OrderDto } from '../../common/api/box-office.ts';
import type { ReceiptDto } from '../../common/api/reports.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { OrderSavings } from '../offers/OrderSavings.tsx';
import { VoucherPayments } from '../offers/VoucherPayments.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { OrderLines } from './BookingPage.tsx';
import { QrCode } from './QrCode.tsx';
import { hubPath, lineSeatName } from './shared.ts';
import { usePerformances } from './usePerformances.ts';
import './program.css';

export type OrderState = 'paid' | 'pending' | 'declined' | 'expired' | 'refunded' | 'cancelled';

export function orderState(o: OrderDto): OrderState {
  if (o.status === 'paid') return 'paid';
  if (o.status === 'refunded') return 'refunded';
  if (o.status === 'cancelled') return 'cancelled';
  // the provider's payment, not a gift voucher's part, says whether the payment went through
  const last = o.payments.filter((p) => p.provider !== 'voucher').at(-1);
  if (last?.status === 'declined') return 'declined';
  return o.status === 'expired' ? 'expired' : 'pending';
}

export function OrderPage() {
  const { orderId = '' } = useParams();
  const [params] = useSearchParams();
  const hubSlug = params.get('hub') ?? '';
  const { locale, t } = useI18n();
  const { data: hub } = useHubDetail(hubSlug || undefined);
  const order = useApi<OrderDto>(
    hubSlug ? `${hubPath(hubSlug)}/orders/${encodeURIComponent(orderId)}` : null,
  );
  const o = order.data;
  const state = o ? orderState(o) : undefined;
  const perfs = usePerformances(o ? o.lines.map((l) => ({ hubSlug, id: l.performanceId })) : []);
  // Money that went back (a refund, or a late payment returned) has its return receipt.
  const refunded = o?.payments.some((p) => p.status === 'refunded') ?? false;
  const receipt = useApi<ReceiptDto>(
    o && (state === 'paid' || refunded) ? `${hubPath(hubSlug)}/orders/${o.id}/receipt?lang=${locale}` : null,
  );
  usePageTitle(o ? t('checkout.order.title', { number: o.number }) : undefined);

  // Waiting for the provider's callback: look again every few seconds.
  const reload = order.reload;
  useEffect(() => {
    if (state !== 'pending') return;
    const id = setInterval(reload, 2500);
    return () => clearInterval(id);
  }, [state, reload]);

  if (!hubSlug || (order.error instanceof ApiError && order.error.status === 404)) return <NotFound />;
  if (order.error && !o) return <ErrorNote error={order.error} onRetry={order.reload} />;
  if (!o || !state) return <Loading />;

  const tz = hub?.timeZone ?? 'Asia/Almaty';
  const perf = perfs.get(o.lines[0]?.performanceId ?? '');
  const pending = o.payments.find((p) => p.status === 'pending' && p.redirectUrl);
  const pdf = `/api/v1${hubPath(hubSlug)}/orders/${o.id}/tickets.pdf?lang=${locale}`;
  const again = perf ? `/${hubSlug}/events/${perf.eventSlug}` : `/${hubSlug}/program`;

  return (
    <div className="order">
      <h1>{t('checkout.order.title', { number: o.number })}</h1>
      {perf && (
        <p className="lead">
          <Link to={`/${hubSlug}/events/${perf.eventSlug}`}>
            <Localized text={perf.eventTitle} />
          </Link>{' '}
          · {formatDateTime(new Date(perf.startsAt), locale, tz, 'full', 'short')} ·{' '}
          <Localized text={perf.spaceName} />
        </p>
      )}
      <div
        className={`alert ${state === 'paid' ? 'alert-success' : state === 'pending' ? 'alert-info' : 'alert-error'}`}
        role="status"
        data-testid="order-status"
        data-state={state}
      >
        <p>
          <strong>{t(`checkout.state.${state}`)}</strong> {t(`checkout.state.${state}.text`)}
        </p>
        {state === 'pending' && pending?.redirectUrl && (
          <p>
            <a className="button button-small" href={pending.redirectUrl}>
              {t('checkout.payNow')}
            </a>
          </p>
        )}
        {(state === 'declined' || state === 'expired') && (
          <p>
            <Link className="button button-small" to={again} data-testid="book-again">
              {t('checkout.bookAgain')}
            </Link>
          </p>
        )}
      </div>

      {state === 'paid' && (
        <section aria-labelledby="tickets-title">
          <h2 id="tickets-title">{t('checkout.tickets')}</h2>
          <p className="order-downloads">
            <a className="button" href={pdf} data-testid="tickets-pdf" download={`tickets-${o.number}.pdf`}>
              {t('checkout.pdf')}
            </a>
            {o.buyerEmail && <span className="muted">{t('checkout.sentTo', { email: o.buyerEmail })}</span>}
          </p>
          <ul className="tickets" data-testid="tickets">
            {o.tickets.map((ticket, i) => {
              const line = o.lines.find((l) => l.id === ticket.lineId);
              const p = perfs.get(ticket.performanceId);
              const what =
                ticket.seatId && line
                  ? lineSeatName(locale, line)
                  : localize(line?.categoryName, locale) || line?.category;
              return (
                <li key={ticket.id} className={`ticket ticket-${ticket.status}`} data-testid="ticket">
                  <div className="ticket-text">
                    <h3>{t('checkout.ticket', { n: i + 1 })}</h3>
                    {p && (
                      <p>
                        <Localized text={p.eventTitle} />
                        <br />
                        {formatDateTime(new Date(p.startsAt), locale, tz, 'medium', 'short')}
                      </p>
                    )}
                    <p>
                      <strong>{what}</strong>
                      {line && ticket.seatId && (
                        <span className="muted"> · {localize(line.categoryName, locale)}</span>
                      )}
                    </p>
                    {line && <p className="muted">{formatMoney(line.unitPriceTiyn, locale)}</p>}
                    {ticket.status === 'refunded' && (
                      <p className="avail avail-sold_out">{t('checkout.ticketRefunded')}</p>
                    )}
                    {ticket.status === 'exchanged' && (
                      <p className="avail avail-sold_out">{t('checkout.ticketExchanged')}</p>
                    )}
                  </div>
                  {ticket.status === 'valid' && (
                    <QrCode
                      value={ticket.qr}
                      label={t('checkout.ticketQr', { n: i + 1, what: what ?? '' })}
                      size={180}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{state === 'paid' ? t('checkout.receipt') : t('checkout.lines')}</h2>
        <div className="table-scroll">
          <OrderLines order={o} />
        </div>
        <OrderSavings order={o} />
        <VoucherPayments order={o} />
        {receipt.data && (
          <div className="receipt" data-testid="receipt">
            {receipt.data.fiscal.map((f) => (
              <p key={f.number} className="muted">
                {t('checkout.fiscal', { number: f.number, sign: f.fiscalSign })}
                {f.checkUrl && (
                  <>
                    {' '}
                    <a href={f.checkUrl} rel="noopener noreferrer">
                      {t('checkout.fiscalCheck')}
                    </a>
                  </>
                )}
              </p>
            ))}
            <p className="order-receipt-links">
              <Link to={`/orders/${o.id}/receipt?hub=${hubSlug}`} data-testid="print-receipt">
                {t('checkout.printReceipt')}
              </Link>
              {refunded && (
                <>
                  {' · '}
                  <Link
                    to={`/orders/${o.id}/receipt?hub=${hubSlug}&kind=refund`}
                    data-testid="print-return-receipt"
                  >
                    {t('checkout.printReturnReceipt')}
                  </Link>
                </>
              )}
              {receipt.data.exchanges?.map((x) => (
                <span key={x.id}>
                  {' · '}
                  <Link
                    to={`/orders/${o.id}/receipt?hub=${hubSlug}&kind=exchange&exchange=${x.id}`}
                    data-testid="print-exchange-receipt"
                  >
                    {t('checkout.exchangeReceipt', {
                      when: formatDateTime(new Date(x.at), locale, tz, 'medium', 'short'),
                    })}
                  </Link>
                </span>
              ))}
              {' · '}
              <a
                href={`/api/v1${hubPath(hubSlug)}/orders/${o.id}/receipt?lang=${locale}`}
                data-testid="receipt-link"
              >
                {t('checkout.receiptData')}
              </a>
            </p>
          </div>
        )}
        {o.paidAt && (
          <p className="muted">
            {t('checkout.paidAt', { when: formatDateTime(new Date(o.paidAt), locale, tz) })}
          </p>
        )}
      </section>
      <p>
        <Link to="/my/tickets">{t('checkout.my.title')}</Link> ·{' '}
        <Link to={`/${hubSlug}/program`}>{t('program.title')}</Link>
      </p>
    </div>
  );
}
