// Booking one performance: pick seats on the map (or the best available, or places in a
// general-admission area), hold them with a countdown, then check out and pay online.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { HoldDto, OrderDto } from '../../common/api/box-office.ts';
import type { PerformanceDto, SeatDto } from '../../common/api/program.ts';
import type { HubDetailDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { linesInForce } from '../../common/lines-in-force.ts';
import { ApiError, api, get } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkEmail } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { isOfferCodeProblem, isVoucherProblem, offerCodeBody, voucherBody } from '../offers/codes.ts';
import { OfferCodeField } from '../offers/OfferCodeField.tsx';
import { OrderSavings } from '../offers/OrderSavings.tsx';
import { handedOverEmail } from '../offers/storage.ts';
import { VoucherField } from '../offers/VoucherField.tsx';
import { amountDue, VoucherPayments } from '../offers/VoucherPayments.tsx';
import { WaitlistJoin } from '../offers/WaitlistJoin.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { useSession } from '../session/session.tsx';
import { Countdown } from './Countdown.tsx';
import { postWithKey } from './post.ts';
import { SeatMap } from './SeatMap.tsx';
import {
  availabilityKey,
  availabilityOf,
  canBook,
  hubPath,
  lineSeatName,
  newIdempotencyKey,
  seatName,
  seatNameFromId,
} from './shared.ts';
import './program.css';

const holdStorageKey = (perfId: string) => `hold:${perfId}`;

function rememberHold(perfId: string, holdId: string | undefined) {
  try {
    if (holdId) sessionStorage.setItem(holdStorageKey(perfId), holdId);
    else sessionStorage.removeItem(holdStorageKey(perfId));
  } catch {
    // storage can be disabled; the hold then lasts for this page only
  }
}

function storedHold(perfId: string): string | null {
  try {
    return sessionStorage.getItem(holdStorageKey(perfId));
  } catch {
    return null;
  }
}

