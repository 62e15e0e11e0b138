// Orders: a hold becomes an order; paying it issues the tickets in the same transaction,
// so a paid order always has its tickets.
import type { OrderDto } from '../../../common/api/box-office.ts';
import type { LocalizedTextDto } from '../../../common/api/schemas.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { discounts } from '../offers/discount.ts';
import { applyMembership, returnMembershipEntries } from '../offers/memberships.ts';
import { findPromo, redeemPromo, releasePromo } from '../offers/service.ts';
import { releaseSeatClaims, returnPlaces, transferSeatClaims } from '../program/inventory.ts';
import { queueAfterPayment, queueAfterRefund } from './delivery.ts';
import { getHold } from './holds.ts';
import type { TicketSigner } from './ticket-signing.ts';
import { vatIncluded } from './vat.ts';

/** Minutes an online buyer has to finish paying once the order is placed. */
export const PAYMENT_MINUTES = 15;

export interface PlaceOrder {
  hubId: string;
  holdId: string;
  channel: 'online' | 'desk';
  userId: string | null;
  createdBy: string | null;
  buyer: { email?: string | undefined; name?: string | undefined };
  locale: string;
  idempotencyKey: string | null;
  /** Settled on the spot (desk) or later by a provider's callback. */
  paidNow: boolean;
  complimentary: boolean;
  provider: string;
  method: string;
  /** A promo code the buyer typed, redeemed in this same transaction. */
  promoCode?: string | null | undefined;
  /** A membership card: a pass pays with its entries, a discount card takes its percentage off. */
  membershipCode?: string | null | undefined;
}

export async function findOrderByIdempotencyKey(
  q: Queryable,
  hubId: string,
  key: string,
): Promise<string | undefined> {
  return (
    await maybeOne<{ id: string }>(q, 'select id from orders where hub_id = $1 and idempotency_key = $2', [
      hubId,
      key,
    ])
  )?.id;
}

