import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { HoldDto, OrderDto } from '../../common/api/box-office.ts';
import type { PerformanceDto, SeatDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatMoney, formatTime } from '../../common/format.ts';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { useBackOffice } from '../back-office/context.ts';
import { ErrorNote } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { isVoucherProblem, offerCodeBody, voucherBody } from '../offers/codes.ts';
import { DeskCodeField } from '../offers/DeskCodeField.tsx';
import { DeskVoucherField } from '../offers/DeskVoucherField.tsx';
import { QuoteLine } from '../offers/QuoteLine.tsx';
import { type CartItem, useQuote } from '../offers/useQuote.ts';
import { seatName } from '../program/shared.ts';
import { KEYS, useLatest } from './Desk.tsx';
import { postWithKey } from './keyed.ts';
import { SeatMap } from './SeatMap.tsx';

interface Props {
  hubSlug: string;
  performance: PerformanceDto;
  onSold: (order: OrderDto) => void;
  /** availability changed (a hold made or given back): the performance's counts are stale */
  onChanged: () => void;
}

type Method = 'cash' | 'card';

function newKey(): string {
  return crypto.randomUUID();
}

/** Seconds left until a time, never below zero; ticks every second while mounted. */
function useSecondsLeft(until: string | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.round((Date.parse(until) - now) / 1000)) : undefined;
}

