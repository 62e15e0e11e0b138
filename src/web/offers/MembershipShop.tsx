// /:hubSlug/memberships — the hub's passes and discount cards on sale. A signed-in visitor
// picks one, checks the name on the card and goes to the payment page; the card is issued when
// the payment is confirmed (MembershipPurchasePage) and kept under "my memberships".
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PurchaseDto } from '../../common/api/memberships.ts';
import { localize } from '../../common/content.ts';
import { formatMoney } from '../../common/format.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { Field } from '../components/Field.tsx';
import { FormAlert } from '../components/FormAlert.tsx';
import { Localized } from '../components/Localized.tsx';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { useForm } from '../components/useForm.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { checkRequired } from '../components/validate.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { postWithKey } from '../program/post.ts';
import { newIdempotencyKey } from '../program/shared.ts';
import { useSession } from '../session/session.tsx';
import type { MembershipPlanDto } from './types.ts';
import './offers.css';

export function MembershipShop() {
  const { hubSlug = '' } = useParams();
  const { locale, t } = useI18n();
  const { user } = useSession();
  const { data: hub, error: hubError } = useHubDetail(hubSlug);
  const plans = useApi<MembershipPlanDto[]>(`/hubs/${encodeURIComponent(hubSlug)}/membership-plans`);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  usePageTitle(hub ? t('offers.shop.pageTitle', { hub: localize(hub.name, locale) }) : undefined);

  if (hubError instanceof ApiError && hubError.status === 404)
    return <NotFound message={t('problem.hub_not_found')} />;
  if (!hub) return <Loading />;
  const here = `/${hub.slug}/memberships`;

  return (
    <div className="membership-shop">
      <p className="breadcrumb">
        <Link to={`/${hub.slug}`}>{t('space.backToHub', { hub: localize(hub.name, locale) })}</Link>
      </p>
      <h1>{t('offers.shop.title')}</h1>
      <p className="lead">{t('offers.shop.intro')}</p>
      {user === null && (
        <div className="alert alert-info" data-testid="shop-sign-in">
          <p>
            <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>{t('offers.shop.signIn')}</Link>
          </p>
        </div>
      )}
      {plans.error ? (
        <ErrorNote error={plans.error} onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : plans.data.length === 0 ? (
        <p className="empty">{t('offers.shop.none')}</p>
      ) : (
        <ul className="plan-cards" data-testid="plan-cards">
          {plans.data.map((p) => (
            <li key={p.id} className="plan-card" data-testid={`shop-plan-${p.slug}`}>
              <h2>
                <Localized text={p.name} />
              </h2>
              <p className="plan-benefit">
                {p.kind === 'pass'
                  ? t('offers.plan.entriesCount', { count: p.entries ?? 0 })
                  : t('offers.shop.discount', { percent: p.discountPercent ?? 0 })}
              </p>
              <p>{t('offers.shop.validity', { period: t('offers.plan.days', { count: p.validDays }) })}</p>
              {p.proof && (
                <p className="muted">{t('offers.shop.proof', { proof: localize(p.proof, locale) })}</p>
              )}
              <p className="plan-price">
                <strong>{formatMoney(p.priceTiyn, locale)}</strong>{' '}
                <span className="muted">{t('offers.shop.vatIncluded')}</span>
              </p>
              {user && chosen === p.slug ? (
                <BuyForm hubSlug={hub.slug} plan={p} onCancel={() => setChosen(undefined)} />
              ) : (
                user && (
                  <button
                    type="button"
                    className="button plan-choose"
                    onClick={() => setChosen(p.slug)}
                    aria-label={t('offers.shop.chooseNamed', { plan: localize(p.name, locale) })}
                    data-testid="shop-choose"
                  >
                    {t('offers.shop.choose')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {user && (
        <p>
          <Link to="/my/memberships" data-testid="my-memberships-link">
            {t('offers.my.title')}
          </Link>
        </p>
      )}
    </div>
  );
}

function BuyForm({
  hubSlug,
  plan,
  onCancel,
}: {
  hubSlug: string;
  plan: MembershipPlanDto;
  onCancel: () => void;
}) {
  const { locale, t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [holder, setHolder] = useState(user?.name ?? '');
  const [leaving, setLeaving] = useState(false);
  const key = useRef<string | undefined>(undefined);
  const form = useForm<'holderName'>();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (form.busy || leaving) return;
    await form.submit({ holderName: checkRequired(holder) }, async () => {
      // One key per attempt: a double click or a retried request finds the same purchase.
      key.current ??= newIdempotencyKey();
      let purchase: PurchaseDto;
      try {
        purchase = await postWithKey<PurchaseDto>(
          `/hubs/${encodeURIComponent(hubSlug)}/membership-purchases`,
          key.current,
          {
            plan: plan.slug,
            holderName: holder.trim(),
            payment: { provider: 'sandbox', method: 'card' },
            locale,
          },
        );
      } catch (err) {
        key.current = undefined;
        throw err;
      }
      if (purchase.redirectUrl) {
        setLeaving(true);
        window.location.assign(purchase.redirectUrl);
      } else navigate(`/${hubSlug}/memberships/purchases/${purchase.id}`);
    });
  }

  const free = plan.priceTiyn === 0;
  return (
    <form className="form plan-buy" onSubmit={onSubmit} noValidate data-testid="shop-buy-form">
      <FormAlert error={form.error} hasFieldErrors={form.hasFieldErrors} />
      <Field
        label={t('offers.shop.holder')}
        name="holderName"
        autoComplete="name"
        required
        maxLength={100}
        hint={t('offers.shop.holderHint')}
        value={holder}
        onChange={setHolder}
        error={form.fieldError('holderName')}
      />
      <p className="muted">{t('offers.shop.mailTo', { email: user?.email ?? '' })}</p>
      <p className="plan-buy-actions">
        <button type="submit" className="button" disabled={form.busy || leaving} data-testid="shop-buy">
          {form.busy || leaving
            ? t('offers.shop.paying')
            : free
              ? t('offers.shop.getFree')
              : t('offers.shop.buy', { amount: formatMoney(plan.priceTiyn, locale) })}
        </button>{' '}
        <button type="button" className="link-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
