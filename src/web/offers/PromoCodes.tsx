// Promo codes: the list with uses against limits, switching a code off and on, and a new code.
import { useId, useMemo, useState } from 'react';
import type { PerformanceDto } from '../../common/api/program.ts';
import type { LocalizedTextDto } from '../../common/api/schemas.ts';
import { localize } from '../../common/content.ts';
import { formatDate } from '../../common/format.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { ErrorNote, Loading, Notice } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { useForm } from '../components/useForm.ts';
import { type Check, checkRequired } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { fromLocalInput } from '../program/shared.ts';
import { tengeToTiyn } from './codes.ts';
import { promoValue } from './labels.ts';
import type { PromoCodeDto, PromoKind } from './types.ts';

const KINDS: readonly PromoKind[] = ['amount', 'percent', 'free_ticket'];

interface EventOption {
  id: string;
  slug: string;
  title: LocalizedTextDto;
}

export function PromoCodes({ hubSlug, timeZone }: { hubSlug: string; timeZone: string }) {
  const { locale, t } = useI18n();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const codes = useApi<PromoCodeDto[]>(`${base}/promo-codes`);
  const program = useApi<PerformanceDto[]>(`${base}/program?drafts=true`);
  const [switching, setSwitching] = useState<string | undefined>(undefined);
  const [switchError, setSwitchError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<string | undefined>(undefined);

  const events = useMemo(() => {
    const byId = new Map<string, EventOption>();
    for (const p of program.data ?? [])
      if (!byId.has(p.eventId))
        byId.set(p.eventId, { id: p.eventId, slug: p.eventSlug, title: p.eventTitle });
    return [...byId.values()].sort((a, b) =>
      localize(a.title, locale).localeCompare(localize(b.title, locale)),
    );
  }, [program.data, locale]);

  async function toggle(p: PromoCodeDto) {
    setSwitching(p.id);
    setSwitchError(undefined);
    try {
      const updated = await api<PromoCodeDto>('PATCH', `${base}/promo-codes/${p.id}`, { active: !p.active });
      codes.setData((codes.data ?? []).map((c) => (c.id === updated.id ? updated : c)));
    } catch (e) {
      setSwitchError(e);
    } finally {
      setSwitching(undefined);
    }
  }

  const eventName = (id: string | null) => {
    if (!id) return t('offers.promo.allEvents');
    const e = events.find((x) => x.id === id);
    return e ? localize(e.title, locale) || e.slug : '—';
  };

  return (
    <section className="offers-block" aria-labelledby="promo-title">
      <h2 id="promo-title">{t('offers.promo.title')}</h2>
      {switchError !== undefined && <ErrorNote error={switchError} />}
      {codes.error ? (
        <ErrorNote error={codes.error} onRetry={codes.reload} />
      ) : !codes.data ? (
        <Loading />
      ) : codes.data.length === 0 ? (
        <p className="empty">{t('offers.promo.none')}</p>
      ) : (
        <TableWrap label={t('offers.promo.title')}>
          <table data-testid="promo-codes">
            <thead>
              <tr>
                <th scope="col">{t('offers.promo.col.code')}</th>
                <th scope="col">{t('offers.promo.col.value')}</th>
                <th scope="col">{t('offers.promo.col.event')}</th>
                <th scope="col" className="num">
                  {t('offers.promo.col.uses')}
                </th>
                <th scope="col">{t('offers.promo.col.validUntil')}</th>
                <th scope="col">{t('offers.promo.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {codes.data.map((p) => (
                <tr key={p.id} data-testid={`promo-${p.code}`} className={p.active ? '' : 'offers-off'}>
                  <td>
                    <code className="offers-code">{p.code}</code>
                  </td>
                  <td>{promoValue(p, locale, t)}</td>
                  <td>{eventName(p.eventId)}</td>
                  <td className="num" data-testid="promo-uses">
                    {p.maxUses === null
                      ? t('offers.promo.usesUnlimited', { uses: p.uses })
                      : t('offers.promo.usesOf', { uses: p.uses, max: p.maxUses })}
                  </td>
                  <td>
                    {p.validUntil
                      ? formatDate(new Date(p.validUntil), locale, timeZone)
                      : t('offers.promo.noEnd')}
                  </td>
                  <td>
                    <span className={`status-tag ${p.active ? 'status-published' : 'status-draft'}`}>
                      {p.active ? t('offers.promo.active') : t('offers.promo.inactive')}
                    </span>{' '}
                    <button
                      type="button"
                      className="link-button"
                      disabled={switching === p.id}
                      onClick={() => void toggle(p)}
                      data-testid="promo-toggle"
                    >
                      {p.active ? t('offers.promo.switchOff') : t('offers.promo.switchOn')}
                      <span className="visually-hidden"> — {p.code}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {created && <Notice>{t('offers.promo.created', { code: created })}</Notice>}
      <PromoForm
        base={base}
        timeZone={timeZone}
        events={events}
        onCreated={(p) => {
          codes.setData([p, ...(codes.data ?? [])]);
          setCreated(p.code);
        }}
      />
    </section>
  );
}

type PromoField = 'code' | 'amount' | 'percent' | 'maxUses' | 'validUntil' | 'event';

function PromoForm({
  base,
  timeZone,
  events,
  onCreated,
}: {
  base: string;
  timeZone: string;
  events: EventOption[];
  onCreated: (p: PromoCodeDto) => void;
}) {
  const { locale, t } = useI18n();
  const form = useForm<PromoField>();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<PromoKind>('amount');
  const [amount, setAmount] = useState('');
  const [percent, setPercent] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [event, setEvent] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const ids = {
    kind: useId(),
    maxUses: useId(),
    event: useId(),
    until: useId(),
    amount: useId(),
    percent: useId(),
  };

  const tiyn = tengeToTiyn(amount);
  const pct = Number(percent.replace(',', '.'));
  const uses = Number(maxUses);
  const checks: Partial<Record<PromoField, Check>> = {
    code:
      checkRequired(code) ??
      (/^[A-Za-z0-9_-]{3,40}$/.test(code.trim()) ? undefined : { key: 'offers.promo.codeRule' }),
    amount: kind === 'amount' && !(tiyn > 0) ? { key: 'offers.promo.amountRule' } : undefined,
    percent:
      kind === 'percent' && !(pct > 0 && pct <= 100 && percent.trim() !== '')
        ? { key: 'offers.promo.percentRule' }
        : undefined,
    maxUses:
      maxUses.trim() !== '' && !(Number.isInteger(uses) && uses >= 1)
        ? { key: 'offers.promo.maxUsesRule' }
        : undefined,
  };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (form.busy) return;
    await form.submit(checks, async () => {
      const until = validUntil ? fromLocalInput(`${validUntil}T23:59`, timeZone) : undefined;
      const p = await api<PromoCodeDto>('POST', `${base}/promo-codes`, {
        code: code.trim(),
        kind,
        ...(kind === 'amount' ? { amountTiyn: tiyn } : {}),
        ...(kind === 'percent' ? { percent: Math.round(pct * 100) / 100 } : {}),
        ...(maxUses.trim() ? { maxUses: uses } : {}),
        ...(event ? { event } : {}),
        ...(until ? { validUntil: until } : {}),
      });
      onCreated(p);
      setCode('');
      setAmount('');
      setPercent('');
      setMaxUses('');
      setEvent('');
      setValidUntil('');
    });
  }

  const errorOf = (f: PromoField) => form.fieldError(f);
  const small = (f: PromoField, id: string) => {
    const err = errorOf(f);
    return { 'aria-invalid': err ? true : undefined, 'aria-describedby': err ? `${id}-error` : undefined };
  };
  const fieldErr = (f: PromoField, id: string) => {
    const err = errorOf(f);
    return err ? (
      <p className="field-error" id={`${id}-error`}>
        {err}
      </p>
    ) : null;
  };

  return (
    <form className="form offers-form" onSubmit={onSubmit} noValidate data-testid="promo-form">
      <h3>{t('offers.promo.new')}</h3>
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      <Field
        label={t('offers.promo.code')}
        name="promoCode"
        hint={t('offers.promo.codeHint')}
        autoComplete="off"
        required
        maxLength={40}
        value={code}
        onChange={setCode}
        error={errorOf('code')}
      />
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.kind}>{t('offers.promo.kind')}</label>
          <select
            id={ids.kind}
            name="promoKind"
            value={kind}
            onChange={(e) => setKind(e.target.value as PromoKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`offers.promo.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {kind === 'amount' && (
          <div className={`field${errorOf('amount') ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.amount}>{t('offers.promo.amount')}</label>
            <input
              id={ids.amount}
              name="promoAmount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              {...small('amount', ids.amount)}
            />
            {fieldErr('amount', ids.amount)}
          </div>
        )}
        {kind === 'percent' && (
          <div className={`field${errorOf('percent') ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.percent}>{t('offers.promo.percent')}</label>
            <input
              id={ids.percent}
              name="promoPercent"
              inputMode="decimal"
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
              {...small('percent', ids.percent)}
            />
            {fieldErr('percent', ids.percent)}
          </div>
        )}
      </div>
      {kind === 'free_ticket' && <p className="field-hint">{t('offers.promo.freeHint')}</p>}
      <div className="form-row">
        <div className={`field${errorOf('maxUses') ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.maxUses}>
            {t('offers.promo.maxUses')} <span className="optional">{t('common.optional')}</span>
          </label>
          <input
            id={ids.maxUses}
            name="promoMaxUses"
            type="number"
            inputMode="numeric"
            min={1}
            value={maxUses}
            onChange={(e) => setMaxUses(e.target.value)}
            {...small('maxUses', ids.maxUses)}
          />
          {fieldErr('maxUses', ids.maxUses)}
        </div>
        <div className="field">
          <label htmlFor={ids.until}>
            {t('offers.promo.validUntil')} <span className="optional">{t('common.optional')}</span>
          </label>
          <input
            id={ids.until}
            name="promoValidUntil"
            type="date"
            lang={locale}
            value={validUntil}
            onChange={(e) => setValidUntil(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.event}>{t('offers.promo.event')}</label>
        <select id={ids.event} name="promoEvent" value={event} onChange={(e) => setEvent(e.target.value)}>
          <option value="">{t('offers.promo.allEvents')}</option>
          {events.map((e) => (
            <option key={e.id} value={e.slug}>
              {localize(e.title, locale) || e.slug}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={form.busy} data-testid="promo-submit">
        {form.busy ? t('common.saving') : t('offers.promo.create')}
      </button>
    </form>
  );
}
