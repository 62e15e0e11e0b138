// Membership plans: passes with free entries and discount cards (with the proof the door asks
// for); a plan is taken off sale and put back here (cards already sold stay valid).
import { useId, useState } from 'react';
import { localize } from '../../common/content.ts';
import { formatMoney } from '../../common/format.ts';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { draftOf, isBlank, LocalizedFields, textOf } from '../components/LocalizedFields.tsx';
import { ErrorNote, Loading, Notice } from '../components/Status.tsx';
import { TableWrap } from '../components/TableWrap.tsx';
import { useForm } from '../components/useForm.ts';
import { type Check, checkRequired } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { tengeToTiyn } from './codes.ts';
import { planBenefit } from './labels.ts';
import type { MembershipPlanDto, PlanKind } from './types.ts';

export function MembershipPlans({ hubSlug }: { hubSlug: string }) {
  const { locale, t } = useI18n();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const plans = useApi<MembershipPlanDto[]>(`${base}/membership-plans?all=true`);
  const [created, setCreated] = useState<string | undefined>(undefined);
  const [switching, setSwitching] = useState<string | undefined>(undefined);
  const [switchError, setSwitchError] = useState<unknown>(undefined);

  async function toggle(p: MembershipPlanDto) {
    setSwitching(p.slug);
    setSwitchError(undefined);
    try {
      const updated = await api<MembershipPlanDto>(
        'PATCH',
        `${base}/membership-plans/${encodeURIComponent(p.slug)}`,
        { active: !p.active },
      );
      plans.setData((plans.data ?? []).map((x) => (x.id === updated.id ? updated : x)));
    } catch (e) {
      setSwitchError(e);
    } finally {
      setSwitching(undefined);
    }
  }

  return (
    <section className="offers-block" aria-labelledby="plans-title">
      <h2 id="plans-title">{t('offers.plan.title')}</h2>
      <p className="muted">{t('offers.plan.intro')}</p>
      {switchError !== undefined && <ErrorNote error={switchError} />}
      {plans.error ? (
        <ErrorNote error={plans.error} onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : plans.data.length === 0 ? (
        <p className="empty">{t('offers.plan.none')}</p>
      ) : (
        <TableWrap label={t('offers.plan.title')}>
          <table data-testid="membership-plans">
            <thead>
              <tr>
                <th scope="col">{t('offers.plan.col.name')}</th>
                <th scope="col">{t('offers.plan.col.kind')}</th>
                <th scope="col">{t('offers.plan.col.benefit')}</th>
                <th scope="col" className="num">
                  {t('offers.plan.col.validity')}
                </th>
                <th scope="col" className="num">
                  {t('offers.plan.col.price')}
                </th>
                <th scope="col">{t('offers.plan.col.proof')}</th>
                <th scope="col">{t('offers.plan.col.sale')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.map((p) => (
                <tr key={p.id} data-testid={`plan-${p.slug}`} className={p.active ? '' : 'offers-off'}>
                  <td>
                    {localize(p.name, locale) || p.slug}
                    <br />
                    <span className="muted">{p.slug}</span>
                  </td>
                  <td>{t(`offers.plan.kind.${p.kind}`)}</td>
                  <td>{planBenefit(p, t)}</td>
                  <td className="num">{t('offers.plan.days', { count: p.validDays })}</td>
                  <td className="num">{formatMoney(p.priceTiyn, locale)}</td>
                  <td>{p.proof ? localize(p.proof, locale) : '—'}</td>
                  <td>
                    <span
                      className={`status-tag ${p.active ? 'status-published' : 'status-draft'}`}
                      data-testid="plan-sale"
                    >
                      {p.active ? t('offers.plan.onSale') : t('offers.plan.offSale')}
                    </span>{' '}
                    <button
                      type="button"
                      className="link-button"
                      disabled={switching === p.slug}
                      onClick={() => void toggle(p)}
                      data-testid="plan-toggle"
                    >
                      {p.active ? t('offers.plan.takeOff') : t('offers.plan.putBack')}
                      <span className="visually-hidden"> — {localize(p.name, locale) || p.slug}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {created && <Notice>{t('offers.plan.created', { name: created })}</Notice>}
      <PlanForm
        base={base}
        onCreated={(p) => {
          plans.setData([...(plans.data ?? []), p]);
          setCreated(localize(p.name, locale) || p.slug);
        }}
      />
    </section>
  );
}

type PlanField = 'slug' | 'name' | 'entries' | 'discountPercent' | 'validDays' | 'price';

function PlanForm({ base, onCreated }: { base: string; onCreated: (p: MembershipPlanDto) => void }) {
  const { t } = useI18n();
  const form = useForm<PlanField>();
  const [name, setName] = useState(draftOf(undefined));
  const [proof, setProof] = useState(draftOf(undefined));
  const [slug, setSlug] = useState('');
  const [kind, setKind] = useState<PlanKind>('pass');
  const [entries, setEntries] = useState('10');
  const [discount, setDiscount] = useState('');
  const [validDays, setValidDays] = useState('365');
  const [price, setPrice] = useState('');
  const ids = { kind: useId(), entries: useId(), discount: useId(), days: useId(), price: useId() };

  const n = Number(entries);
  const pct = Number(discount.replace(',', '.'));
  const days = Number(validDays);
  const tiyn = tengeToTiyn(price);
  const checks: Partial<Record<PlanField, Check>> = {
    name: isBlank(name) ? { key: 'validation.required' } : undefined,
    slug:
      checkRequired(slug) ??
      (/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug.trim()) ? undefined : { key: 'validation.slug' }),
    entries:
      kind === 'pass' && !(Number.isInteger(n) && n >= 1 && n <= 1000)
        ? { key: 'offers.plan.entriesRule' }
        : undefined,
    discountPercent:
      kind === 'discount' && !(pct > 0 && pct <= 100 && discount.trim() !== '')
        ? { key: 'offers.promo.percentRule' }
        : undefined,
    validDays:
      Number.isInteger(days) && days >= 1 && days <= 3660 ? undefined : { key: 'offers.plan.daysRule' },
    price: Number.isFinite(tiyn) && tiyn >= 0 ? undefined : { key: 'offers.plan.priceRule' },
  };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (form.busy) return;
    await form.submit(checks, async () => {
      const p = await api<MembershipPlanDto>('POST', `${base}/membership-plans`, {
        slug: slug.trim(),
        name: textOf(name),
        kind,
        ...(kind === 'pass' ? { entries: n } : { discountPercent: Math.round(pct * 100) / 100 }),
        validDays: days,
        priceTiyn: tiyn,
        ...(isBlank(proof) ? {} : { proof: textOf(proof) }),
      });
      onCreated(p);
      setName(draftOf(undefined));
      setProof(draftOf(undefined));
      setSlug('');
      setPrice('');
      setDiscount('');
    });
  }

  const invalid = (f: PlanField) => (form.fieldError(f) ? ' field-invalid' : '');
  const aria = (f: PlanField, id: string) =>
    form.fieldError(f) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
  const err = (f: PlanField, id: string) => {
    const m = form.fieldError(f);
    return m ? (
      <p className="field-error" id={`${id}-error`}>
        {m}
      </p>
    ) : null;
  };

  return (
    <form className="form offers-form" onSubmit={onSubmit} noValidate data-testid="plan-form">
      <h3>{t('offers.plan.new')}</h3>
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      <LocalizedFields
        legend={t('offers.plan.name')}
        name="planName"
        value={name}
        onChange={setName}
        maxLength={120}
        error={form.fieldError('name')}
      />
      <Field
        label={t('offers.plan.slug')}
        name="planSlug"
        hint={t('offers.plan.slugHint')}
        autoComplete="off"
        required
        maxLength={63}
        value={slug}
        onChange={setSlug}
        error={form.fieldError('slug')}
      />
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.kind}>{t('offers.plan.kind')}</label>
          <select
            id={ids.kind}
            name="planKind"
            value={kind}
            onChange={(e) => setKind(e.target.value as PlanKind)}
          >
            <option value="pass">{t('offers.plan.kind.pass')}</option>
            <option value="discount">{t('offers.plan.kind.discount')}</option>
          </select>
        </div>
        {kind === 'pass' ? (
          <div className={`field${invalid('entries')}`}>
            <label htmlFor={ids.entries}>{t('offers.plan.entries')}</label>
            <input
              id={ids.entries}
              name="planEntries"
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              value={entries}
              onChange={(e) => setEntries(e.target.value)}
              {...aria('entries', ids.entries)}
            />
            {err('entries', ids.entries)}
          </div>
        ) : (
          <div className={`field${invalid('discountPercent')}`}>
            <label htmlFor={ids.discount}>{t('offers.plan.discount')}</label>
            <input
              id={ids.discount}
              name="planDiscount"
              inputMode="decimal"
              value={discount}
              onChange={(e) => setDiscount(e.target.value)}
              {...aria('discountPercent', ids.discount)}
            />
            {err('discountPercent', ids.discount)}
          </div>
        )}
      </div>
      <div className="form-row">
        <div className={`field${invalid('validDays')}`}>
          <label htmlFor={ids.days}>{t('offers.plan.validDays')}</label>
          <input
            id={ids.days}
            name="planValidDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={3660}
            value={validDays}
            onChange={(e) => setValidDays(e.target.value)}
            {...aria('validDays', ids.days)}
          />
          {err('validDays', ids.days)}
        </div>
        <div className={`field${invalid('price')}`}>
          <label htmlFor={ids.price}>{t('offers.plan.price')}</label>
          <input
            id={ids.price}
            name="planPrice"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            {...aria('price', ids.price)}
          />
          {err('price', ids.price)}
        </div>
      </div>
      <LocalizedFields
        legend={t('offers.plan.proof')}
        name="planProof"
        value={proof}
        onChange={setProof}
        maxLength={200}
        optional
      />
      <p className="field-hint">{t('offers.plan.proofHint')}</p>
      <button type="submit" className="button" disabled={form.busy} data-testid="plan-submit">
        {form.busy ? t('common.saving') : t('offers.plan.create')}
      </button>
    </form>
  );
}