export function BookingPage() {
  const { hubSlug = '', performanceId = '' } = useParams();
  const { locale, t } = useI18n();
  const { data: hub, error: hubError } = useHubDetail(hubSlug);
  const perf = useApi<PerformanceDto>(
    `${hubPath(hubSlug)}/performances/${encodeURIComponent(performanceId)}`,
  );
  const [hold, setHold] = useState<HoldDto | undefined>(undefined);
  const seatsPath = `${hubPath(hubSlug)}/performances/${encodeURIComponent(performanceId)}/seats${hold ? `?hold=${hold.id}` : ''}`;
  const seats = useApi<SeatDto[]>(perf.data && perf.data.seatCount > 0 ? seatsPath : null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [areaQty, setAreaQty] = useState<Record<string, number>>({});
  const [bestQty, setBestQty] = useState(2);
  const [bestCategory, setBestCategory] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [taken, setTaken] = useState<string[] | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const [order, setOrder] = useState<OrderDto | undefined>(undefined);
  const [nothing, setNothing] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);

  const p = perf.data;
  usePageTitle(p ? t('program.booking.title', { event: localize(p.eventTitle, locale) }) : undefined);

  // A hold made before a reload is picked up again while it lasts.
  useEffect(() => {
    const id = storedHold(performanceId);
    if (!id) return;
    get<HoldDto>(`${hubPath(hubSlug)}/holds/${id}`).then(
      (h) => {
        if (h.status === 'active' && new Date(h.expiresAt).getTime() > Date.now()) setHold(h);
        else rememberHold(performanceId, undefined);
      },
      () => rememberHold(performanceId, undefined),
    );
  }, [hubSlug, performanceId]);

  const onExpired = useCallback(() => {
    setHold(undefined);
    setOrder(undefined);
    setSelected(new Set());
    setExpired(true);
    rememberHold(performanceId, undefined);
    perf.reload();
    statusRef.current?.focus();
  }, [performanceId, perf.reload]);

  if (hubError instanceof ApiError && hubError.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (perf.error instanceof ApiError && perf.error.status === 404) return <NotFound />;
  if (perf.error) return <ErrorNote error={perf.error} onRetry={perf.reload} />;
  if (!p || !hub) return <Loading />;

  const availability = availabilityOf(p);
  const seatList = seats.data ?? [];
  const price = (code: string) => p.prices.find((x) => x.code === code);
  const areaTotal = Object.values(areaQty).reduce((n, q) => n + q, 0);
  const chosenTotal =
    [...selected].reduce((n, id) => {
      const s = seatList.find((x) => x.id === id);
      return n + (s ? (price(s.category)?.priceTiyn ?? 0) : 0);
    }, 0) + p.areas.reduce((n, a) => n + (areaQty[a.id] ?? 0) * (price(a.category)?.priceTiyn ?? 0), 0);

  function toggle(seat: SeatDto) {
    setTaken(undefined);
    setExpired(false);
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(seat.id)) next.delete(seat.id);
      else next.add(seat.id);
      return next;
    });
  }

  async function requestHold(body: unknown) {
    setBusy(true);
    setError(undefined);
    setTaken(undefined);
    setExpired(false);
    try {
      const h = await api<HoldDto>('POST', `${hubPath(hubSlug)}/performances/${performanceId}/holds`, body);
      setHold(h);
      rememberHold(performanceId, h.id);
      setSelected(new Set());
      setAreaQty({});
      perf.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'seat_taken' && p && p.seatCount > 0) {
        // Read the map again and name the chosen seats that are no longer free.
        const fresh = await get<SeatDto[]>(`${hubPath(hubSlug)}/performances/${performanceId}/seats`).catch(
          () => undefined,
        );
        if (fresh) {
          seats.setData(fresh);
          const gone = [...selected].filter((id) => fresh.find((s) => s.id === id)?.status !== 'available');
          setTaken(gone.map((id) => seatNameFromId(locale, id, p.sections)));
          setSelected((prev) => new Set([...prev].filter((id) => !gone.includes(id))));
        } else setError(e);
      } else setError(e);
      perf.reload();
    } finally {
      setBusy(false);
      statusRef.current?.focus();
    }
  }

  function holdChosen(e: React.FormEvent) {
    e.preventDefault();
    const areas = Object.entries(areaQty)
      .filter(([, q]) => q > 0)
      .map(([areaId, quantity]) => ({ areaId, quantity }));
    if (selected.size === 0 && areas.length === 0) {
      setError(undefined);
      setTaken(undefined);
      setNothing(true);
      return;
    }
    setNothing(false);
    void requestHold({
      ...(selected.size ? { seats: [...selected] } : {}),
      ...(areas.length ? { areas } : {}),
    });
  }

  async function release() {
    if (!hold) return;
    setBusy(true);
    try {
      await api('DELETE', `${hubPath(hubSlug)}/holds/${hold.id}`);
    } catch {
      // an expired or already released hold is gone anyway
    }
    const back = hold.items.filter((i) => i.seatId).map((i) => i.seatId as string);
    setHold(undefined);
    setOrder(undefined);
    rememberHold(performanceId, undefined);
    setSelected(new Set(back));
    setBusy(false);
    perf.reload();
  }

  const when = formatDateTime(new Date(p.startsAt), locale, hub.timeZone, 'full', 'short');
  const eventUrl = `/${hub.slug}/events/${p.eventSlug}`;

  return (
    <div className="booking">
      <p className="breadcrumb">
        <Link to={eventUrl}>
          <Localized text={p.eventTitle} />
        </Link>
      </p>
      <h1 id="booking-title">
        <Localized text={p.eventTitle} />
      </h1>
      <p className="lead booking-when">
        {when} · <Localized text={p.spaceName} />
      </p>
      <p>
        <span className={`avail avail-${availability}`} data-testid="availability">
          {t(availabilityKey(availability))}
        </span>
      </p>

      <div ref={statusRef} tabIndex={-1} className="booking-status" data-testid="booking-status">
        {taken && taken.length > 0 && (
          <div className="alert alert-error" role="alert" data-testid="seats-taken">
            <p>{t('program.hold.taken', { seats: taken.join('; ') })}</p>
          </div>
        )}
        {expired && (
          <div className="alert alert-error" role="alert" data-testid="hold-expired">
            <p>{t('program.hold.expired')}</p>
          </div>
        )}
        {nothing && (
          <div className="alert alert-error" role="alert">
            <p>{t('program.hold.nothing')}</p>
          </div>
        )}
        {error !== undefined && <ErrorNote error={error} />}
      </div>

      {hold ? (
        <HeldSeats
          hub={hub}
          perf={p}
          hold={hold}
          order={order}
          onOrder={setOrder}
          onExpired={onExpired}
          onRelease={release}
          busy={busy}
        />
      ) : !canBook(availability) ? (
        <>
          {availability === 'sold_out' && <WaitlistJoin hubSlug={hub.slug} performance={p} />}
          <p>
            <Link to={eventUrl}>{t('program.booking.otherDates')}</Link>
          </p>
        </>
      ) : (
        <form className="booking-choose" onSubmit={holdChosen} noValidate data-testid="choose-form">
          {p.seatCount > 0 && (
            <section aria-labelledby="seatmap-title">
              <h2 id="seatmap-title">{t('program.seatMap')}</h2>
              {seats.error ? (
                <ErrorNote error={seats.error} onRetry={seats.reload} />
              ) : !seats.data ? (
                <Loading />
              ) : (
                <SeatMap
                  seats={seatList}
                  prices={p.prices}
                  sections={p.sections}
                  selected={selected}
                  onToggle={toggle}
                  label={t('program.seatMap.label', { event: localize(p.eventTitle, locale) })}
                />
              )}
            </section>
          )}
          {p.areas.length > 0 && (
            <fieldset className="ga-areas">
              <legend>{t('program.ga.title')}</legend>
              {p.areas.map((a) => {
                const cat = price(a.category);
                const max = Math.max(0, Math.min(20, a.available));
                return (
                  <div className="field ga-area" key={a.id}>
                    <label htmlFor={`area-${a.id}`}>
                      <Localized text={a.name} />
                      {cat ? ` — ${formatMoney(cat.priceTiyn, locale)}` : ''}{' '}
                      <span className="muted">
                        ({t('program.ga.left', { count: Math.max(0, a.available) })})
                      </span>
                    </label>
                    <input
                      id={`area-${a.id}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={max}
                      value={areaQty[a.id] ?? 0}
                      disabled={max === 0}
                      data-testid={`area-qty-${a.id}`}
                      onChange={(e) => {
                        const v = Math.max(0, Math.min(max, Math.floor(Number(e.target.value) || 0)));
                        setAreaQty((q) => ({ ...q, [a.id]: v }));
                      }}
                    />
                  </div>
                );
              })}
            </fieldset>
          )}
          <section className="booking-summary" aria-labelledby="chosen-title">
            <h2 id="chosen-title">{t('program.selected.title')}</h2>
            {selected.size === 0 && areaTotal === 0 ? (
              <p className="muted">{t('program.selected.none')}</p>
            ) : (
              <ul className="chosen-list" data-testid="chosen-list">
                {[...selected].map((id) => {
                  const s = seatList.find((x) => x.id === id);
                  const c = s ? price(s.category) : undefined;
                  return (
                    <li key={id}>
                      <span>
                        {s ? seatName(locale, s, p.sections) : id}
                        {c ? ` — ${formatMoney(c.priceTiyn, locale)}` : ''}
                      </span>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => s && toggle(s)}
                        aria-label={t('program.selected.remove', {
                          seat: s ? seatName(locale, s, p.sections) : id,
                        })}
                      >
                        {t('program.selected.removeShort')}
                      </button>
                    </li>
                  );
                })}
                {p.areas
                  .filter((a) => (areaQty[a.id] ?? 0) > 0)
                  .map((a) => (
                    <li key={a.id}>
                      {t('program.gaItem', { area: localize(a.name, locale), count: areaQty[a.id] ?? 0 })}
                    </li>
                  ))}
              </ul>
            )}
            {chosenTotal > 0 && (
              <p className="total">
                {t('checkout.total')}: <strong>{formatMoney(chosenTotal, locale)}</strong>
              </p>
            )}
            <button type="submit" className="button" disabled={busy} data-testid="hold-submit">
              {busy ? t('program.hold.busy') : t('program.hold.submit')}
            </button>
          </section>
          {p.seatCount > 0 && (
            <fieldset className="best-form" data-testid="best-form">
              <legend>{t('program.best.title')}</legend>
              <div className="form-row">
                <div className="field">
                  <label htmlFor="best-qty">{t('program.best.quantity')}</label>
                  <input
                    id="best-qty"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={20}
                    value={bestQty}
                    onChange={(e) =>
                      setBestQty(Math.max(1, Math.min(20, Math.floor(Number(e.target.value) || 1))))
                    }
                  />
                </div>
                {p.prices.length > 1 && (
                  <div className="field">
                    <label htmlFor="best-category">{t('program.best.category')}</label>
                    <select
                      id="best-category"
                      value={bestCategory}
                      onChange={(e) => setBestCategory(e.target.value)}
                    >
                      <option value="">{t('program.best.anyCategory')}</option>
                      {p.prices.map((c) => (
                        <option key={c.code} value={c.code}>
                          {localize(c.name, locale) || c.code} — {formatMoney(c.priceTiyn, locale)}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </div>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                data-testid="best-submit"
                onClick={() =>
                  void requestHold({
                    best: { quantity: bestQty, ...(bestCategory ? { category: bestCategory } : {}) },
                  })
                }
              >
                {t('program.best.submit')}
              </button>
            </fieldset>
          )}
        </form>
      )}
    </div>
  );
}

function HeldSeats({
  hub,
  perf,
  hold,
  order,
  onOrder,
  onExpired,
  onRelease,
  busy,
}: {
  hub: HubDetailDto;
  perf: PerformanceDto;
  hold: HoldDto;
  order: OrderDto | undefined;
  onOrder: (o: OrderDto) => void;
  onExpired: () => void;
  onRelease: () => void;
  busy: boolean;
}) {
  const { locale, t } = useI18n();
  const price = (code: string) => perf.prices.find((x) => x.code === code);
  const until = order?.paymentDueAt ?? hold.expiresAt;
  return (
    <section className="held" aria-labelledby="held-title" data-testid="held">
      <h2 id="held-title">{t('program.hold.title')}</h2>
      <Countdown until={until} onZero={onExpired} />
      <ul className="chosen-list" data-testid="held-list">
        {hold.items.map((i) => {
          const c = price(i.category);
          const area = i.areaId ? perf.areas.find((a) => a.id === i.areaId) : undefined;
          return (
            <li key={`${i.seatId ?? i.areaId}`}>
              {i.seatId
                ? seatNameFromId(locale, i.seatId, perf.sections)
                : t('program.gaItem', { area: localize(area?.name, locale), count: i.quantity })}
              {c ? ` — ${formatMoney(c.priceTiyn * i.quantity, locale)}` : ''}
              {c && <span className="muted"> · {localize(c.name, locale) || c.code}</span>}
            </li>
          );
        })}
      </ul>
      <p className="total">
        {t('checkout.total')}: <strong data-testid="hold-total">{formatMoney(hold.totalTiyn, locale)}</strong>
      </p>
      {!order && (
        <button
          type="button"
          className="link-button"
          onClick={onRelease}
          disabled={busy}
          data-testid="release-hold"
        >
          {t('program.hold.release')}
        </button>
      )}
      <Checkout hub={hub} hold={hold} order={order} onOrder={onOrder} />
    </section>
  );
}

function Checkout({
  hub,
  hold,
  order,
  onOrder,
}: {
  hub: HubDetailDto;
  hold: HoldDto;
  order: OrderDto | undefined;
  onOrder: (o: OrderDto) => void;
}) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  // A guest sent here from a waiting-list offer buys with the email the offer went to.
  const [email, setEmail] = useState(user?.email ?? handedOverEmail(hold.performanceId) ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [offerCode, setOfferCode] = useState('');
  const [voucherCode, setVoucherCode] = useState('');
  const [redirecting, setRedirecting] = useState(false);
  const key = useRef<string | undefined>(undefined);
  const form = useForm<'email' | 'name'>();

  useEffect(() => {
    if (user) {
      setEmail((e) => e || user.email);
      setName((n) => n || user.name);
    }
  }, [user]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (form.busy) return;
    await form.submit({ email: email.trim() || !user ? checkEmail(email.trim()) : undefined }, async () => {
      // One key per attempt: a double click or a retried request finds the same order.
      key.current ??= newIdempotencyKey();
      try {
        const o = await placeOrder(key.current);
        onOrder(o);
        if (o.status === 'paid') navigate(`/orders/${o.id}?hub=${hub.slug}`);
      } catch (err) {
        key.current = undefined;
        throw err;
      }
    });
  }

  function placeOrder(idempotencyKey: string): Promise<OrderDto> {
    return postWithKey<OrderDto>(`${hubPath(hub.slug)}/orders`, idempotencyKey, {
      holdId: hold.id,
      buyer: {
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      },
      payment: { provider: 'sandbox', method: 'card' },
      locale,
      ...offerCodeBody(offerCode),
      ...voucherBody(voucherCode),
    });
  }

  if (order) {
    const redirect = order.payments.find((p) => p.redirectUrl)?.redirectUrl;
    return (
      <section className="checkout-review" aria-labelledby="review-title" data-testid="checkout-review">
        <h2 id="review-title">{t('checkout.summary', { number: order.number })}</h2>
        <OrderLines order={order} />
        <OrderSavings order={order} />
        <VoucherPayments order={order} />
        <p className="muted">{t('checkout.payHint')}</p>
        {redirect ? (
          <a
            className="button"
            href={redirect}
            data-testid="pay"
            onClick={() => setRedirecting(true)}
            aria-disabled={redirecting || undefined}
          >
            {redirecting
              ? t('checkout.paying')
              : t('checkout.pay', { amount: formatMoney(amountDue(order), locale) })}
          </a>
        ) : (
          <Link className="button" to={`/orders/${order.id}?hub=${hub.slug}`}>
            {t('checkout.openOrder')}
          </Link>
        )}
      </section>
    );
  }

  return (
    <form className="form checkout" onSubmit={onSubmit} noValidate data-testid="checkout-form">
      <h2>{t('checkout.title')}</h2>
      <FormAlert
        error={isOfferCodeProblem(form.error) || isVoucherProblem(form.error) ? undefined : form.error}
        hasFieldErrors={form.hasFieldErrors || isOfferCodeProblem(form.error) || isVoucherProblem(form.error)}
      />
      {!user && (
        <p className="muted">
          <Link to={`/sign-in?next=${encodeURIComponent(window.location.pathname)}`}>
            {t('checkout.signInHint')}
          </Link>
        </p>
      )}
      <Field
        label={t('checkout.email')}
        name="email"
        type="email"
        autoComplete="email"
        required={!user}
        hint={t('checkout.emailHint')}
        value={email}
        onChange={setEmail}
        error={form.fieldError('email')}
      />
      <Field
        label={t('checkout.name')}
        name="name"
        autoComplete="name"
        value={name}
        onChange={setName}
        maxLength={100}
        error={form.fieldError('name')}
      />
      <OfferCodeField value={offerCode} onChange={setOfferCode} error={form.error} />
      <VoucherField hubSlug={hub.slug} value={voucherCode} onChange={setVoucherCode} error={form.error} />
      <p className="muted">{t('checkout.vatIncluded')}</p>
      <button type="submit" className="button" disabled={form.busy} data-testid="checkout-submit">
        {form.busy ? t('checkout.placing') : t('checkout.continue')}
      </button>
    </form>
  );
}

/** Order lines with VAT per line and the totals. */
export function OrderLines({ order }: { order: OrderDto }) {
  const { locale, t } = useI18n();
  return (
    // On a phone the lines scroll sideways inside their own box, not the whole page.
    <TableWrap label={t('checkout.lines')}>
      <table className="order-lines" data-testid="order-lines">
        <caption className="visually-hidden">{t('checkout.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('checkout.col.item')}</th>
            <th scope="col" className="num">
              {t('checkout.col.price')}
            </th>
            <th scope="col" className="num">
              {t('checkout.col.vat')}
            </th>
          </tr>
        </thead>
        <tbody>
          {linesInForce(order).map((l) => (
            <tr key={l.id}>
              <td>
                {l.seatId ? lineSeatName(locale, l) : localize(l.categoryName, locale) || l.category}
                {l.seatId && (
                  <span className="muted"> · {localize(l.categoryName, locale) || l.category}</span>
                )}
              </td>
              <td className="num">{formatMoney(l.unitPriceTiyn, locale)}</td>
              <td className="num">
                {formatMoney(l.vatTiyn, locale)}{' '}
                <span className="muted">({t('checkout.vatRate', { rate: l.vatRateBp / 100 })})</span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('checkout.total')}</th>
            <td className="num" data-testid="order-total">
              <strong>{formatMoney(order.totalTiyn, locale)}</strong>
            </td>
            <td className="num">{t('checkout.vatTotal', { amount: formatMoney(order.vatTiyn, locale) })}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
