// Orders: a hold becomes an order; paying it issues the tickets in the same transaction,
// so a paid order always has its tickets.
import { randomUUID } from 'node:crypto';
import type { OrderDto } from '../../../common/api/box-office.ts';
import type { LocalizedTextDto } from '../../../common/api/schemas.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { discounts } from '../offers/discount.ts';
import { applyMembership, returnMembershipEntries } from '../offers/memberships.ts';
import { findPromo, redeemPromo, releasePromo } from '../offers/service.ts';
import { recordVoucherUse, returnVoucherUse, spendVoucher, type VoucherSpend } from '../offers/vouchers.ts';
import { releaseSeatClaims, returnPlaces, transferSeatClaims } from '../program/inventory.ts';
import { queueAfterPayment, queueAfterRefund } from './delivery.ts';
import { takeHold } from './holds.ts';
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
  /** A gift voucher: pays what it can of the total, the provider the rest. */
  voucherCode?: string | null | undefined;
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
  const hold = await takeHold(q, input.hubId, input.holdId);
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
  const voucher =
    input.voucherCode && !input.complimentary && total > 0
      ? await spendVoucher(q, input.hubId, input.voucherCode, total)
      : null;
  const due = total - (voucher?.amountTiyn ?? 0);
  const paid = input.paidNow || due === 0;
  // The order, its lines, the provider's payment (none when a voucher pays it all) and, when
  // paid, its tickets in one statement.
  const orderId = randomUUID();
  const { providerPaymentId } = await one<{ providerPaymentId: string | null }>(
    q,
    `with o as (
       insert into orders (id, hub_id, status, channel, user_id, buyer_email, buyer_name, locale, idempotency_key, hold_id,
                           total_tiyn, vat_tiyn, payment_due_at, created_by, paid_at, promo_code_id, membership_id, proof)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
               case when $3 = 'pending_payment' then now() + make_interval(mins => $13) end, $14,
               case when $3 = 'paid' then now() end, $15, $16, $17)
       returning id, hub_id, proof),
     lines as (
       insert into order_lines (order_id, performance_id, seat_id, area_id, price_category_code, unit_price_tiyn, vat_rate_bp,
                                vat_tiyn, complimentary, discount_tiyn)
       select o.id, $18, l.* from o, unnest($19::text[], $20::uuid[], $21::text[], $22::bigint[], $23::int[], $24::bigint[],
                                            $25::boolean[], $26::bigint[]) as l
       returning id, order_id, performance_id, seat_id),
     payment as (
       insert into payments (order_id, provider, method, amount_tiyn, status, provider_ref)
       select o.id, $27, $28, $30, case when $3 = 'paid' then 'succeeded' else 'pending' end,
              case when $3 = 'paid' then $29 || '-' || o.id end
         from o where $31 returning id),
     issued as (
       insert into tickets (hub_id, order_id, order_line_id, performance_id, seat_id, proof)
       select o.hub_id, o.id, lines.id, lines.performance_id, lines.seat_id, o.proof from o, lines where $3 = 'paid')
     select (select id from payment) as "providerPaymentId" from o`,
    [
      orderId,
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
      hold.performanceId,
      lines.map((l) => l.seatId),
      lines.map((l) => l.areaId),
      lines.map((l) => l.category),
      lines.map((l) => l.unit),
      lines.map((l) => l.rate),
      lines.map((l) => l.vat),
      lines.map(() => input.complimentary),
      lines.map((l) => l.discount),
      input.complimentary ? 'complimentary' : input.provider,
      input.method,
      input.provider,
      due,
      !(voucher && due === 0),
    ],
  );
  const seatCount = lines.filter((l) => l.seatId).length;
  const moved = await transferSeatClaims(
    q,
    hold.performanceId,
    hold.id,
    paid
      ? { ownerId: orderId, kind: 'sold' }
      : { ownerId: orderId, kind: 'hold', expiresAt: new Date(Date.now() + PAYMENT_MINUTES * 60_000) },
  );
  if (moved !== seatCount) {
    throw new HttpProblem(
      410,
      'hold_expired',
      'Some of the held seats were released meanwhile. Choose them again.',
    );
  }
  // The voucher's part is paid at once; the provider was asked only for what is left.
  const byVoucher = voucher ? await payByVoucher(q, orderId, voucher) : null;
  const paymentId = providerPaymentId ?? byVoucher?.id;
  if (!paymentId) throw new Error('An order was placed without a payment');
  if (paid) await queueAfterPayment(q, orderId);
  return { orderId, paymentId, totalTiyn: total };
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

