// /:hubSlug/memberships/purchases/:id — where the buyer lands after the payment page: what
// became of the payment, the card once it is paid, and the receipt with VAT. Read again every
// few seconds until the provider's answer and the fiscal receipt have arrived.
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import type { PurchaseDto } from '../../common/api/memberships.ts';
import { localize } from '../../common/content.ts';
import { formatDateTime, formatMoney } from '../../common/format.ts';
import { ApiError } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ErrorNote, Loading } from '../components/Status.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useI18n } from '../i18n/locale.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { useHubDetail } from '../pages/useHubDetail.ts';
import { useSession } from '../session/session.tsx';
import { MembershipCard } from './MembershipCard.tsx';
import './offers.css';

const ALERT: Record<PurchaseDto['status'], string> = {
  pending_payment: 'alert-info',
  paid: 'alert-success',
  declined: 'alert-error',
  refunded: 'alert-error',
};

export function MembershipPurchasePage() {
  const { hubSlug = '', id = '' } = useParams();
  const { locale, t } = useI18n();
  const { user } = useSession();
  const { data: hub } = useHubDetail(hubSlug);
  const purchase = useApi<PurchaseDto>(
    user ? `/hubs/${encodeURIComponent(hubSlug)}/membership-purchases/${encodeURIComponent(id)}` : null,
  );
  const p = purchase.data;
  usePageTitle(p ? t('offers.purchase.title', { number: p.number }) : undefined);

  // Waiting for the provider's callback, then for the receipt.
  const waiting =
    p !== undefined &&
    (p.status === 'pending_payment' || (p.status === 'paid' && !p.receipt && p.priceTiyn > 0));
  const reload = purchase.reload;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, 2500);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  const shop = `/${hubSlug}/memberships`;
  if (user === null)
    return (
      <div className="narrow">
        <h1>{t('offers.my.title')}</h1>
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(`${shop}/purchases/${id}`)}`}>
            {t('offers.my.signIn')}
          </Link>
        </p>
      </div>
    );
  if (purchase.error instanceof ApiError && purchase.error.status === 404) return <NotFound />;
  if (purchase.error && !p) return <ErrorNote error={purchase.error} onRetry={purchase.reload} />;
  if (!p) return <Loading />;
  const tz = hub?.timeZone ?? 'Asia/Almaty';

  return (
    <div className="membership-purchase">
      <p className="breadcrumb">
        <Link to={shop}>{t('offers.shop.title')}</Link>
      </p>
      <h1>{t('offers.purchase.title', { number: p.number })}</h1>
      <div
        className={`alert ${ALERT[p.status]}`}
        role="status"
        data-testid="purchase-status"
        data-state={p.status}
      >
        <p>
          <strong>{t(`offers.purchase.state.${p.status}`)}</strong>{' '}
          {t(`offers.purchase.state.${p.status}.text`)}
        </p>
        {p.status === 'pending_payment' && p.redirectUrl && (
          <p>
            <a className="button button-small" href={p.redirectUrl}>
              {t('checkout.payNow')}
            </a>
          </p>
        )}
        {p.status === 'declined' && (
          <p>
            <Link className="button button-small" to={shop} data-testid="purchase-again">
              {t('offers.purchase.again')}
            </Link>
          </p>
        )}
      </div>

      {p.card && (
        <MembershipCard
          card={p.card}
          timeZone={tz}
          hubName={hub?.name}
          discountPercent={p.plan.discountPercent}
        />
      )}

      <section aria-labelledby="receipt-title" className="membership-receipt">
        <h2 id="receipt-title">{t('offers.purchase.receipt')}</h2>
        {/* One line bought: a list reads better than a table, on a phone too. */}
        <dl className="membership-facts receipt-facts" data-testid="purchase-receipt">
          <div>
            <dt>{localize(p.plan.name, locale) || p.plan.slug}</dt>
            <dd>{formatMoney(p.priceTiyn, locale)}</dd>
          </div>
          <div>
            <dt>{t('offers.purchase.vat', { rate: p.vatRateBp / 100 })}</dt>
            <dd data-testid="purchase-vat">{formatMoney(p.vatTiyn, locale)}</dd>
          </div>
          <div className="receipt-total">
            <dt>{t('checkout.total')}</dt>
            <dd data-testid="purchase-total">{formatMoney(p.priceTiyn, locale)}</dd>
          </div>
        </dl>
        {p.receipt ? (
          <p className="muted" data-testid="purchase-fiscal">
            {t('offers.purchase.fiscal', {
              number: p.receipt.number,
              sign: p.receipt.fiscalSign,
              date: formatDateTime(new Date(p.receipt.issuedAt), locale, tz),
            })}
          </p>
        ) : (
          p.status === 'paid' &&
          p.priceTiyn > 0 && <p className="muted">{t('offers.purchase.fiscalPending')}</p>
        )}
      </section>
      <p>
        <Link to="/my/memberships">{t('offers.my.title')}</Link> ·{' '}
        <Link to={shop}>{t('offers.shop.title')}</Link>
      </p>
    </div>
  );
}