export function SalePanel({ hubSlug, performance, onSold, onChanged }: Props) {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [areaQty, setAreaQty] = useState<Record<string, number>>({});
  const [bestQty, setBestQty] = useState(0);
  const [hold, setHold] = useState<HoldDto | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [email, setEmail] = useState('');
  const [buyerName, setBuyerName] = useState('');
  const [offerCode, setOfferCode] = useState('');
  const [voucherCode, setVoucherCode] = useState('');
  const [compOpen, setCompOpen] = useState(false);
  const [compReason, setCompReason] = useState('');
  const [compError, setCompError] = useState(false);
  const saleKey = useRef(newKey());
  const inFlight = useRef(false);
  const compField = useId();
  const emailField = useId();
  const nameField = useId();

  const seatsPath =
    performance.seatCount > 0
      ? `${base}/performances/${performance.id}/seats${hold ? `?hold=${hold.id}` : ''}`
      : null;
  const { data: seats, reload: reloadSeats } = useApi<SeatDto[]>(seatsPath);
  const price = useMemo(() => new Map(performance.prices.map((p) => [p.code, p])), [performance.prices]);
  const seatById = useMemo(() => new Map((seats ?? []).map((s) => [s.id, s])), [seats]);
  const heldSeats = useMemo(
    () => new Set((hold?.items ?? []).flatMap((i) => (i.seatId ? [i.seatId] : []))),
    [hold],
  );
  const secondsLeft = useSecondsLeft(hold?.expiresAt);

  const areaCount = Object.values(areaQty).reduce((n, q) => n + q, 0);
  const count = hold ? hold.items.reduce((n, i) => n + i.quantity, 0) : picked.size + areaCount + bestQty;
  // Prices include VAT; before a hold exists the total is known except for best-available seats.
  const selectionTotal =
    [...picked].reduce((n, id) => n + (price.get(seatById.get(id)?.category ?? '')?.priceTiyn ?? 0), 0) +
    performance.areas.reduce((n, a) => n + (areaQty[a.id] ?? 0) * (price.get(a.category)?.priceTiyn ?? 0), 0);
  const listTotal = hold ? hold.totalTiyn : selectionTotal;
  const totalKnown = hold !== undefined || bestQty === 0;
  // What the typed card or code does to this cart, before the sale (best-available seats are
  // priced once held).
  const quoted = useMemo<CartItem[]>(
    () =>
      hold
        ? hold.items
        : bestQty > 0
          ? []
          : [
              ...[...picked].map((id) => ({ category: seatById.get(id)?.category ?? '', quantity: 1 })),
              ...performance.areas.map((a) => ({ category: a.category, quantity: areaQty[a.id] ?? 0 })),
            ].filter((i) => i.category && i.quantity > 0),
    [hold, bestQty, picked, seatById, performance.areas, areaQty],
  );
  const quote = useQuote(hubSlug, performance.id, quoted, offerCode);
  const total = quote.quote ? quote.quote.totalTiyn : listTotal;

  const resetSelection = () => {
    setPicked(new Set());
    setAreaQty({});
    setBestQty(0);
  };

  const makeHold = async (): Promise<HoldDto> => {
    const body: {
      seats?: string[];
      areas?: { areaId: string; quantity: number }[];
      best?: { quantity: number };
    } = {};
    if (picked.size) body.seats = [...picked];
    const areas = performance.areas.flatMap((a) =>
      (areaQty[a.id] ?? 0) > 0 ? [{ areaId: a.id, quantity: areaQty[a.id] ?? 0 }] : [],
    );
    if (areas.length) body.areas = areas;
    if (bestQty > 0) body.best = { quantity: bestQty };
    const h = await api<HoldDto>('POST', `${base}/performances/${performance.id}/holds`, body);
    setHold(h);
    resetSelection();
    onChanged();
    return h;
  };

  const fail = (e: unknown) => {
    setError(e);
    if (e instanceof ApiError && (e.code === 'seat_taken' || e.code === 'sold_out')) {
      setPicked(new Set());
      reloadSeats();
      onChanged();
    }
    if (e instanceof ApiError && e.code === 'hold_expired') {
      setHold(undefined);
      reloadSeats();
      onChanged();
    }
  };

  /** Holds what is chosen (if not held yet), so best-available seats and the exact total show before paying. */
  const holdNow = async () => {
    if (inFlight.current || hold || count === 0) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await makeHold();
    } catch (e) {
      fail(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const pay = async (method: Method, complimentary?: string) => {
    // A second press while the first is on its way does nothing; a retry after an error
    // reuses the same Idempotency-Key, so the server still makes at most one order.
    if (inFlight.current || count === 0) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const h = hold ?? (await makeHold());
      const buyer: { email?: string; name?: string } = {};
      if (email.trim()) buyer.email = email.trim();
      if (buyerName.trim()) buyer.name = buyerName.trim();
      const order = await postWithKey<OrderDto>(
        `${base}/orders`,
        {
          holdId: h.id,
          buyer,
          payment: { provider: 'desk', method },
          ...(complimentary
            ? { complimentary: { reason: complimentary } }
            : { ...offerCodeBody(offerCode), ...voucherBody(voucherCode) }),
          locale,
        },
        saleKey.current,
      );
      saleKey.current = newKey();
      setHold(undefined);
      onChanged();
      onSold(order);
    } catch (e) {
      fail(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const issueComplimentary = () => {
    if (!compOpen) {
      setCompOpen(true);
      requestAnimationFrame(() => document.getElementById(compField)?.focus());
      return;
    }
    if (!compReason.trim()) {
      setCompError(true);
      document.getElementById(compField)?.focus();
      return;
    }
    setCompError(false);
    void pay('cash', compReason.trim());
  };

  const clear = async () => {
    if (inFlight.current) return;
    setError(undefined);
    setCompOpen(false);
    if (hold) {
      const id = hold.id;
      setHold(undefined);
      saleKey.current = newKey();
      await api<void>('DELETE', `${base}/holds/${id}`).catch(() => {});
      reloadSeats();
      onChanged();
    } else resetSelection();
  };

  const actions = useLatest({ pay, issueComplimentary, clear, compOpen });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = actions.current;
      if (e.key === KEYS.cash) {
        e.preventDefault();
        void a.pay('cash');
      } else if (e.key === KEYS.card) {
        e.preventDefault();
        void a.pay('card');
      } else if (e.key === KEYS.complimentary) {
        e.preventDefault();
        a.issueComplimentary();
      } else if (e.key === KEYS.clear && !e.defaultPrevented) {
        void a.clear();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  // An expired hold is gone on the server too: start over rather than fail at payment.
  useEffect(() => {
    if (secondsLeft === 0 && hold) {
      setHold(undefined);
      saleKey.current = newKey();
      reloadSeats();
      onChanged();
    }
  }, [secondsLeft, hold, reloadSeats, onChanged]);

  const toggleSeat = (s: SeatDto) => {
    if (hold) return;
    const next = new Set(picked);
    if (next.has(s.id)) next.delete(s.id);
    else next.add(s.id);
    setPicked(next);
  };

  const closed = performance.status !== 'on_sale';
  const lines = hold
    ? hold.items.map((i) => {
        const seat = i.seatId ? seatById.get(i.seatId) : undefined;
        const area = i.areaId ? performance.areas.find((a) => a.id === i.areaId) : undefined;
        const cat = price.get(i.category);
        return {
          key: `${i.seatId ?? i.areaId}`,
          what: seat
            ? seatName(locale, seat, performance.sections)
            : area
              ? `${localize(area.name, locale)} × ${i.quantity}`
              : (i.seatId ?? ''),
          category: cat ? localize(cat.name, locale) : i.category,
          amount: (cat?.priceTiyn ?? 0) * i.quantity,
        };
      })
    : [
        ...[...picked].map((id) => {
          const seat = seatById.get(id);
          const cat = price.get(seat?.category ?? '');
          return {
            key: id,
            what: seat ? seatName(locale, seat, performance.sections) : id,
            category: cat ? localize(cat.name, locale) : '',
            amount: cat?.priceTiyn ?? 0,
          };
        }),
        ...performance.areas.flatMap((a) => {
          const q = areaQty[a.id] ?? 0;
          const cat = price.get(a.category);
          return q > 0
            ? [
                {
                  key: a.id,
                  what: `${localize(a.name, locale)} × ${q}`,
                  category: cat ? localize(cat.name, locale) : a.category,
                  amount: q * (cat?.priceTiyn ?? 0),
                },
              ]
            : [];
        }),
        ...(bestQty > 0
          ? [{ key: 'best', what: t('desk.line.best', { count: bestQty }), category: '', amount: -1 }]
          : []),
      ];

  return (
    <div className="sale" data-testid="sale-panel">
      {closed && (
        <div className="alert alert-error" role="alert">
          <p>{performance.status === 'cancelled' ? t('desk.cancelled') : t('desk.salesClosed')}</p>
        </div>
      )}
      <div className="sale-pick">
        {seats && seats.length > 0 && (
          <SeatMap
            seats={seats}
            prices={performance.prices}
            sections={performance.sections}
            picked={picked}
            held={heldSeats}
            onToggle={toggleSeat}
            disabled={busy || closed || hold !== undefined}
          />
        )}
        <div className="sale-quantities">
          {performance.areas.map((a) => {
            const cat = price.get(a.category);
            const q = areaQty[a.id] ?? 0;
            const inputId = `area-${a.id}`;
            return (
              <div className="qty-row" key={a.id} data-testid="area-row">
                <label htmlFor={inputId}>
                  <span className="qty-name">{localize(a.name, locale)}</span>
                  <span className="qty-meta">
                    {cat ? formatMoney(cat.priceTiyn, locale) : ''} ·{' '}
                    {t('desk.placesLeft', { count: a.available })}
                  </span>
                </label>
                <Stepper
                  id={inputId}
                  value={q}
                  max={Math.min(20, a.available)}
                  disabled={busy || closed || hold !== undefined}
                  onChange={(v) => setAreaQty({ ...areaQty, [a.id]: v })}
                  testId={`area-qty-${a.id}`}
                />
              </div>
            );
          })}
          {performance.seatCount > 0 && (
            <div className="qty-row" data-testid="best-row">
              <label htmlFor="best-qty">
                <span className="qty-name">{t('desk.best')}</span>
                <span className="qty-meta">{t('desk.bestHint')}</span>
              </label>
              <Stepper
                id="best-qty"
                value={bestQty}
                max={Math.min(20, performance.seatsAvailable)}
                disabled={busy || closed || hold !== undefined}
                onChange={setBestQty}
                testId="best-qty"
              />
            </div>
          )}
        </div>
      </div>

      <div className="cart" aria-live="polite" data-testid="cart">
        <h3>{t('desk.cart')}</h3>
        {lines.length === 0 ? (
          <p className="cart-empty">{t('desk.cartEmpty')}</p>
        ) : (
          <ul className="cart-lines">
            {lines.map((l) => (
              <li key={l.key}>
                <span>
                  {l.what}
                  {l.category && <span className="cart-cat"> · {l.category}</span>}
                </span>
                <span className="cart-amount">{l.amount >= 0 ? formatMoney(l.amount, locale) : '—'}</span>
              </li>
            ))}
          </ul>
        )}
        {quote.quote?.applied && <QuoteLine quote={quote.quote} />}
        <p className="cart-total">
          <span>{t('desk.total')}</span>
          <span>
            {quote.quote && quote.quote.discountTiyn > 0 && (
              <s className="cart-list-total" data-testid="cart-list-total">
                {formatMoney(quote.quote.listTotalTiyn, locale)}
              </s>
            )}{' '}
            <strong data-testid="cart-total">{totalKnown ? formatMoney(total, locale) : '—'}</strong>
          </span>
        </p>
        <p className="cart-vat">{totalKnown ? t('desk.vatIncluded') : t('desk.totalAfterHold')}</p>
        {hold && secondsLeft !== undefined && (
          <p className="cart-hold" data-testid="hold-timer">
            {t('desk.heldUntil', {
              time: formatTime(new Date(hold.expiresAt), locale, hub.timeZone),
              left: `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}`,
            })}
          </p>
        )}
        {!hold && count > 0 && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void holdNow()}
            disabled={busy || closed}
            data-testid="hold"
          >
            {t('desk.hold')}
          </button>
        )}
      </div>

      <details className="buyer">
        <summary>{t('desk.buyer')}</summary>
        <div className="form-row">
          <div className="field">
            <label htmlFor={emailField}>
              {t('desk.buyerEmail')} <span className="optional">{t('common.optional')}</span>
            </label>
            <input
              id={emailField}
              type="email"
              value={email}
              autoComplete="off"
              onChange={(e) => setEmail(e.target.value)}
              data-testid="buyer-email"
            />
          </div>
          <div className="field">
            <label htmlFor={nameField}>
              {t('desk.buyerName')} <span className="optional">{t('common.optional')}</span>
            </label>
            <input
              id={nameField}
              type="text"
              value={buyerName}
              autoComplete="off"
              onChange={(e) => setBuyerName(e.target.value)}
              data-testid="buyer-name"
            />
          </div>
        </div>
        <p className="field-hint">{t('desk.buyerHint')}</p>
      </details>

      <DeskCodeField
        hubSlug={hubSlug}
        timeZone={hub.timeZone}
        value={offerCode}
        onChange={setOfferCode}
        error={quote.error}
        disabled={busy || closed}
      />

      <DeskVoucherField
        hubSlug={hubSlug}
        timeZone={hub.timeZone}
        value={voucherCode}
        onChange={setVoucherCode}
        totalTiyn={totalKnown && !offerCode.trim() ? total : undefined}
        error={error}
        disabled={busy || closed}
      />

      {error && !isVoucherProblem(error) ? <ErrorNote error={error} /> : null}

      {compOpen && (
        <div className={`field comp-reason${compError ? ' field-invalid' : ''}`}>
          <label htmlFor={compField}>{t('desk.compReason')}</label>
          <input
            id={compField}
            type="text"
            value={compReason}
            maxLength={200}
            aria-invalid={compError || undefined}
            aria-describedby={compError ? `${compField}-error` : undefined}
            onChange={(e) => setCompReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                issueComplimentary();
              }
            }}
            data-testid="comp-reason"
          />
          {compError && (
            <p className="field-error" id={`${compField}-error`}>
              {t('desk.compReasonRequired')}
            </p>
          )}
        </div>
      )}

      <div className="pay-buttons">
        <button
          type="button"
          className="button pay-button"
          onClick={() => void pay('cash')}
          disabled={busy || closed || count === 0}
          aria-keyshortcuts={KEYS.cash}
          data-testid="pay-cash"
        >
          <span>{t('desk.payCash')}</span>
          <kbd>{KEYS.cash}</kbd>
        </button>
        <button
          type="button"
          className="button pay-button"
          onClick={() => void pay('card')}
          disabled={busy || closed || count === 0}
          aria-keyshortcuts={KEYS.card}
          data-testid="pay-card"
        >
          <span>{t('desk.payCard')}</span>
          <kbd>{KEYS.card}</kbd>
        </button>
        <button
          type="button"
          className="button button-secondary pay-button"
          onClick={issueComplimentary}
          disabled={busy || closed || count === 0}
          aria-keyshortcuts={KEYS.complimentary}
          data-testid="pay-comp"
        >
          <span>{compOpen ? t('desk.compConfirm') : t('desk.complimentary')}</span>
          <kbd>{KEYS.complimentary}</kbd>
        </button>
        <button
          type="button"
          className="button button-secondary pay-button"
          onClick={() => void clear()}
          disabled={busy || (count === 0 && !compOpen)}
          aria-keyshortcuts="Escape"
          data-testid="sale-clear"
        >
          <span>{hold ? t('desk.release') : t('desk.clear')}</span>
          <kbd>Esc</kbd>
        </button>
      </div>
      {busy && (
        <p className="loading" role="status">
          {t('desk.working')}
        </p>
      )}
    </div>
  );
}

export function Stepper({
  id,
  value,
  max,
  disabled,
  onChange,
  testId,
}: {
  id: string;
  value: number;
  max: number;
  disabled: boolean;
  onChange: (v: number) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const clamp = (v: number) => Math.max(0, Math.min(max, Number.isFinite(v) ? Math.trunc(v) : 0));
  return (
    <span className="stepper">
      <button
        type="button"
        className="stepper-button"
        onClick={() => onChange(clamp(value - 1))}
        disabled={disabled || value <= 0}
        aria-label={t('desk.less')}
        aria-controls={id}
      >
        −
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(clamp(Number(e.target.value)))}
        onFocus={(e) => e.target.select()}
        data-testid={testId}
      />
      <button
        type="button"
        className="stepper-button"
        onClick={() => onChange(clamp(value + 1))}
        disabled={disabled || value >= max}
        aria-label={t('desk.more')}
        aria-controls={id}
      >
        +
      </button>
    </span>
  );
}
