import { type FormEvent, useId, useRef, useState } from 'react';
import type { OrderDto } from '../../common/api/box-office.ts';
import type { ExchangeDto } from '../../common/api/exchanges.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { api, get } from '../api/client.ts';
import { ErrorNote } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { VoucherPayments } from '../offers/VoucherPayments.tsx';
import { lineSeatName } from '../program/shared.ts';
import { recentOrders } from './Desk.tsx';
import { ExchangePanel } from './ExchangePanel.tsx';
import { receiptUrl, ticketsPdfUrl } from './SoldPanel.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Lookup = { kind: 'id'; id: string } | { kind: 'number'; number: number } | { kind: 'invalid' };

/** An order reference as typed at the desk: its id, or its number ("12", "№ 12", "#12"). */
export function resolveOrderRef(text: string): Lookup {
  const s = text.trim();
  if (UUID.test(s)) return { kind: 'id', id: s.toLowerCase() };
  const m = /^(?:№|#|no\.?)?\s*(\d{1,10})$/i.exec(s);
  if (m) {
    const n = Number(m[1]);
    // Sold at this desk: known at once; otherwise the hub's orders are searched by number.
    const known = recentOrders().find((o) => o.number === n);
    return known ? { kind: 'id', id: known.id } : { kind: 'number', number: n };
  }
  return { kind: 'invalid' };
}

export function RefundPanel({ hubSlug, timeZone }: { hubSlug: string; timeZone: string }) {
  const { locale, t } = useI18n();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const [ref, setRef] = useState('');
  const [refError, setRefError] = useState<'unknownNumber' | 'invalid' | undefined>(undefined);
  const [order, setOrder] = useState<OrderDto | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [exchanging, setExchanging] = useState(false);
  const [exchanged, setExchanged] = useState<ExchangeDto | undefined>(undefined);
  const refId = useId();
  const reasonId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setDone(false);
    setExchanging(false);
    setExchanged(undefined);
    setOrder(undefined);
    const lookup = resolveOrderRef(ref);
    if (lookup.kind === 'invalid') {
      setRefError(lookup.kind);
      return;
    }
    setRefError(undefined);
    setBusy(true);
    try {
      if (lookup.kind === 'id') setOrder(await get<OrderDto>(`${base}/orders/${lookup.id}`));
      else {
        const [found] = await get<OrderDto[]>(`${base}/orders?number=${lookup.number}`);
        if (found) setOrder(found);
        else setRefError('unknownNumber');
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const refund = async (e: FormEvent) => {
    e.preventDefault();
    if (!order || busy) return;
    if (!reason.trim()) {
      setReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setReasonMissing(false);
    setBusy(true);
    setError(undefined);
    try {
      setOrder(await api<OrderDto>('POST', `${base}/orders/${order.id}/refund`, { reason: reason.trim() }));
      setDone(true);
      setExchanged(undefined);
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const recent = recentOrders().slice(0, 5);
  const given = new Set(order?.tickets.filter((tk) => tk.status === 'exchanged').map((tk) => tk.lineId));
  const canExchange = order?.status === 'paid' && order.tickets.some((tk) => tk.status === 'valid');

  return (
    <section
      className={`refund${exchanging ? ' refund-wide' : ''}`}
      aria-labelledby="refund-heading"
      data-testid="refund-panel"
    >
      <h2 id="refund-heading" className="desk-h2">
        {t('desk.refund.title')}
      </h2>
      <form className="refund-find" onSubmit={find} noValidate>
        <div className={`field${refError ? ' field-invalid' : ''}`}>
          <label htmlFor={refId}>{t('desk.refund.orderRef')}</label>
          <p className="field-hint" id={`${refId}-hint`}>
            {t('desk.refund.orderRefHint')}
          </p>
          <input
            id={refId}
            type="text"
            value={ref}
            autoComplete="off"
            aria-invalid={refError ? true : undefined}
            aria-describedby={`${refId}-hint${refError ? ` ${refId}-error` : ''}`}
            onChange={(e) => setRef(e.target.value)}
            data-testid="refund-ref"
          />
          {refError && (
            <p className="field-error" id={`${refId}-error`}>
              {refError === 'unknownNumber' ? t('desk.refund.unknownNumber') : t('desk.refund.invalidRef')}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="refund-find">
          {t('desk.refund.find')}
        </button>
      </form>
      {recent.length > 0 && !order && (
        <p className="refund-recent">
          {t('desk.refund.recent')}{' '}
          {recent.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              <button type="button" className="link-button" onClick={() => setRef(String(o.number))}>
                № {o.number}
              </button>
            </span>
          ))}
        </p>
      )}
      {error ? <ErrorNote error={error} /> : null}
      {order && (
        <div className="refund-order" data-testid="refund-order">
          <h3>
            {t('desk.refund.order', { number: order.number })}{' '}
            <span className={`status-badge status-${order.status}`} data-testid="refund-status">
              {t(`desk.status.${order.status}`)}
            </span>
          </h3>
          <p className="field-hint">
            {formatDateTime(new Date(order.createdAt), locale, timeZone)}
            {order.buyerEmail ? ` · ${order.buyerEmail}` : ''}
            {order.buyerName ? ` · ${order.buyerName}` : ''}
          </p>
          <ul className="cart-lines">
            {order.lines.map((l) => (
              <li key={l.id} className={given.has(l.id) ? 'line-exchanged' : undefined}>
                <span>
                  {l.seatId ? lineSeatName(locale, l) : localize(l.categoryName, locale)}
                  <span className="cart-cat"> · {localize(l.categoryName, locale)}</span>
                  {given.has(l.id) && <span className="line-tag"> · {t('desk.exchange.tag')}</span>}
                </span>
                <span className="cart-amount">
                  {l.complimentary ? t('desk.free') : formatMoney(l.unitPriceTiyn, locale)}
                </span>
              </li>
            ))}
          </ul>
          <p className="cart-total">
            <span>{t('desk.total')}</span>
            <strong>{formatMoney(order.totalTiyn, locale)}</strong>
          </p>
          <p className="cart-vat">{t('desk.vatAmount', { amount: formatMoney(order.vatTiyn, locale) })}</p>
          <VoucherPayments order={order} refunding />
          {order.payments.length > 1 && !order.payments.some((p) => p.provider === 'voucher') && (
            <ul
              className="refund-payments"
              aria-label={t('desk.exchange.payments')}
              data-testid="order-payments"
            >
              {order.payments.map((p) => (
                <li key={p.id}>
                  {p.method === 'cash' || p.method === 'card' ? t(`desk.method.${p.method}`) : p.method}{' '}
                  {formatMoney(p.amountTiyn, locale)}
                </li>
              ))}
            </ul>
          )}
          {exchanged && (
            <div className="alert alert-success" role="status" data-testid="exchange-done">
              <p>
                {t('desk.exchange.done', { count: exchanged.issuedTickets.length, number: order.number })}{' '}
                {exchanged.differenceTiyn === 0
                  ? t('desk.exchange.doneEven')
                  : t(
                      exchanged.differenceTiyn > 0
                        ? 'desk.exchange.donePaid'
                        : 'desk.exchange.doneHandedBack',
                      {
                        amount: formatMoney(Math.abs(exchanged.differenceTiyn), locale),
                        method: t(`desk.method.${exchanged.method ?? 'cash'}`),
                      },
                    )}
              </p>
              <p>
                <a
                  className="button button-secondary"
                  href={ticketsPdfUrl(hubSlug, order.id, locale)}
                  target="_blank"
                  rel="noopener"
                  data-testid="exchange-print"
                >
                  {t('desk.print')}
                </a>{' '}
                <a
                  className="button button-secondary"
                  href={receiptUrl(hubSlug, order.id, 'exchange', exchanged.id)}
                  target="_blank"
                  rel="noopener"
                  data-testid="print-exchange-receipt"
                >
                  {t('desk.exchange.printReceipt')}
                </a>
              </p>
            </div>
          )}
          {done && (
            <div className="alert alert-success" role="status" data-testid="refund-done">
              <p>{t('desk.refund.done', { number: order.number })}</p>
              <p>
                <a
                  className="button button-small"
                  href={receiptUrl(hubSlug, order.id, 'refund')}
                  target="_blank"
                  rel="noopener"
                  data-testid="print-return-receipt"
                >
                  {t('desk.printReturnReceipt')}
                </a>
              </p>
            </div>
          )}
          {exchanging ? (
            <ExchangePanel
              hubSlug={hubSlug}
              timeZone={timeZone}
              order={order}
              onCancel={() => setExchanging(false)}
              onDone={(next, x) => {
                setOrder(next);
                setExchanged(x);
                setExchanging(false);
              }}
            />
          ) : order.status === 'paid' ? (
            <form className="form" onSubmit={refund} noValidate>
              <div className={`field${reasonMissing ? ' field-invalid' : ''}`}>
                <label htmlFor={reasonId}>{t('desk.refund.reason')}</label>
                <textarea
                  id={reasonId}
                  ref={reasonRef}
                  rows={2}
                  maxLength={500}
                  value={reason}
                  aria-invalid={reasonMissing || undefined}
                  aria-describedby={reasonMissing ? `${reasonId}-error` : undefined}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="refund-reason"
                />
                {reasonMissing && (
                  <p className="field-error" id={`${reasonId}-error`} data-testid="refund-reason-error">
                    {t('desk.refund.reasonRequired')}
                  </p>
                )}
              </div>
              <div className="pay-buttons">
                <button
                  type="submit"
                  className="button button-danger"
                  disabled={busy}
                  data-testid="refund-submit"
                >
                  {t('desk.refund.submit', { amount: formatMoney(order.totalTiyn, locale) })}
                </button>
                {canExchange && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => {
                      setDone(false);
                      setExchanged(undefined);
                      setError(undefined);
                      setExchanging(true);
                    }}
                    data-testid="exchange-start"
                  >
                    {t('desk.exchange.start')}
                  </button>
                )}
                <a
                  className="button button-secondary"
                  href={ticketsPdfUrl(hubSlug, order.id, locale)}
                  target="_blank"
                  rel="noopener"
                >
                  {t('desk.print')}
                </a>
              </div>
            </form>
          ) : (
            !done && <p className="field-hint">{t('desk.refund.notRefundable')}</p>
          )}
        </div>
      )}
    </section>
  );
}