/** Turns an active hold into an order with VAT per line; returns the order and payment ids. */
export async function placeOrder(
  q: Queryable,
  input: PlaceOrder,
): Promise<{ orderId: string; paymentId: string; totalTiyn: number }> {
  const hold = await getHold(q, input.hubId, input.holdId, { lock: true });
  if (hold.status !== 'active' || new Date(hold.expiresAt) <= new Date()) {
    throw new HttpProblem(
      410,
      'hold_expired',
      'The seats were held for you for a limited time, and that time is over. Choose them again.',
    );
  }
  if (input.channel === 'online' && hold.userId !== input.userId) throw notFound('There is no such hold.');
  // Prices with the VAT rate of their category today, in one round trip.
  const prices = await q.query<{
    code: string;
    priceTiyn: number | string;
    rateBp: number | null;
    vatCategory: string;
  }>(
    `select c.code, c.price_tiyn as "priceTiyn", c.vat_category as "vatCategory",
            (select v.rate_bp from vat_rates v where v.category = c.vat_category and v.valid_from <= current_date
              order by v.valid_from desc limit 1) as "rateBp"
       from price_categories c where c.performance_id = $1`,
    [hold.performanceId],
  );
  const byCode = new Map(prices.map((p) => [p.code, p]));
  const listed = hold.items.flatMap((item) => {
    const price = byCode.get(item.category);
    if (!price) throw new Error(`No price for category ${item.category}`);
    if (price.rateBp === null) throw new Error(`No VAT rate for category ${price.vatCategory}`);
    const list = input.complimentary ? 0 : Number(price.priceTiyn);
    const line = {
      seatId: item.seatId,
      areaId: item.areaId,
      category: item.category,
      list,
      rate: price.rateBp,
    };
    return Array.from({ length: item.quantity }, () => line);
  });
  if (input.promoCode && input.membershipCode) {
    throw new HttpProblem(
      400,
      'validation_failed',
      'Use either a promo code or a membership card, not both.',
      {
        errors: [{ path: 'body/promoCode', message: 'cannot be combined with a membership card' }],
      },
    );
  }
  const promo =
    input.promoCode && !input.complimentary
      ? await applyPromo(q, input.hubId, hold.performanceId, input.promoCode)
      : null;
  const card =
    input.membershipCode && !input.complimentary
      ? await applyMembership(q, input.hubId, input.membershipCode, listed.length)
      : null;
  const lists = listed.map((l) => l.list);
  // A pass pays the whole ticket; a discount card takes its percentage.
  const off = promo
    ? discounts(lists, promo.promo)
    : card
      ? discounts(lists, {
          kind: 'percent',
          percentBp: card.kind === 'pass' ? 10_000 : (card.discountBp ?? 0),
        })
      : listed.map(() => 0);
  // VAT is charged on what is actually paid, after the discount.
  const lines = listed.map((l, i) => {
    const unit = l.list - (off[i] ?? 0);
    return { ...l, unit, discount: off[i] ?? 0, vat: vatIncluded(unit, l.rate) };
  });
  const total = lines.reduce((n, l) => n + l.unit, 0);
  const vat = lines.reduce((n, l) => n + l.vat, 0);
  const paid = input.paidNow || total === 0;
  const order = await one<{ id: string }>(
    q,
    `insert into orders (hub_id, status, channel, user_id, buyer_email, buyer_name, locale, idempotency_key, hold_id,
                         total_tiyn, vat_tiyn, payment_due_at, created_by, paid_at, promo_code_id, membership_id, proof)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $2 = 'pending_payment' then now() + make_interval(mins => $12) end, $13,
             case when $2 = 'paid' then now() end, $14, $15, $16)
     returning id`,
    [
      input.hubId,
      paid ? 'paid' : 'pending_payment',
      input.channel,
      input.userId,
      input.buyer.email?.toLowerCase() ?? null,
      input.buyer.name ?? null,
      input.locale,
      input.idempotencyKey,
      hold.id,
      total,
      vat,
      PAYMENT_MINUTES,
      input.createdBy,
      promo?.id ?? null,
      card?.id ?? null,
      card?.proof ?? null,
    ],
  );
  await q.query(
    `insert into order_lines (order_id, performance_id, seat_id, area_id, price_category_code, unit_price_tiyn, vat_rate_bp, vat_tiyn,
                              complimentary, discount_tiyn)
     select $1, $2, * from unnest($3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::int[], $8::bigint[], $9::boolean[], $10::bigint[])`,
    [
      order.id,
      hold.performanceId,
      lines.map((l) => l.seatId),
      lines.map((l) => l.areaId),
      lines.map((l) => l.category),
      lines.map((l) => l.unit),
      lines.map((l) => l.rate),
      lines.map((l) => l.vat),
      lines.map(() => input.complimentary),
      lines.map((l) => l.discount),
    ],
  );
  await q.query(`update holds set status = 'ordered' where id = $1`, [hold.id]);
  const seatCount = lines.filter((l) => l.seatId).length;
  const moved = await transferSeatClaims(
    q,
    hold.performanceId,
    hold.id,
    paid
      ? { ownerId: order.id, kind: 'sold' }
      : { ownerId: order.id, kind: 'hold', expiresAt: new Date(Date.now() + PAYMENT_MINUTES * 60_000) },
  );
  if (moved !== seatCount) {
    throw new HttpProblem(
      410,
      'hold_expired',
      'Some of the held seats were released meanwhile. Choose them again.',
    );
  }
  const payment = await one<{ id: string }>(
    q,
    `insert into payments (order_id, provider, method, amount_tiyn, status, provider_ref) values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      order.id,
      input.complimentary ? 'complimentary' : input.provider,
      input.method,
      total,
      paid ? 'succeeded' : 'pending',
      paid ? `${input.provider}-${order.id}` : null,
    ],
  );
  if (paid) await insertTickets(q, order.id, input.hubId);
  return { orderId: order.id, paymentId: payment.id, totalTiyn: total };
}

/** Checks a typed code against this performance's event and takes one use of it. */
async function applyPromo(q: Queryable, hubId: string, performanceId: string, code: string) {
  const { eventId } = await one<{ eventId: string }>(
    q,
    'select event_id as "eventId" from performances where id = $1',
    [performanceId],
  );
  const found = await findPromo(q, hubId, code, eventId);
  await redeemPromo(q, found.id, code);
  return found;
}

/** One ticket per line; the seats become sold. Idempotent: a second call issues nothing more. */
export async function issueTickets(q: Queryable, orderId: string): Promise<number> {
  const order = await one<{ hubId: string }>(q, 'select hub_id as "hubId" from orders where id = $1', [
    orderId,
  ]);
  const perfs = await q.query<{ performanceId: string }>(
    'select distinct performance_id as "performanceId" from order_lines where order_id = $1',
    [orderId],
  );
  for (const p of perfs)
    await transferSeatClaims(q, p.performanceId, orderId, { ownerId: orderId, kind: 'sold' });
  return insertTickets(q, orderId, order.hubId);
}

async function insertTickets(q: Queryable, orderId: string, hubId: string): Promise<number> {
  const issued = await q.query(
    `insert into tickets (hub_id, order_id, order_line_id, performance_id, seat_id, proof)
     select $2, l.order_id, l.id, l.performance_id, l.seat_id, o.proof from order_lines l join orders o on o.id = l.order_id
      where l.order_id = $1 and not exists (select 1 from tickets t where t.order_line_id = l.id)
     returning id`,
    [orderId, hubId],
  );
  await queueAfterPayment(q, orderId);
  return issued.length;
}

/** A provider reported the money arrived: pay the order and issue its tickets, once. */
export async function markPaid(q: Queryable, orderId: string): Promise<'paid' | 'already' | 'too_late'> {
  const updated = await q.query(
    `update orders set status = 'paid', paid_at = now() where id = $1 and status = 'pending_payment' returning id`,
    [orderId],
  );
  if (updated.length === 1) {
    await issueTickets(q, orderId);
    return 'paid';
  }
  const status = (await one<{ status: string }>(q, 'select status from orders where id = $1', [orderId]))
    .status;
  return status === 'paid' ? 'already' : 'too_late';
}

async function giveBackOrder(q: Queryable, orderId: string): Promise<void> {
  // Lines given back in an exchange returned their places then.
  const lines = await q.query<{ performanceId: string; areaId: string | null; n: number }>(
    `select performance_id as "performanceId", area_id as "areaId", count(*)::int as n from order_lines
      where order_id = $1 and returned_in_exchange is null
      group by performance_id, area_id`,
    [orderId],
  );
  for (const l of lines) {
    if (l.areaId) await returnPlaces(q, l.areaId, l.n);
    else await releaseSeatClaims(q, l.performanceId, orderId);
  }
  // A promo use and a pass's entries come back with the seats.
  const o = await one<{ promoCodeId: string | null; membershipId: string | null }>(
    q,
    'select promo_code_id as "promoCodeId", membership_id as "membershipId" from orders where id = $1',
    [orderId],
  );
  if (o.promoCodeId) await releasePromo(q, o.promoCodeId);
  if (o.membershipId)
    await returnMembershipEntries(
      q,
      o.membershipId,
      lines.reduce((n, l) => n + l.n, 0),
    );
}

/** Unpaid online orders past their deadline give their seats and places back. */
export async function expireUnpaidOrders(q: Queryable): Promise<number> {
  const expired = await q.query<{ id: string }>(
    `update orders set status = 'expired' where status = 'pending_payment' and payment_due_at <= now() returning id`,
  );
  for (const o of expired) {
    await giveBackOrder(q, o.id);
    await q.query(
      `update payments set status = 'declined', updated_at = now() where order_id = $1 and status = 'pending'`,
      [o.id],
    );
  }
  return expired.length;
}

/**
 * Refunds a whole paid order: tickets void, seats and places back on sale. Money taken by a
 * provider that must be asked to give it back (`owedBy`) is marked as owed in this same
 * transaction and returned by settleRefundsDue, so a failing provider call is retried, not lost;
 * other payments (cash at the desk) are refunded on the spot.
 */
export async function refundOrder(
  q: Queryable,
  hubId: string,
  orderId: string,
  opts: { owedBy?: (provider: string) => boolean } = {},
): Promise<void> {
  const updated = await q.query(
    `update orders set status = 'refunded' where id = $1 and hub_id = $2 and status = 'paid' returning id`,
    [orderId, hubId],
  );
  if (updated.length === 0) {
    const o = await maybeOne<{ status: string }>(
      q,
      'select status from orders where id = $1 and hub_id = $2',
      [orderId, hubId],
    );
    if (!o) throw notFound('There is no such order in this hub.');
    throw new HttpProblem(
      409,
      'not_refundable',
      `Only a paid order can be refunded; this one is ${o.status.replace('_', ' ')}.`,
    );
  }
  await q.query(
    `update tickets set status = 'refunded', refunded_at = now() where order_id = $1 and status = 'valid'`,
    [orderId],
  );
  await giveBackOrder(q, orderId);
  await queueAfterRefund(q, orderId);
  const paid = await q.query<{ id: string; provider: string }>(
    `select id, provider from payments where order_id = $1 and status = 'succeeded'`,
    [orderId],
  );
  for (const p of paid) {
    await q.query(
      opts.owedBy?.(p.provider)
        ? 'update payments set refund_due = true, updated_at = now() where id = $1'
        : `update payments set status = 'refunded', updated_at = now() where id = $1`,
      [p.id],
    );
  }
}

/** Paid orders that somehow lack tickets get them (run at start-up). */
export async function issueMissingTickets(q: Queryable): Promise<number> {
  const orders = await q.query<{ id: string }>(
    `select o.id from orders o where o.status = 'paid'
        and exists (select 1 from order_lines l where l.order_id = o.id and not exists (select 1 from tickets t where t.order_line_id = l.id))`,
  );
  let n = 0;
  for (const o of orders) n += await issueTickets(q, o.id);
  return n;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function getOrder(
  q: Queryable,
  hubId: string,
  orderId: string,
  signer: TicketSigner,
): Promise<OrderDto & { userId: string | null }> {
  const o = await maybeOne<{
    id: string;
    number: number | string;
    hubId: string;
    status: OrderDto['status'];
    channel: OrderDto['channel'];
    buyerEmail: string | null;
    buyerName: string | null;
    totalTiyn: number | string;
    vatTiyn: number | string;
    createdAt: Date;
    paidAt: Date | null;
    paymentDueAt: Date | null;
    userId: string | null;
  }>(
    q,
    `select id, number, hub_id as "hubId", status, channel, buyer_email as "buyerEmail", buyer_name as "buyerName",
            total_tiyn as "totalTiyn", vat_tiyn as "vatTiyn", created_at as "createdAt", paid_at as "paidAt",
            payment_due_at as "paymentDueAt", user_id as "userId"
       from orders where id = $1 and hub_id = $2`,
    [orderId, hubId],
  );
  if (!o) throw notFound('There is no such order in this hub.');
  const lines = await q.query<{
    id: string;
    performanceId: string;
    seatId: string | null;
    areaId: string | null;
    category: string;
    categoryName: LocalizedTextDto;
    unitPriceTiyn: number | string;
    vatRateBp: number;
    vatTiyn: number | string;
    complimentary: boolean;
    discountTiyn: number | string;
  }>(
    `select l.id, l.performance_id as "performanceId", l.seat_id as "seatId", l.area_id as "areaId", l.price_category_code as category,
            coalesce(pc.name, '{}'::jsonb) as "categoryName", l.unit_price_tiyn as "unitPriceTiyn", l.vat_rate_bp as "vatRateBp",
            l.vat_tiyn as "vatTiyn", l.complimentary, l.discount_tiyn as "discountTiyn"
       from order_lines l left join price_categories pc on pc.performance_id = l.performance_id and pc.code = l.price_category_code
      where l.order_id = $1 order by l.seat_id nulls last, l.id`,
    [orderId],
  );
  const tickets = await q.query<{
    id: string;
    lineId: string;
    performanceId: string;
    seatId: string | null;
    status: 'valid' | 'refunded' | 'exchanged';
  }>(
    `select id, order_line_id as "lineId", performance_id as "performanceId", seat_id as "seatId", status from tickets where order_id = $1 order by seat_id nulls last, id`,
    [orderId],
  );
  const payments = await q.query<{
    id: string;
    provider: string;
    method: string;
    status: 'pending' | 'succeeded' | 'declined' | 'refunded';
    amountTiyn: number | string;
    redirectUrl: string | null;
  }>(
    `select id, provider, method, status, amount_tiyn as "amountTiyn", redirect_url as "redirectUrl" from payments where order_id = $1 order by created_at`,
    [orderId],
  );
  return {
    ...o,
    number: Number(o.number),
    totalTiyn: Number(o.totalTiyn),
    vatTiyn: Number(o.vatTiyn),
    currency: 'KZT',
    createdAt: new Date(o.createdAt).toISOString(),
    paidAt: iso(o.paidAt),
    paymentDueAt: iso(o.paymentDueAt),
    lines: lines.map((l) => ({
      ...l,
      unitPriceTiyn: Number(l.unitPriceTiyn),
      vatTiyn: Number(l.vatTiyn),
      discountTiyn: Number(l.discountTiyn),
    })),
    tickets: tickets.map((t) => ({
      ...t,
      qr: signer.token({ t: t.id, p: t.performanceId, s: t.seatId, h: o.hubId, n: Number(o.number) }),
    })),
    payments: payments.map(({ redirectUrl, ...p }) => ({
      ...p,
      amountTiyn: Number(p.amountTiyn),
      ...(redirectUrl && p.status === 'pending' ? { redirectUrl } : {}),
    })),
  };
}
