// /:hubSlug/waitlist/:id — the link in the mail: where a visitor stands in a waiting list, the
// places held for them when their turn comes, and a way out. The offer mail's link carries a
// token (?offer=…): with it, whoever opens the link may buy the places, signed in as any
// account or as a guest; without it, only the account that joined. Leaving takes the same, or
// the entry's key (?key=…, or kept by the browser that joined): the id alone is not enough.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { HoldDto } from '../../common/api/box-office.ts';
import type { PerformanceDto } from '../../common/api/program.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { ApiError, api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { Countdown } from '../program/Countdown.tsx';
import { seatNameFromId } from '../program/shared.ts';
import { useSession } from '../session/session.tsx';
import { handOverHold, rememberedKey, rememberWaitlist } from './storage.ts';
import type { WaitlistClaimDto, WaitlistEntryDto } from './types.ts';
import '../program/program.css';
import './offers.css';

/** How often a waiting page asks whether its turn has come. */
const POLL_MS = 30_000;

export function WaitlistPage() {
  const { hubSlug = '', id = '' } = useParams();
  const [params] = useSearchParams();
  const offer = params.get('offer') ?? undefined;
  const keyParam = params.get('key') ?? undefined;
  const { locale, t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const { data: hub, error: hubError } = useHubDetail(hubSlug);
  const [remembered] = useState(() => (keyParam ? undefined : rememberedKey(id)));
  const key = keyParam ?? remembered;
  const credentials = new URLSearchParams({
    ...(offer ? { offer } : {}),
    ...(key ? { key } : {}),
  }).toString();
  const query = credentials ? `?${credentials}` : '';
  const entry = useApi<WaitlistEntryDto>(`${base}/waitlist/${encodeURIComponent(id)}${query}`);
  const e = entry.data;
  const perf = useApi<PerformanceDto>(e ? `${base}/performances/${e.performanceId}` : null);
  const hold = useApi<HoldDto>(e?.status === 'offered' && e.holdId ? `${base}/holds/${e.holdId}` : null);
  const [leaving, setLeaving] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [leaveError, setLeaveError] = useState<unknown>(undefined);
  const [claiming, setClaiming] = useState(false);
  const [claimError, setClaimError] = useState<unknown>(undefined);
  const stateRef = useRef<HTMLDivElement>(null);
  const p = perf.data;
  usePageTitle(p ? t('offers.waitlist.pageTitle', { event: localize(p.eventTitle, locale) }) : undefined);

  const reload = entry.reload;
  useEffect(() => {
    if (e?.status !== 'waiting') return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [e?.status, reload]);
  const onOfferOver = useCallback(() => reload(), [reload]);

  if (hubError instanceof ApiError && hubError.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (entry.error instanceof ApiError && entry.error.status === 404)
    return <NotFound message={t('offers.waitlist.notFound')} />;
  if (entry.error) return <ErrorNote error={entry.error} onRetry={entry.reload} />;
  if (!e || !hub || (!p && !perf.error)) return <Loading />;

  async function leave() {
    if (!e) return;
    setLeaving(true);
    setLeaveError(undefined);
    try {
      await api('DELETE', `${base}/waitlist/${e.id}${query}`);
      rememberWaitlist(e.performanceId, undefined);
      setConfirmLeave(false);
      reload();
      // The button pressed is gone: the new state takes the focus.
      stateRef.current?.focus();
    } catch (err) {
      setLeaveError(err);
    } finally {
      setLeaving(false);
    }
  }

  /** Takes the offered places for whoever is here (this account, or a guest), then on to checkout. */
  async function checkout() {
    if (!e?.holdId || claiming) return;
    setClaiming(true);
    setClaimError(undefined);
    try {
      const claim = await api<WaitlistClaimDto>(
        'POST',
        `${base}/waitlist/${e.id}/claim`,
        offer ? { offer } : {},
      );
      handOverHold(claim.performanceId, claim.holdId, user ? undefined : claim.email);
      navigate(`/${hub?.slug ?? hubSlug}/performances/${claim.performanceId}`);
    } catch (err) {
      setClaimError(err);
      reload();
    } finally {
      setClaiming(false);
    }
  }

  const bookingUrl = `/${hub.slug}/performances/${e.performanceId}`;
  const open = e.status === 'waiting' || e.status === 'offered';
  return (
    <article className="waitlist-page" aria-labelledby="waitlist-page-title">
      <p className="eyebrow">{t('offers.waitlist.eyebrow')}</p>
      <h1 id="waitlist-page-title">{p ? <Localized text={p.eventTitle} /> : t('offers.waitlist.title')}</h1>
      {p && (
        <p className="lead">
          {formatDateTime(new Date(p.startsAt), locale, hub.timeZone, 'full', 'short')} ·{' '}
          <Localized text={p.spaceName} />
        </p>
      )}
      <div
        ref={stateRef}
        tabIndex={-1}
        className={`waitlist-state waitlist-${e.status}`}
        data-testid="waitlist-state"
        data-state={e.status}
      >
        {e.status === 'waiting' && (
          <>
            <p className="waitlist-big" data-testid="waitlist-position">
              {t('offers.waitlist.position', { count: e.position ?? 1 })}
            </p>
            <p>{t('offers.waitlist.waitingHint', { email: e.email, count: e.quantity })}</p>
          </>
        )}
        {e.status === 'offered' && (
          <>
            <p className="waitlist-big">{t('offers.waitlist.offered', { count: e.quantity })}</p>
            {e.offerExpiresAt && <Countdown until={e.offerExpiresAt} onZero={onOfferOver} />}
            {hold.data && (
              <ul className="chosen-list" data-testid="waitlist-held">
                {hold.data.items.map((i) => {
                  const area = i.areaId ? p?.areas.find((a) => a.id === i.areaId) : undefined;
                  return (
                    <li key={`${i.seatId ?? i.areaId}`}>
                      {i.seatId
                        ? seatNameFromId(locale, i.seatId, p?.sections)
                        : t('program.gaItem', { area: localize(area?.name, locale), count: i.quantity })}
                    </li>
                  );
                })}
              </ul>
            )}
            {hold.data && (
              <p className="total">
                {t('checkout.total')}: <strong>{formatMoney(hold.data.totalTiyn, locale)}</strong>
              </p>
            )}
            {claimError !== undefined && <ErrorNote error={claimError} />}
            {!e.holdId ? (
              <p data-testid="waitlist-use-mail">{t('offers.waitlist.useMailLink', { email: e.email })}</p>
            ) : user ? (
              <button
                type="button"
                className="button"
                onClick={() => void checkout()}
                disabled={claiming}
                data-testid="waitlist-checkout"
              >
                {t('offers.waitlist.checkout')}
              </button>
            ) : (
              <div className="waitlist-buy-as" data-testid="waitlist-buy-as">
                <p>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void checkout()}
                    disabled={claiming || user === undefined}
                    data-testid="waitlist-checkout"
                  >
                    {t('offers.waitlist.guestCheckout')}
                  </button>{' '}
                  <span className="muted">{t('offers.waitlist.guestHint', { email: e.email })}</span>
                </p>
                <p>
                  <Link
                    to={`/sign-in?next=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}`}
                    data-testid="waitlist-sign-in"
                  >
                    {t('offers.waitlist.signInToBuy')}
                  </Link>
                </p>
              </div>
            )}
          </>
        )}
        {e.status === 'fulfilled' && (
          <>
            <p className="waitlist-big">{t('offers.waitlist.fulfilled')}</p>
            <p>
              <Link to="/my/tickets">{t('offers.waitlist.myTickets')}</Link>
            </p>
          </>
        )}
        {e.status === 'expired' && (
          <>
            <p className="waitlist-big">{t('offers.waitlist.expired')}</p>
            <p>
              <Link to={bookingUrl}>{t('offers.waitlist.again')}</Link>
            </p>
          </>
        )}
        {e.status === 'cancelled' && (
          <>
            <p className="waitlist-big">{t('offers.waitlist.cancelled')}</p>
            <p>
              <Link to={bookingUrl}>{t('offers.waitlist.again')}</Link>
            </p>
          </>
        )}
      </div>
      {leaveError !== undefined && <ErrorNote error={leaveError} />}
      {open && !e.mayLeave && (
        <p className="muted" data-testid="waitlist-leave-how">
          {t('offers.waitlist.leaveHow')}
        </p>
      )}
      {open &&
        e.mayLeave &&
        (confirmLeave ? (
          <div className="waitlist-leave">
            <p id="leave-question">
              {e.status === 'offered'
                ? t('offers.waitlist.leaveOffered')
                : t('offers.waitlist.leaveQuestion')}
            </p>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void leave()}
              disabled={leaving}
              data-testid="waitlist-leave-confirm"
            >
              {t('offers.waitlist.leaveConfirm')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setConfirmLeave(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <p>
            <button
              type="button"
              className="link-button"
              onClick={() => setConfirmLeave(true)}
              data-testid="waitlist-leave"
            >
              {t('offers.waitlist.leave')}
            </button>
          </p>
        ))}
      {p && (
        <p className="breadcrumb">
          <Link to={`/${hub.slug}/events/${p.eventSlug}`}>{t('offers.waitlist.toEvent')}</Link>
        </p>
      )}
    </article>
  );
}
