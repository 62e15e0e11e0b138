// "Sell a membership card" at the desk: plan, holder, cash or card; the code comes out big
// enough to copy onto a plastic card or a paper one. Each sale carries an Idempotency-Key, so a
// double press or a retry after a lost answer makes one card.
import { useEffect, useId, useRef, useState } from 'react';
import { localize } from '../../common/content.ts';
import { formatDate, formatMoney } from '../../common/format.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { postWithKey } from '../desk/keyed.ts';
import { useI18n } from '../i18n/locale.tsx';
import { FiscalNote } from './FiscalNote.tsx';
import { planBenefit } from './labels.ts';
import type { MembershipDto, MembershipPlanDto } from './types.ts';
import './offers.css';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function DeskMembershipSale({ hubSlug, timeZone }: { hubSlug: string; timeZone: string }) {
  const { locale, t } = useI18n();
  const base = `/hubs/${encodeURIComponent(hubSlug)}`;
  const plans = useApi<MembershipPlanDto[]>(`${base}/membership-plans`);
  const [plan, setPlan] = useState('');
  const [holderName, setHolderName] = useState('');
  const [holderEmail, setHolderEmail] = useState('');
  const [invalid, setInvalid] = useState<'plan' | 'name' | 'email' | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [sold, setSold] = useState<MembershipDto | undefined>(undefined);
  const inFlight = useRef(false);
  // One key per card: kept across retries of the same sale, new once a card is sold.
  const saleKey = useRef(crypto.randomUUID());
  const ids = { plan: useId(), name: useId(), email: useId() };
  const chosen = plans.data?.find((p) => p.slug === plan);
  const soldRef = useRef<HTMLDivElement>(null);
  // The new code takes the focus, so a screen reader reads it out at once.
  useEffect(() => {
    if (sold) soldRef.current?.focus();
  }, [sold]);

  async function sell(method: 'cash' | 'card') {
    if (inFlight.current) return;
    const problem = !chosen
      ? 'plan'
      : !holderName.trim()
        ? 'name'
        : holderEmail.trim() && !EMAIL.test(holderEmail.trim())
          ? 'email'
          : undefined;
    setInvalid(problem);
    if (problem) {
      document.getElementById(ids[problem])?.focus();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const card = await postWithKey<MembershipDto>(
        `${base}/memberships`,
        {
          plan,
          holderName: holderName.trim(),
          ...(holderEmail.trim() ? { holderEmail: holderEmail.trim() } : {}),
          payment: { method },
        },
        saleKey.current,
      );
      saleKey.current = crypto.randomUUID();
      setSold(card);
    } catch (e) {
      setError(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  function next() {
    setSold(undefined);
    setHolderName('');
    setHolderEmail('');
    requestAnimationFrame(() => document.getElementById(ids.plan)?.focus());
  }

  const errorText = (field: 'plan' | 'name' | 'email') =>
    invalid === field ? (
      <p className="field-error" id={`${ids[field]}-error`}>
        {field === 'email' ? t('validation.email') : t('validation.required')}
      </p>
    ) : null;
  const aria = (field: 'plan' | 'name' | 'email') =>
    invalid === field ? { 'aria-invalid': true as const, 'aria-describedby': `${ids[field]}-error` } : {};

  return (
    <section
      className="desk-membership"
      aria-labelledby="desk-membership-heading"
      data-testid="desk-membership"
    >
      <h2 id="desk-membership-heading" className="desk-h2">
        {t('offers.desk.title')}
      </h2>
      {sold ? (
        <div className="membership-sold" ref={soldRef} tabIndex={-1} data-testid="membership-sold">
          <p className="membership-sold-label">{t('offers.desk.codeLabel')}</p>
          <p className="membership-code" data-testid="membership-code">
            {sold.code}
          </p>
          <dl className="membership-facts">
            <div>
              <dt>{t('offers.desk.holder')}</dt>
              <dd>{sold.holderName}</dd>
            </div>
            <div>
              <dt>{t('offers.desk.plan')}</dt>
              <dd>{localize(sold.plan.name, locale)}</dd>
            </div>
            {sold.entriesLeft !== null && (
              <div>
                <dt>{t('offers.desk.entries')}</dt>
                <dd>{sold.entriesLeft}</dd>
              </div>
            )}
            <div>
              <dt>{t('offers.desk.validUntil')}</dt>
              <dd>{formatDate(new Date(sold.validUntil), locale, timeZone)}</dd>
            </div>
            <div>
              <dt>{t('offers.desk.paid')}</dt>
              <dd>
                {formatMoney(sold.priceTiyn, locale)} ·{' '}
                {sold.paymentMethod === 'card' ? t('offers.desk.byCard') : t('offers.desk.byCash')}
              </dd>
            </div>
          </dl>
          {sold.priceTiyn > 0 && <FiscalNote fiscal={sold.fiscal} testId="membership-fiscal" />}
          <button
            type="button"
            className="button button-secondary"
            onClick={next}
            data-testid="membership-next"
          >
            {t('offers.desk.another')}
          </button>
        </div>
      ) : plans.error ? (
        <ErrorNote error={plans.error} onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : plans.data.length === 0 ? (
        <p className="desk-empty">{t('offers.desk.noPlans')}</p>
      ) : (
        <div className="membership-sale">
          <div className={`field${invalid === 'plan' ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.plan}>{t('offers.desk.plan')}</label>
            <select
              id={ids.plan}
              value={plan}
              onChange={(e) => {
                setPlan(e.target.value);
                if (invalid === 'plan') setInvalid(undefined);
              }}
              data-testid="membership-plan"
              {...aria('plan')}
            >
              <option value="">{t('offers.desk.choosePlan')}</option>
              {plans.data.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {localize(p.name, locale) || p.slug} — {planBenefit(p, t)} —{' '}
                  {formatMoney(p.priceTiyn, locale)}
                </option>
              ))}
            </select>
            {errorText('plan')}
            {chosen?.proof && (
              <p className="field-hint">
                {t('offers.desk.proof', { proof: localize(chosen.proof, locale) })}
              </p>
            )}
          </div>
          <div className={`field${invalid === 'name' ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.name}>{t('offers.desk.holder')}</label>
            <input
              id={ids.name}
              type="text"
              autoComplete="off"
              maxLength={100}
              value={holderName}
              onChange={(e) => {
                setHolderName(e.target.value);
                if (invalid === 'name') setInvalid(undefined);
              }}
              data-testid="membership-holder"
              {...aria('name')}
            />
            {errorText('name')}
          </div>
          <div className={`field${invalid === 'email' ? ' field-invalid' : ''}`}>
            <label htmlFor={ids.email}>
              {t('offers.desk.email')} <span className="optional">{t('common.optional')}</span>
            </label>
            <input
              id={ids.email}
              type="email"
              autoComplete="off"
              maxLength={254}
              value={holderEmail}
              onChange={(e) => {
                setHolderEmail(e.target.value);
                if (invalid === 'email') setInvalid(undefined);
              }}
              data-testid="membership-email"
              {...aria('email')}
            />
            {errorText('email')}
          </div>
          {error !== undefined && <ErrorNote error={error} />}
          <div className="pay-buttons">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void sell('cash')}
              data-testid="membership-cash"
            >
              {chosen
                ? t('offers.desk.sellCash', { amount: formatMoney(chosen.priceTiyn, locale) })
                : t('offers.desk.cash')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void sell('card')}
              data-testid="membership-card"
            >
              {chosen
                ? t('offers.desk.sellCard', { amount: formatMoney(chosen.priceTiyn, locale) })
                : t('offers.desk.card')}
            </button>
          </div>
          {busy && (
            <p className="loading" role="status">
              {t('desk.working')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
