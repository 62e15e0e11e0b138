// One performance's seats in the back office: hold seats back (house, press, guests, broken)
// and release them.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PerformanceDto, SeatDto } from '../../../common/api/program.ts';
import { localize } from '../../../common/content.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { ErrorNote, Loading, Notice } from '../../components/Status.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/locale.tsx';
import { NotFound } from '../../pages/NotFound.tsx';
import { SeatMap, type SeatView } from '../../program/SeatMap.tsx';
import { hubPath, seatName } from '../../program/shared.ts';
import { useBackOffice } from '../context.ts';

const REASONS = ['house', 'press', 'guest', 'broken'] as const;

export function PerformanceSeats() {
  const { performanceId = '' } = useParams();
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const perf = useApi<PerformanceDto>(`${hubPath(hub.slug)}/performances/${performanceId}`);
  const seats = useApi<SeatDto[]>(`${hubPath(hub.slug)}/performances/${performanceId}/seats`);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState<(typeof REASONS)[number]>('house');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string>();
  const p = perf.data;
  usePageTitle(p ? `${localize(p.eventTitle, locale)} · ${t('program.bo.block.title')}` : undefined);

  if (perf.error instanceof ApiError && perf.error.status === 404) return <NotFound />;
  if (perf.error) return <ErrorNote error={perf.error} onRetry={perf.reload} />;
  if (!p) return <Loading />;

  const list = seats.data ?? [];
  const chosen = list.filter((s) => selected.has(s.id));
  const toBlock = chosen.filter((s) => s.status === 'available');
  const toRelease = chosen.filter((s) => s.status === 'blocked');
  const view = (s: SeatDto): SeatView => (selected.has(s.id) ? 'selected' : s.status);

  async function act(kind: 'block' | 'unblock') {
    const targets = kind === 'block' ? toBlock : toRelease;
    if (targets.length === 0) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const updated = await api<SeatDto[]>(
        'POST',
        `${hubPath(hub.slug)}/performances/${performanceId}/${kind === 'block' ? 'blocks' : 'unblock'}`,
        kind === 'block' ? { seats: targets.map((s) => s.id), reason } : { seats: targets.map((s) => s.id) },
      );
      seats.setData(updated);
      setSelected(new Set());
      const names = targets.map((s) => seatName(locale, s, p?.sections)).join('; ');
      setDone(
        kind === 'block'
          ? t('program.bo.block.done', { seats: names })
          : t('program.bo.block.released', { seats: names }),
      );
      perf.reload();
    } catch (e) {
      setError(e);
      seats.reload();
    } finally {
      setBusy(false);
    }
  }

  const base = `/back-office/${hub.slug}/program`;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`${base}/events/${p.eventSlug}`}>{localize(p.eventTitle, locale)}</Link>
      </p>
      <h1>{t('program.bo.block.title')}</h1>
      <p className="lead">
        {localize(p.eventTitle, locale)} ·{' '}
        {formatDateTime(new Date(p.startsAt), locale, hub.timeZone, 'full', 'short')} ·{' '}
        {localize(p.spaceName, locale)}
      </p>
      <p>
        {p.seatCount > 0 && t('program.bo.perf.seatsLeft', { count: p.seatsAvailable, total: p.seatCount })}
        {p.areas.map((a) => (
          <span key={a.id}>
            {' '}
            · {localize(a.name, locale)}: {a.available}/{a.capacity}
          </span>
        ))}
      </p>
      {p.seatCount === 0 ? (
        <p>{t('program.bo.block.noMap')}</p>
      ) : (
        <>
          <p>{t('program.bo.block.help')}</p>
          {error !== undefined && <ErrorNote error={error} />}
          {done && <Notice>{done}</Notice>}
          {seats.error ? (
            <ErrorNote error={seats.error} onRetry={seats.reload} />
          ) : !seats.data ? (
            <Loading />
          ) : (
            <SeatMap
              seats={list}
              prices={p.prices}
              sections={p.sections}
              selected={selected}
              viewOf={view}
              selectable={(s) => s.status === 'available' || s.status === 'blocked'}
              statusText={(s) => (selected.has(s.id) ? t('program.seat.selected') : undefined)}
              onToggle={(s) =>
                setSelected((prev) => {
                  const next = new Set(prev);
                  if (next.has(s.id)) next.delete(s.id);
                  else next.add(s.id);
                  return next;
                })
              }
              label={t('program.seatMap.label', { event: localize(p.eventTitle, locale) })}
            />
          )}
          <div className="block-actions" data-testid="block-actions">
            <p aria-live="polite">
              {chosen.length === 0
                ? t('program.selected.none')
                : chosen.map((s) => seatName(locale, s, p.sections)).join('; ')}
            </p>
            <div className="form-row">
              <div className="field">
                <label htmlFor="block-reason">{t('program.bo.block.reason')}</label>
                <select
                  id="block-reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}
                  data-testid="block-reason"
                >
                  {REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`program.bo.block.reason.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="bo-actions">
              <button
                type="button"
                className="button"
                disabled={busy || toBlock.length === 0}
                onClick={() => void act('block')}
                data-testid="block-submit"
              >
                {t('program.bo.block.submit', { count: toBlock.length })}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy || toRelease.length === 0}
                onClick={() => void act('unblock')}
                data-testid="unblock-submit"
              >
                {t('program.bo.block.release', { count: toRelease.length })}
              </button>
            </div>
          </div>
        </>
      )}
    </>
  );
}