/** The voucher's part of an order: a payment settled at once, and its entry in the voucher's ledger. */
async function payByVoucher(q: Queryable, orderId: string, spend: VoucherSpend): Promise<{ id: string }> {
  await recordVoucherUse(q, spend, orderId);
  return one<{ id: string }>(
    q,
    `insert into payments (order_id, provider, method, amount_tiyn, status, provider_ref)
     values ($1, 'voucher', 'voucher', $2, 'succeeded', $3) returning id`,
    [orderId, spend.amountTiyn, `voucher-${orderId}`],
  );
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
  // A gift voucher's part goes back onto the voucher, never out as cash (last, as a checkout
  // takes the voucher after the promo code and the card: locks in the same order).
  if ((await returnVoucherUse(q, orderId)) > 0)
    await q.query(
      `update payments set status = 'refunded', updated_at = now() where order_id = $1 and provider = 'voucher' and status = 'succeeded'`,
      [orderId],
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

/** An order with its lines, tickets and payments, read in one round trip. */
export async function getOrder(
  q: Queryable,
  hubId: string,
  orderId: string,
  signer: TicketSigner,
): Promise<OrderDto & { userId: string | null; locale: string }> {
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
    locale: string;
    lines: (Omit<OrderDto['lines'][number], 'categoryName'> & { categoryName: LocalizedTextDto | null })[];
    tickets: {
      id: string;
      lineId: string;
      performanceId: string;
      seatId: string | null;
      status: 'valid' | 'refunded';
    }[];
    payments: (OrderDto['payments'][number] & { redirectUrl: string | null })[];
  }>(
    q,
    `select o.id, o.number, o.hub_id as "hubId", o.status, o.channel, o.buyer_email as "buyerEmail", o.buyer_name as "buyerName",
            o.total_tiyn as "totalTiyn", o.vat_tiyn as "vatTiyn", o.created_at as "createdAt", o.paid_at as "paidAt",
            o.payment_due_at as "paymentDueAt", o.user_id as "userId", o.locale,
            coalesce((select json_agg(json_build_object(
                        'id', l.id, 'performanceId', l.performance_id, 'seatId', l.seat_id, 'areaId', l.area_id,
                        'category', l.price_category_code, 'categoryName', pc.name, 'unitPriceTiyn', l.unit_price_tiyn,
                        'vatRateBp', l.vat_rate_bp, 'vatTiyn', l.vat_tiyn, 'complimentary', l.complimentary,
                        'discountTiyn', l.discount_tiyn,
                        'seat', case when s.id is not null then json_build_object('section', ps.name, 'row', s.row_label, 'number', s.number) end)
                        order by l.seat_id nulls last, l.id)
                        from order_lines l
                        left join price_categories pc on pc.performance_id = l.performance_id and pc.code = l.price_category_code
                        left join seats s on s.performance_id = l.performance_id and s.id = l.seat_id
                        left join performance_sections ps on ps.performance_id = s.performance_id and ps.id = s.section
                       where l.order_id = o.id), '[]'::json) as lines,
            coalesce((select json_agg(json_build_object(
                        'id', t.id, 'lineId', t.order_line_id, 'performanceId', t.performance_id, 'seatId', t.seat_id,
                        'status', t.status) order by t.seat_id nulls last, t.id)
                        from tickets t where t.order_id = o.id), '[]'::json) as tickets,
            coalesce((select json_agg(json_build_object(
                        'id', p.id, 'provider', p.provider, 'method', p.method, 'status', p.status,
                        'amountTiyn', p.amount_tiyn, 'redirectUrl', p.redirect_url)
                        order by p.created_at, p.provider = 'voucher' desc, p.id)
                        from payments p where p.order_id = o.id), '[]'::json) as payments
       from orders o where o.id = $1 and o.hub_id = $2`,
    [orderId, hubId],
  );
  if (!o) throw notFound('There is no such order in this hub.');
  return {
    ...o,
    number: Number(o.number),
    totalTiyn: Number(o.totalTiyn),
    vatTiyn: Number(o.vatTiyn),
    currency: 'KZT',
    createdAt: new Date(o.createdAt).toISOString(),
    paidAt: iso(o.paidAt),
    paymentDueAt: iso(o.paymentDueAt),
    lines: o.lines.map((l) => ({ ...l, categoryName: l.categoryName ?? {} })),
    tickets: o.tickets.map((t) => ({
      ...t,
      qr: signer.token({ t: t.id, p: t.performanceId, s: t.seatId, h: o.hubId, n: Number(o.number) }),
    })),
    payments: o.payments.map(({ redirectUrl, ...p }) => ({
      ...p,
      ...(redirectUrl && p.status === 'pending' ? { redirectUrl } : {}),
    })),
  };
}
