// Adding a date to an event: the space, start and end on the hub's wall clock, prices,
// general-admission areas and a seat map of the space.
import { useId, useState } from 'react';
import type { SeatMapDto } from '../../../common/api/program.ts';
import { localize } from '../../../common/content.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import {
  draftOf,
  isBlank,
  type LocalizedDraft,
  LocalizedFields,
  textOf,
} from '../../components/LocalizedFields.tsx';
import { Notice } from '../../components/Status.tsx';
import { useForm } from '../../components/useForm.ts';
import { useI18n } from '../../i18n/locale.tsx';
import { fromLocalInput, hubPath } from '../../program/shared.ts';
import { useBackOffice } from '../context.ts';

interface PriceRow {
  key: number;
  code: string;
  name: LocalizedDraft;
  amount: string;
}
interface AreaRow {
  key: number;
  name: LocalizedDraft;
  category: string;
  capacity: string;
}

let rowKey = 0;
const newPrice = (code = ''): PriceRow => ({ key: ++rowKey, code, name: draftOf(undefined), amount: '' });
const newArea = (category = ''): AreaRow => ({
  key: ++rowKey,
  name: draftOf(undefined),
  category,
  capacity: '',
});

export function PerformanceForm({ eventSlug, onCreated }: { eventSlug: string; onCreated: () => void }) {
  const { locale, t } = useI18n();
  const { hub } = useBackOffice();
  const id = useId();
  const [space, setSpace] = useState(hub.spaces[0]?.slug ?? '');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [holdMinutes, setHoldMinutes] = useState('10');
  const [prices, setPrices] = useState<PriceRow[]>(() => [newPrice('A')]);
  const [areas, setAreas] = useState<AreaRow[]>([]);
  const [seatMapId, setSeatMapId] = useState('');
  const [done, setDone] = useState(false);
  const maps = useApi<SeatMapDto[]>(space ? `${hubPath(hub.slug)}/spaces/${space}/seat-maps` : null);
  const form = useForm<'starts' | 'ends' | 'prices' | 'capacity'>();

  const tiyn = (s: string) => Math.round(Number(s.replace(',', '.').replace(/\s/g, '')) * 100);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setDone(false);
    const startsAt = fromLocalInput(starts, hub.timeZone);
    const endsAt = fromLocalInput(ends, hub.timeZone);
    const badPrice = prices.some(
      (p) => !/^[A-Za-z0-9_-]{1,20}$/.test(p.code) || !(tiyn(p.amount) >= 0) || p.amount.trim() === '',
    );
    await form.submit(
      {
        starts: startsAt ? undefined : { key: 'validation.required' },
        ends: !endsAt
          ? { key: 'validation.required' }
          : startsAt && endsAt <= startsAt
            ? { key: 'program.bo.perf.endAfterStart' }
            : undefined,
        prices: badPrice || prices.length === 0 ? { key: 'program.bo.perf.priceInvalid' } : undefined,
        capacity: !seatMapId && areas.length === 0 ? { key: 'program.bo.perf.needCapacity' } : undefined,
      },
      async () => {
        await api('POST', `${hubPath(hub.slug)}/events/${eventSlug}/performances`, {
          space,
          startsAt,
          endsAt,
          holdMinutes: Number(holdMinutes) || 10,
          prices: prices.map((p) => ({
            code: p.code,
            name: isBlank(p.name) ? { en: p.code } : textOf(p.name),
            priceTiyn: tiyn(p.amount),
          })),
          ...(areas.length
            ? {
                areas: areas.map((a) => ({
                  name: isBlank(a.name) ? { en: a.category } : textOf(a.name),
                  category: a.category || prices[0]?.code || 'A',
                  capacity: Math.max(0, Math.floor(Number(a.capacity) || 0)),
                })),
              }
            : {}),
          ...(seatMapId ? { seatMapId } : {}),
        });
        setDone(true);
        onCreated();
      },
    );
  }

  return (
    <form className="form perf-form" onSubmit={onSubmit} noValidate data-testid="performance-form">
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      {done && <Notice>{t('program.bo.perf.created')}</Notice>}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-space`}>{t('program.bo.perf.space')}</label>
          <select
            id={`${id}-space`}
            name="space"
            value={space}
            onChange={(e) => {
              setSpace(e.target.value);
              setSeatMapId('');
            }}
          >
            {hub.spaces.map((s) => (
              <option key={s.id} value={s.slug}>
                {localize(s.name, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${form.fieldError('starts') ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-starts`}>{t('program.bo.perf.starts', { tz: hub.timeZone })}</label>
          <input
            id={`${id}-starts`}
            name="startsAt"
            type="datetime-local"
            value={starts}
            onChange={(e) => setStarts(e.target.value)}
            aria-invalid={form.fieldError('starts') ? true : undefined}
          />
          {form.fieldError('starts') && <p className="field-error">{form.fieldError('starts')}</p>}
        </div>
        <div className={`field${form.fieldError('ends') ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-ends`}>{t('program.bo.perf.ends', { tz: hub.timeZone })}</label>
          <input
            id={`${id}-ends`}
            name="endsAt"
            type="datetime-local"
            value={ends}
            onChange={(e) => setEnds(e.target.value)}
            aria-invalid={form.fieldError('ends') ? true : undefined}
          />
          {form.fieldError('ends') && <p className="field-error">{form.fieldError('ends')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-hold`}>{t('program.bo.perf.holdMinutes')}</label>
          <input
            id={`${id}-hold`}
            name="holdMinutes"
            type="number"
            min={1}
            max={120}
            value={holdMinutes}
            onChange={(e) => setHoldMinutes(e.target.value)}
          />
        </div>
      </div>

      <fieldset className={form.fieldError('prices') ? 'field-invalid' : undefined}>
        <legend>{t('program.bo.perf.prices')}</legend>
        {form.fieldError('prices') && <p className="field-error">{form.fieldError('prices')}</p>}
        {prices.map((p, i) => (
          <div className="price-row" key={p.key} data-testid="price-row">
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${id}-code-${p.key}`}>{t('program.bo.perf.priceCode')}</label>
                <input
                  id={`${id}-code-${p.key}`}
                  name={`price-code-${i}`}
                  value={p.code}
                  maxLength={20}
                  onChange={(e) =>
                    setPrices((ps) => ps.map((x) => (x.key === p.key ? { ...x, code: e.target.value } : x)))
                  }
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-amount-${p.key}`}>{t('program.bo.perf.priceAmount')}</label>
                <input
                  id={`${id}-amount-${p.key}`}
                  name={`price-amount-${i}`}
                  inputMode="decimal"
                  value={p.amount}
                  onChange={(e) =>
                    setPrices((ps) => ps.map((x) => (x.key === p.key ? { ...x, amount: e.target.value } : x)))
                  }
                />
              </div>
            </div>
            <LocalizedFields
              legend={t('program.bo.perf.priceName', { code: p.code || '…' })}
              name={`price-name-${i}`}
              maxLength={100}
              value={p.name}
              onChange={(v) => setPrices((ps) => ps.map((x) => (x.key === p.key ? { ...x, name: v } : x)))}
              optional
            />
            {prices.length > 1 && (
              <button
                type="button"
                className="link-button"
                onClick={() => setPrices((ps) => ps.filter((x) => x.key !== p.key))}
              >
                {t('program.bo.perf.removePrice', { code: p.code || String(i + 1) })}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setPrices((ps) => [...ps, newPrice(String.fromCharCode(65 + ps.length))])}
          data-testid="add-price"
        >
          {t('program.bo.perf.addPrice')}
        </button>
      </fieldset>

      <div className={`field${form.fieldError('capacity') ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-map`}>{t('program.bo.perf.seatMap')}</label>
        <select
          id={`${id}-map`}
          name="seatMapId"
          value={seatMapId}
          onChange={(e) => setSeatMapId(e.target.value)}
          data-testid="seat-map-select"
        >
          <option value="">{t('program.bo.perf.noSeatMap')}</option>
          {(maps.data ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({t('program.bo.maps.seats', { count: m.seatCount })})
            </option>
          ))}
        </select>
        {form.fieldError('capacity') && <p className="field-error">{form.fieldError('capacity')}</p>}
      </div>

      <fieldset>
        <legend>{t('program.bo.perf.areas')}</legend>
        {areas.map((a, i) => (
          <div className="price-row" key={a.key}>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${id}-acat-${a.key}`}>{t('program.bo.perf.areaCategory')}</label>
                <select
                  id={`${id}-acat-${a.key}`}
                  value={a.category}
                  onChange={(e) =>
                    setAreas((as) =>
                      as.map((x) => (x.key === a.key ? { ...x, category: e.target.value } : x)),
                    )
                  }
                >
                  {prices.map((p) => (
                    <option key={p.key} value={p.code}>
                      {p.code}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-acap-${a.key}`}>{t('program.bo.perf.areaCapacity')}</label>
                <input
                  id={`${id}-acap-${a.key}`}
                  name={`area-capacity-${i}`}
                  type="number"
                  min={0}
                  value={a.capacity}
                  onChange={(e) =>
                    setAreas((as) =>
                      as.map((x) => (x.key === a.key ? { ...x, capacity: e.target.value } : x)),
                    )
                  }
                />
              </div>
            </div>
            <LocalizedFields
              legend={t('program.bo.perf.areaName')}
              name={`area-name-${i}`}
              maxLength={100}
              value={a.name}
              onChange={(v) => setAreas((as) => as.map((x) => (x.key === a.key ? { ...x, name: v } : x)))}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => setAreas((as) => as.filter((x) => x.key !== a.key))}
            >
              {t('program.bo.perf.removeArea')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setAreas((as) => [...as, newArea(prices[0]?.code ?? '')])}
          data-testid="add-area"
        >
          {t('program.bo.perf.addArea')}
        </button>
      </fieldset>

      <button type="submit" className="button" disabled={form.busy} data-testid="performance-submit">
        {form.busy ? t('common.saving') : t('program.bo.perf.create')}
      </button>
    </form>
  );
}
