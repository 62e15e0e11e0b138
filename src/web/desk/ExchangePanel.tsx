import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { HoldDto, OrderDto } from '../../common/api/box-office.ts';
import type { ExchangeDto, ExchangeResultDto } from '../../common/api/exchanges.ts';
import type { PerformanceDto, SeatDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { exchangePrices } from '../../common/exchange-prices.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote } from '../components/Status.tsx';
import { useI18n } from '../i18n/locale.tsx';
import { lineSeatName, seatName, seatNameFromId } from '../program/shared.ts';
import { KEYS, useLatest } from './Desk.tsx';
import { postWithKey } from './keyed.ts';
import { PerformancePicker, todayIn } from './PerformancePicker.tsx';
import { Stepper } from './SalePanel.tsx';
import { SeatMap } from './SeatMap.tsx';

interface Props {
  hubSlug: string;
  timeZone: string;
  order: OrderDto;
  onDone: (order: OrderDto, exchange: ExchangeDto) => void;
  onCancel: () => void;
}

/** "Row A, seat 2" from a seat id "<section>-<row>-<number>". */
/**
 * Exchanging tickets of a found order: tick the tickets given back, pick the performance
 * (the same one to start with) and the new seats or places, see the difference, and confirm
 * with cash or card (F8 / F9) or, when the prices match, at no charge. Esc gives the held
 * places back, then leaves.
 */
export function ExchangePanel({ hubSlug, timeZone, order, onDone, onCancel }: Props) {
  const { locale, t } = useI18n();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const valid = order.tickets.filter((tk) => tk.status === 'valid');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(valid.length === 1 ? [valid[0]?.id ?? ''] : []),
  );
  const [targetId, setTargetId] = useState(valid[0]?.performanceId);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [areaQty, setAreaQty] = useState<Record<string, number>>({});
  const [bestQty, setBestQty] = useState(0);
  const [hold, setHold] = useState<HoldDto | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const key = useRef(crypto.randomUUID());
  const inFlight = useRef(false);
  const reasonId = useId();

  const { data: program } = useApi<PerformanceDto[]>(`${base}/program?from=${todayIn(timeZone)}`);
  const { data: loaded } = useApi<PerformanceDto>(targetId ? `${base}/performances/${targetId}` : null);
  const target = loaded?.id === targetId ? loaded : undefined;
  const seatsPath =
    target && target.seatCount > 0
      ? `${base}/performances/${target.id}/seats${hold ? `?hold=${hold.id}` : ''}`
      : null;
  const { data: seats, reload: reloadSeats } = useApi<SeatDto[]>(seatsPath);
  const perfById = useMemo(() => new Map((program ?? []).map((p) => [p.id, p])), [program]);
  const price = useMemo(() => new Map((target?.prices ?? []).map((p) => [p.code, p])), [target]);
  const seatById = useMemo(() => new Map((seats ?? []).map((s) => [s.id, s])), [seats]);
  const lineById = new Map(order.lines.map((l) => [l.id, l]));

  const given = valid.filter((tk) => chosen.has(tk.id));
  const givenLines = given.flatMap((tk) => lineById.get(tk.lineId) ?? []);
  const returnedTiyn = givenLines.reduce((n, l) => n + l.unitPriceTiyn, 0);
  // The new places with their list prices: from the hold once there is one, else from the choice.
  const newPlaces: { key: string; what: string; list: number }[] = hold
    ? hold.items.flatMap((i) => {
        const seat = i.seatId ? seatById.get(i.seatId) : undefined;
        const area = target?.areas.find((a) => a.id === i.areaId);
        const what = seat
          ? seatName(locale, seat, target?.sections)
          : i.seatId
            ? seatNameFromId(locale, i.seatId, target?.sections)
            : localize(area?.name, locale);
        return Array.from({ length: i.quantity }, (_, n) => ({
          key: `${i.seatId ?? i.areaId}-${n}`,
          what,
          list: price.get(i.category)?.priceTiyn ?? 0,
        }));
      })
    : [
        ...[...picked].map((id) => {
          const seat = seatById.get(id);
          return {
            key: id,
            what: seat
              ? seatName(locale, seat, target?.sections)
              : seatNameFromId(locale, id, target?.sections),
            list: price.get(seat?.category ?? '')?.priceTiyn ?? 0,
          };
        }),
        ...(target?.areas ?? []).flatMap((a) =>
          Array.from({ length: areaQty[a.id] ?? 0 }, (_, n) => ({
            key: `${a.id}-${n}`,
            what: localize(a.name, locale),
            list: price.get(a.category)?.priceTiyn ?? 0,
          })),
        ),
      ];
  const wanted = hold ? newPlaces.length : newPlaces.length + bestQty;
  const newPrices = exchangePrices(
    givenLines,
    newPlaces.map((p) => p.list),
  );
  const issuedTiyn = newPrices.reduce((n, p) => n + p.unitPriceTiyn, 0);
  // Best-available seats have a price only once held.
  const known = hold !== undefined || bestQty === 0;
  const difference = issuedTiyn - returnedTiyn;
  const ready = given.length > 0 && wanted === given.length;

  const toggleTicket = (id: string) => {
    if (hold) return;
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const toggleSeat = (s: SeatDto) => {
    if (hold) return;
    const next = new Set(picked);
    if (next.has(s.id)) next.delete(s.id);
    else next.add(s.id);
    setPicked(next);
  };
  const resetChoice = () => {
    setPicked(new Set());
    setAreaQty({});
    setBestQty(0);
  };

  const fail = (e: unknown) => {
    setError(e);
    if (e instanceof ApiError && (e.code === 'seat_taken' || e.code === 'sold_out')) {
      setPicked(new Set());
      reloadSeats();
    }
    if (e instanceof ApiError && e.code === 'hold_expired') {
      setHold(undefined);
      reloadSeats();
    }
  };

  const makeHold = async (): Promise<HoldDto | undefined> => {
    if (!target) return undefined;
    const body: {
      seats?: string[];
      areas?: { areaId: string; quantity: number }[];
      best?: { quantity: number };
    } = {};
    if (picked.size) body.seats = [...picked];
    const areas = target.areas.flatMap((a) =>
      (areaQty[a.id] ?? 0) > 0 ? [{ areaId: a.id, quantity: areaQty[a.id] ?? 0 }] : [],
    );
    if (areas.length) body.areas = areas;
    if (bestQty > 0) body.best = { quantity: bestQty };
    const h = await api<HoldDto>('POST', `${base}/performances/${target.id}/holds`, body);
    setHold(h);
    resetChoice();
    return h;
  };

  const run = async (work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      fail(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const holdNow = () =>
    run(async () => {
      if (!hold && wanted > 0) await makeHold();
    });

  const confirm = (method: 'cash' | 'card') => {
    if (!ready || !known) return;
    if (!reason.trim()) {
      setReasonMissing(true);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonMissing(false);
    // A second press while the first is on its way does nothing; a retry after an error reuses
    // the Idempotency-Key, so the server still makes one exchange.
    void run(async () => {
      const h = hold ?? (await makeHold());
      if (!h) return;
      const result = await postWithKey<ExchangeResultDto>(
        `${base}/orders/${order.id}/exchanges`,
        {
          tickets: given.map((tk) => tk.id),
          holdId: h.id,
          reason: reason.trim(),
          ...(difference !== 0 ? { payment: { method } } : {}),
        },
        key.current,
      );
      key.current = crypto.randomUUID();
      setHold(undefined);
      onDone(result.order, result.exchange);
    });
  };

  const cancel = async () => {
    if (inFlight.current) return;
    setError(undefined);
    if (hold) {
      const id = hold.id;
      setHold(undefined);
      key.current = crypto.randomUUID();
      await api<void>('DELETE', `${base}/holds/${id}`).catch(() => {});
      reloadSeats();
    } else onCancel();
  };

  const actions = useLatest({ confirm, cancel });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === KEYS.cash || e.key === KEYS.card) {
        e.preventDefault();
        actions.current.confirm(e.key === KEYS.cash ? 'cash' : 'card');
      } else if (e.key === KEYS.clear && !e.defaultPrevented) {
        void actions.current.cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  const perfLabel = (id: string) => {
    const p = perfById.get(id) ?? (target?.id === id ? target : undefined);
    return p
      ? `${localize(p.eventTitle, locale)}, ${formatDateTime(new Date(p.startsAt), locale, timeZone)}`
      : '';
  };
  const closed = target !== undefined && target.status !== 'on_sale';
  const money = (n: number) => formatMoney(n, locale);
  const confirmLabel = (method: 'cash' | 'card') =>
    difference > 0
      ? t(method === 'cash' ? 'desk.exchange.takeCash' : 'desk.exchange.takeCard', {
          amount: money(difference),
        })
      : t(method === 'cash' ? 'desk.exchange.giveCash' : 'desk.exchange.giveCard', {
          amount: money(-difference),
        });

  return (
    <section className="exchange" aria-labelledby="exchange-heading" data-testid="exchange-panel">
      <h3 id="exchange-heading">{t('desk.exchange.title', { number: order.number })}</h3>
      <p className="field-hint">{t('desk.exchange.intro')}</p>
      <div className="exchange-grid">
        <div className="exchange-from">
          <fieldset className="exchange-tickets">
            <legend>{t('desk.exchange.giveBack')}</legend>
            {valid.map((tk) => {
              const line = lineById.get(tk.lineId);
              return (
                <label key={tk.id} className="exchange-ticket">
                  <input
                    type="checkbox"
                    checked={chosen.has(tk.id)}
                    disabled={busy || hold !== undefined}
                    onChange={() => toggleTicket(tk.id)}
                    data-testid="exchange-ticket"
                    data-seat-id={tk.seatId ?? ''}
                  />
                  <span>
                    <strong>
                      {tk.seatId && line ? lineSeatName(locale, line) : localize(line?.categoryName, locale)}
                    </strong>
                    <span className="cart-cat"> · {line ? money(line.unitPriceTiyn) : ''}</span>
                    <span className="exchange-perf">{perfLabel(tk.performanceId)}</span>
                  </span>
                </label>
              );
            })}
          </fieldset>
          <h4 className="exchange-step">{t('desk.exchange.target')}</h4>
          <PerformancePicker
            hubSlug={hubSlug}
            timeZone={timeZone}
            selectedId={targetId}
            onPick={(p) => {
              if (hold || p.id === targetId) return;
              resetChoice();
              setTargetId(p.id);
            }}
            testId="exchange-picker"
          />
        </div>
        <div className="exchange-to">
          <h4 className="exchange-step">
            {t('desk.exchange.places')}
            {target ? ` · ${perfLabel(target.id)}` : ''}
          </h4>
          <p className="field-hint" data-testid="exchange-count">
            {given.length === 0
              ? t('desk.exchange.pickTickets')
              : t('desk.exchange.choose', { count: given.length, chosen: wanted })}
          </p>
          {closed && (
            <div className="alert alert-error" role="alert">
              <p>{target?.status === 'cancelled' ? t('desk.cancelled') : t('desk.salesClosed')}</p>
            </div>
          )}
          {target && seats && seats.length > 0 && (
            <SeatMap
              seats={seats}
              prices={target.prices}
              picked={picked}
              held={new Set(hold?.items.flatMap((i) => (i.seatId ? [i.seatId] : [])) ?? [])}
              onToggle={toggleSeat}
              disabled={busy || closed || hold !== undefined}
            />
          )}
          <div className="sale-quantities">
            {target?.areas.map((a) => (
              <div className="qty-row" key={a.id}>
                <label htmlFor={`exchange-area-${a.id}`}>
                  <span className="qty-name">{localize(a.name, locale)}</span>
                  <span className="qty-meta">
                    {money(price.get(a.category)?.priceTiyn ?? 0)} ·{' '}
                    {t('desk.placesLeft', { count: a.available })}
                  </span>
                </label>
                <Stepper
                  id={`exchange-area-${a.id}`}
                  value={areaQty[a.id] ?? 0}
                  max={Math.min(20, a.available)}
                  disabled={busy || closed || hold !== undefined}
                  onChange={(v) => setAreaQty({ ...areaQty, [a.id]: v })}
                  testId={`exchange-area-qty-${a.id}`}
                />
              </div>
            ))}
            {target && target.seatCount > 0 && (
              <div className="qty-row">
                <label htmlFor="exchange-best">
                  <span className="qty-name">{t('desk.best')}</span>
                  <span className="qty-meta">{t('desk.bestHint')}</span>
                </label>
                <Stepper
                  id="exchange-best"
                  value={bestQty}
                  max={Math.min(20, target.seatsAvailable)}
                  disabled={busy || closed || hold !== undefined}
                  onChange={setBestQty}
                  testId="exchange-best-qty"
                />
              </div>
            )}
          </div>

          <div className="cart exchange-sum" aria-live="polite" data-testid="exchange-sum">
            <p className="cart-total">
              <span>{t('desk.exchange.givenBack', { count: given.length })}</span>
              <span>{money(returnedTiyn)}</span>
            </p>
            <ul className="cart-lines">
              {newPlaces.map((p, i) => (
                <li key={p.key}>
                  <span>{p.what}</span>
                  <span className="cart-amount">{money(newPrices[i]?.unitPriceTiyn ?? p.list)}</span>
                </li>
              ))}
              {!hold && bestQty > 0 && (
                <li>
                  <span>{t('desk.line.best', { count: bestQty })}</span>
                  <span className="cart-amount">—</span>
                </li>
              )}
            </ul>
            <p className="cart-total">
              <span>{t('desk.exchange.newTotal')}</span>
              <span>{known ? money(issuedTiyn) : '—'}</span>
            </p>
            <p className="cart-total exchange-difference">
              <strong data-testid="exchange-difference">
                {!ready
                  ? given.length === 0
                    ? t('desk.exchange.pickTickets')
                    : t('desk.exchange.choose', { count: given.length, chosen: wanted })
                  : !known
                    ? t('desk.totalAfterHold')
                    : difference > 0
                      ? t('desk.exchange.pays', { amount: money(difference) })
                      : difference < 0
                        ? t('desk.exchange.handBack', { amount: money(-difference) })
                        : t('desk.exchange.even')}
              </strong>
            </p>
            {!hold && wanted > 0 && (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => void holdNow()}
                disabled={busy || closed}
                data-testid="exchange-hold"
              >
                {t('desk.hold')}
              </button>
            )}
          </div>

          <div className={`field${reasonMissing ? ' field-invalid' : ''}`}>
            <label htmlFor={reasonId}>{t('desk.exchange.reason')}</label>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={500}
              value={reason}
              aria-invalid={reasonMissing || undefined}
              aria-describedby={reasonMissing ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
              data-testid="exchange-reason"
            />
            {reasonMissing && (
              <p className="field-error" id={`${reasonId}-error`} data-testid="exchange-reason-error">
                {t('desk.exchange.reasonRequired')}
              </p>
            )}
          </div>
          {error ? <ErrorNote error={error} /> : null}
          <div className="pay-buttons">
            {known && ready && difference === 0 ? (
              <button
                type="button"
                className="button pay-button"
                onClick={() => confirm('cash')}
                disabled={busy || closed || !ready}
                aria-keyshortcuts={KEYS.cash}
                data-testid="exchange-confirm"
              >
                <span>{t('desk.exchange.confirm')}</span>
                <kbd>{KEYS.cash}</kbd>
              </button>
            ) : (
              (['cash', 'card'] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  className="button pay-button"
                  onClick={() => confirm(m)}
                  disabled={busy || closed || !ready || !known}
                  aria-keyshortcuts={m === 'cash' ? KEYS.cash : KEYS.card}
                  data-testid={`exchange-${m}`}
                >
                  <span>
                    {known && ready ? confirmLabel(m) : t(m === 'cash' ? 'desk.payCash' : 'desk.payCard')}
                  </span>
                  <kbd>{m === 'cash' ? KEYS.cash : KEYS.card}</kbd>
                </button>
              ))
            )}
            <button
              type="button"
              className="button button-secondary pay-button"
              onClick={() => void cancel()}
              disabled={busy}
              aria-keyshortcuts="Escape"
              data-testid="exchange-cancel"
            >
              <span>{hold ? t('desk.release') : t('desk.exchange.cancel')}</span>
              <kbd>Esc</kbd>
            </button>
          </div>
          {busy && (
            <p className="loading" role="status">
              {t('desk.working')}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
