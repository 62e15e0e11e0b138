// Membership cards bought online. A purchase is written first and paid through an online
// provider (its hosted page, then a signed callback); the card is issued only in the
// transaction that records the confirmed payment. The callback arrives through the box
// office's applyPaymentEvent, which records each event once, so a replay issues nothing twice.
import type { PurchaseDto } from '../../../common/api/memberships.ts';
import type { LocalizedTextDto } from '../../../common/api/schemas.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import type { CallbackEvent } from '../../platform/payments/provider.ts';
import { recordAudit } from '../audit/service.ts';
import { issuedFiscalReceipts, queueFiscalReceipt } from '../box-office/fiscal.ts';
import type { PaymentEventResult } from '../box-office/payments.ts';
import { vatIncluded } from '../box-office/vat.ts';
import { cancelMembership, getMembership, insertMembership, standardVatRate } from './memberships.ts';

export type PurchaseStatus = PurchaseDto['status'];

interface PurchaseRow {
  id: string;
  hubId: string;
  number: number | string;
  userId: string | null;
  plan: {
    slug: string;
    name: LocalizedTextDto;
    kind: 'pass' | 'discount';
    entries: number | null;
    discountBp: number | null;
    validDays: number;
  };
  holderName: string;
  holderEmail: string;
  locale: string;
  status: PurchaseStatus;
  priceTiyn: number | string;
  vatRateBp: number;
  vatTiyn: number | string;
  redirectUrl: string | null;
  membershipId: string | null;
  createdAt: Date | string;
  paidAt: Date | string | null;
}

const SELECT = `select u.id, u.hub_id as "hubId", u.number, u.user_id as "userId",
    json_build_object('slug', p.slug, 'name', p.name, 'kind', p.kind, 'entries', p.entries, 'discountBp', p.discount_bp,
                      'validDays', p.valid_days) as plan,
    u.holder_name as "holderName", u.holder_email as "holderEmail", u.locale, u.status, u.price_tiyn as "priceTiyn",
    u.vat_rate_bp as "vatRateBp", u.vat_tiyn as "vatTiyn", u.redirect_url as "redirectUrl", u.membership_id as "membershipId",
    u.created_at as "createdAt", u.paid_at as "paidAt"
  from membership_purchases u join membership_plans p on p.id = u.plan_id`;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export type Purchase = PurchaseDto & { hubId: string; userId: string | null; locale: string };

async function toPurchase(q: Queryable, r: PurchaseRow): Promise<Purchase> {
  const { discountBp, ...plan } = r.plan;
  // The card's sale receipt, issued under the purchase's id.
  const sale = r.membershipId
    ? (await issuedFiscalReceipts(q, { membershipId: r.membershipId })).find((f) => f.kind === 'sale')
    : undefined;
  return {
    id: r.id,
    hubId: r.hubId,
    userId: r.userId,
    locale: r.locale,
    number: Number(r.number),
    plan: { ...plan, discountPercent: discountBp === null ? null : discountBp / 100 },
    holderName: r.holderName,
    holderEmail: r.holderEmail,
    status: r.status,
    priceTiyn: Number(r.priceTiyn),
    vatRateBp: r.vatRateBp,
    vatTiyn: Number(r.vatTiyn),
    createdAt: iso(r.createdAt) as string,
    paidAt: iso(r.paidAt),
    redirectUrl: r.status === 'pending_payment' ? r.redirectUrl : null,
    card: r.membershipId ? await getMembership(q, r.hubId, { id: r.membershipId }) : null,
    receipt: sale
      ? { number: sale.number, fiscalSign: sale.fiscalSign, checkUrl: sale.checkUrl, issuedAt: sale.issuedAt }
      : null,
  };
}

export async function getPurchase(q: Queryable, hubId: string, id: string): Promise<Purchase> {
  const row = await maybeOne<PurchaseRow>(q, `${SELECT} where u.id = $1 and u.hub_id = $2`, [id, hubId]);
  if (!row) throw notFound('There is no such membership purchase in this hub.');
  return toPurchase(q, row);
}

/** The purchase an earlier request of this account with this idempotency key made, if any. */
export async function findPurchaseByKey(
  q: Queryable,
  hubId: string,
  userId: string,
  key: string,
): Promise<Purchase | undefined> {
  const row = await maybeOne<PurchaseRow>(
    q,
    `${SELECT} where u.hub_id = $1 and u.user_id = $2 and u.idempotency_key = $3`,
    [hubId, userId, key],
  );
  return row ? toPurchase(q, row) : undefined;
}

/**
 * Writes a purchase of a plan on sale, at today's price and standard VAT rate. A free plan
 * needs no payment: its card is issued at once.
 */
export async function createPurchase(
  q: Queryable,
  hubId: string,
  input: {
    planSlug: string;
    userId: string;
    holderName: string;
    holderEmail: string;
    locale: string;
    provider: string;
    method: string;
    idempotencyKey: string | null;
  },
): Promise<Purchase> {
  const plan = await maybeOne<{ id: string; priceTiyn: number | string }>(
    q,
    `select id, price_tiyn as "priceTiyn" from membership_plans where hub_id = $1 and slug = $2 and active`,
    [hubId, input.planSlug],
  );
  if (!plan) throw notFound(`This hub has no membership plan "${input.planSlug}" on sale.`);
  const price = Number(plan.priceTiyn);
  const rate = await standardVatRate(q);
  const row = await one<{ id: string }>(
    q,
    `insert into membership_purchases (hub_id, plan_id, user_id, holder_name, holder_email, locale, price_tiyn, vat_rate_bp, vat_tiyn,
                                       provider, method, idempotency_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      hubId,
      plan.id,
      input.userId,
      input.holderName.trim(),
      input.holderEmail.toLowerCase(),
      input.locale,
      price,
      rate,
      vatIncluded(price, rate),
      price === 0 ? 'free' : input.provider,
      input.method,
      input.idempotencyKey,
    ],
  );
  if (price === 0) await completePurchase(q, row.id);
  return getPurchase(q, hubId, row.id);
}

/** Records where the provider will take the payment. */
export async function setPurchasePayment(
  q: Queryable,
  id: string,
  started: { providerRef: string; redirectUrl: string | null },
): Promise<void> {
  await q.query('update membership_purchases set provider_ref = $2, redirect_url = $3 where id = $1', [
    id,
    started.providerRef,
    started.redirectUrl,
  ]);
}

/**
 * The money is in: the card is issued, and its receipt and mail are queued (same transaction).
 * The receipt takes the purchase's id, the id the provider has seen if it was issued before.
 */
async function completePurchase(q: Queryable, id: string): Promise<void> {
  const p = await one<{
    hubId: string;
    planId: string;
    entries: number | null;
    validDays: number;
    userId: string | null;
    holderName: string;
    holderEmail: string;
    priceTiyn: number | string;
    vatRateBp: number;
    vatTiyn: number | string;
  }>(
    q,
    `select u.hub_id as "hubId", u.plan_id as "planId", p.entries, p.valid_days as "validDays", u.user_id as "userId",
            u.holder_name as "holderName", u.holder_email as "holderEmail", u.price_tiyn as "priceTiyn",
            u.vat_rate_bp as "vatRateBp", u.vat_tiyn as "vatTiyn"
       from membership_purchases u join membership_plans p on p.id = u.plan_id where u.id = $1`,
    [id],
  );
  const card = await insertMembership(
    q,
    p.hubId,
    { id: p.planId, entries: p.entries, validDays: p.validDays },
    {
      holderName: p.holderName,
      holderEmail: p.holderEmail,
      userId: p.userId,
      paymentMethod: 'online',
      priceTiyn: Number(p.priceTiyn),
      vatRateBp: p.vatRateBp,
      vatTiyn: Number(p.vatTiyn),
    },
  );
  if (Number(p.priceTiyn) > 0) await queueFiscalReceipt(q, p.hubId, { membershipId: card.id }, 'sale', id);
  await q.query(
    `update membership_purchases set status = 'paid', paid_at = now(), membership_id = $2,
            delivery = 'pending', delivery_next_at = now()
      where id = $1`,
    [id, card.id],
  );
  await recordAudit(q, {
    hubId: p.hubId,
    actorId: null,
    action: 'membership.buy_online',
    entityType: 'membership',
    entityId: card.id,
    details: { code: card.code, plan: card.plan.slug, priceTiyn: card.priceTiyn, purchase: id },
  });
}

/**
 * The membership side of a payment callback (called inside applyPaymentEvent's transaction
 * when no ticket order has this provider reference). Undefined when no purchase has it either.
 */
export async function applyPurchasePayment(
  q: Queryable,
  providerId: string,
  event: CallbackEvent,
): Promise<PaymentEventResult | undefined> {
  const p = await maybeOne<{
    id: string;
    hubId: string;
    status: PurchaseStatus;
    priceTiyn: number | string;
    membershipId: string | null;
  }>(
    q,
    `select id, hub_id as "hubId", status, price_tiyn as "priceTiyn", membership_id as "membershipId"
       from membership_purchases where provider = $1 and provider_ref = $2 for update`,
    [providerId, event.providerRef],
  );
  if (!p) return undefined;
  if (Number(p.priceTiyn) !== event.amountTiyn) return 'rejected_amount';
  const setStatus = (status: PurchaseStatus) =>
    q.query('update membership_purchases set status = $2 where id = $1', [p.id, status]);

  if (event.outcome === 'declined') {
    // A "declined" after the money arrived is stale news.
    if (p.status !== 'pending_payment') return 'unchanged';
    await setStatus('declined');
    return 'declined';
  }
  if (event.outcome === 'refunded') {
    if (p.status === 'refunded') return 'unchanged';
    if (p.membershipId) {
      await cancelMembership(q, p.membershipId);
      // The money went back: a refund receipt follows the sale's.
      if (Number(p.priceTiyn) > 0)
        await queueFiscalReceipt(q, p.hubId, { membershipId: p.membershipId }, 'refund');
    }
    await setStatus('refunded');
    await recordAudit(q, {
      hubId: p.hubId,
      actorId: null,
      action: 'membership.refund',
      entityType: 'membership_purchase',
      entityId: p.id,
      details: { reason: 'Refunded at the payment provider', provider: providerId },
    });
    return 'refunded';
  }
  // succeeded. Nothing is scarce about a card, so money that arrives after a decline (the
  // buyer tried again on the same page) still buys it.
  if (p.status === 'paid' || p.status === 'refunded') return 'unchanged';
  await completePurchase(q, p.id);
  return 'paid';
}

/** Purchases that await a provider's word, for reconciliation. */
export async function openPurchases(
  q: Queryable,
  providers: string[],
  minAgeSeconds: number,
): Promise<
  { id: string; provider: string; providerRef: string; status: PurchaseStatus; amountTiyn: number }[]
> {
  return q.query(
    `select id, provider, provider_ref as "providerRef", status, price_tiyn::int as "amountTiyn" from membership_purchases
      where status = 'pending_payment' and provider_ref is not null and provider = any($1::text[])
        and created_at > now() - interval '7 days' and created_at <= now() - make_interval(secs => $2)
      order by created_at`,
    [providers, minAgeSeconds],
  );
}

export function assertOnlineProvider(provider: { immediate: boolean } | undefined, id: string): void {
  if (!provider || provider.immediate) {
    throw new HttpProblem(
      400,
      'validation_failed',
      `Payment provider "${id}" does not take online payments here.`,
      {
        errors: [{ path: 'body/payment/provider', message: 'is not an online provider' }],
      },
    );
  }
}
