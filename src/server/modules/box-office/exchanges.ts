// Exchanges at the desk: some tickets of a paid order given back for other seats or places,
// at the same performance or another, in one transaction. The new places are claimed through a
// hold (so an exchange can never oversell or sell a seat twice), the old tickets go void and
// their seats back on sale, the new tickets are issued on the same order, and the price
// difference is recorded as a desk payment: positive when the buyer paid it, negative when it
// was handed back. The order's total stays the sum of its lines not given back and equals the
// sum of its succeeded payments, so reports count an exchange once and a later refund returns
// what the buyer has paid in all.
import { randomUUID } from 'node:crypto';
import type { ExchangeDto } from '../../../common/api/exchanges.ts';
import { exchangePrices } from '../../../common/exchange-prices.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { releaseSeatClaims, returnPlaces, transferSeatClaims } from '../program/inventory.ts';
import { getPerformance, getSaleInfo } from '../program/service.ts';
import { queueFiscalReceipt } from './fiscal.ts';
import { createHold, type Hold, type HoldRequest, takeHold } from './holds.ts';
import { vatIncluded } from './vat.ts';

export interface ExchangeInput {
  hubId: string;
  orderId: string;
  ticketIds: string[];
  /** the new places: a hold made before (the desk previews the difference with it) or asked for now */
  target: { holdId: string } | ({ performanceId: string } & HoldRequest);
  reason: string;
  method: 'cash' | 'card' | undefined;
  createdBy: string;
  idempotencyKey: string | null;
}

interface GivenBack {
  id: string;
  status: string;
  firstEntryAt: Date | null;
  performanceId: string;
  seatId: string | null;
  lineId: string;
  areaId: string | null;
  unitPriceTiyn: number | string;
  discountTiyn: number | string;
  vatTiyn: number | string;
  complimentary: boolean;
}

const notExchangeable = (status: string) =>
  new HttpProblem(
    409,
    'not_exchangeable',
    `Only tickets of a paid order can be exchanged; this order is ${status.replace('_', ' ')}.`,
  );

/** Runs one exchange inside the caller's transaction; answers the exchange's id. */
export async function exchangeTickets(q: Queryable, input: ExchangeInput): Promise<string> {
  // The order row first: two clerks exchanging the same tickets take turns, and the second
  // finds them exchanged.
  const order = await maybeOne<{ status: string }>(
    q,
    'select status from orders where id = $1 and hub_id = $2 for update',
    [input.orderId, input.hubId],
  );
  if (!order) throw notFound('There is no such order in this hub.');
  if (order.status !== 'paid') throw notExchangeable(order.status);

  const given = await q.query<GivenBack>(
    `select t.id, t.status, t.first_entry_at as "firstEntryAt", t.performance_id as "performanceId", t.seat_id as "seatId",
            l.id as "lineId", l.area_id as "areaId", l.unit_price_tiyn as "unitPriceTiyn", l.discount_tiyn as "discountTiyn",
            l.vat_tiyn as "vatTiyn", l.complimentary
       from tickets t join order_lines l on l.id = t.order_line_id
      where t.order_id = $1 and t.id = any($2::uuid[]) for update of t`,
    [input.orderId, input.ticketIds],
  );
  const found = new Set(given.map((g) => g.id));
  const strangers = input.ticketIds.flatMap((id, i) => (found.has(id) ? [] : [i]));
  if (strangers.length)
    throw new HttpProblem(400, 'validation_failed', 'Some of these tickets are not tickets of this order.', {
      errors: strangers.map((i) => ({ path: `body/tickets/${i}`, message: 'is not a ticket of this order' })),
    });
  const exchanged = given.filter((g) => g.status === 'exchanged');
  if (exchanged.length)
    throw new HttpProblem(
      409,
      'ticket_exchanged',
      `${exchanged.length === 1 ? 'This ticket was' : 'These tickets were'} already exchanged: ${exchanged.map((g) => g.seatId ?? g.id).join(', ')}.`,
    );
  if (given.some((g) => g.status !== 'valid')) throw notExchangeable('refunded');
  const used = given.filter((g) => g.firstEntryAt !== null);
  if (used.length)
    throw new HttpProblem(
      409,
      'ticket_used',
      `Already used at the door, so not exchangeable: ${used.map((g) => g.seatId ?? g.id).join(', ')}.`,
    );
  for (const perfId of new Set(given.map((g) => g.performanceId))) {
    const perf = await getPerformance(q, input.hubId, perfId, { drafts: true });
    if (new Date(perf.startsAt) <= new Date())
      throw new HttpProblem(
        409,
        'performance_started',
        'The performance of these tickets has already started; they can no longer be exchanged.',
      );
  }

  const hold = await targetHold(q, input);
  const wanted = hold.items.reduce((n, i) => n + i.quantity, 0);
  if (wanted !== given.length)
    throw new HttpProblem(
      400,
      'exchange_count_mismatch',
      `Give back as many tickets as new seats or places are chosen: ${given.length} tickets for ${wanted} places.`,
    );

  // The new places at today's list prices and VAT rates, with the discount the old tickets had.
  const prices = await q.query<{ code: string; priceTiyn: number | string; rateBp: number | null }>(
    `select c.code, c.price_tiyn as "priceTiyn",
            (select v.rate_bp from vat_rates v where v.category = c.vat_category and v.valid_from <= current_date
              order by v.valid_from desc limit 1) as "rateBp"
       from price_categories c where c.performance_id = $1`,
    [hold.performanceId],
  );
  const byCode = new Map(prices.map((p) => [p.code, p]));
  const places = hold.items.flatMap((item) => {
    const price = byCode.get(item.category);
    if (!price || price.rateBp === null)
      throw new Error(`No price or VAT rate for category ${item.category}`);
    return Array.from({ length: item.quantity }, () => ({
      seatId: item.seatId,
      areaId: item.areaId,
      category: item.category,
      list: Number(price.priceTiyn),
      rate: price.rateBp as number,
    }));
  });
  const priced = exchangePrices(
    given.map((g) => ({
      unitPriceTiyn: Number(g.unitPriceTiyn),
      discountTiyn: Number(g.discountTiyn),
      complimentary: g.complimentary,
    })),
    places.map((p) => p.list),
  );
  const lines = places.map((p, i) => {
    const price = priced[i] ?? { unitPriceTiyn: p.list, discountTiyn: 0, complimentary: false };
    return { ...p, ...price, vat: vatIncluded(price.unitPriceTiyn, p.rate) };
  });
  const returnedTiyn = given.reduce((n, g) => n + Number(g.unitPriceTiyn), 0);
  const returnedVat = given.reduce((n, g) => n + Number(g.vatTiyn), 0);
  const issuedTiyn = lines.reduce((n, l) => n + l.unitPriceTiyn, 0);
  const issuedVat = lines.reduce((n, l) => n + l.vat, 0);
  const difference = issuedTiyn - returnedTiyn;
  if (difference !== 0 && !input.method)
    throw new HttpProblem(
      400,
      'validation_failed',
      'Say how the price difference is settled at the desk: cash or card.',
      { errors: [{ path: 'body/payment', message: 'is required when the prices differ' }] },
    );

  const exchangeId = randomUUID();
  // The difference is money at the desk, recorded like a desk sale (or a desk refund).
  const payment =
    difference === 0
      ? null
      : await one<{ id: string }>(
          q,
          `insert into payments (order_id, provider, method, amount_tiyn, status, provider_ref, note)
           values ($1, 'desk', $2, $3, 'succeeded', $4, $5) returning id`,
          [
            input.orderId,
            input.method,
            difference,
            `desk-exchange-${exchangeId}`,
            difference > 0 ? 'Exchange: difference paid' : 'Exchange: difference handed back',
          ],
        );
  await q.query(
    `insert into order_exchanges (id, hub_id, order_id, idempotency_key, reason, performance_id, returned_tiyn, issued_tiyn,
                                  difference_tiyn, method, payment_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      exchangeId,
      input.hubId,
      input.orderId,
      input.idempotencyKey,
      input.reason,
      hold.performanceId,
      returnedTiyn,
      issuedTiyn,
      difference,
      difference === 0 ? null : (input.method ?? null),
      payment?.id ?? null,
      input.createdBy,
    ],
  );

  // The old tickets go void and their lines stop counting; conditional updates, so a ticket is
  // given back once however requests race.
  const voided = await q.query(
    `update tickets set status = 'exchanged', inside = false where id = any($1::uuid[]) and status = 'valid' returning id`,
    [given.map((g) => g.id)],
  );
  const returned = await q.query(
    `update order_lines set returned_in_exchange = $2 where id = any($1::uuid[]) and returned_in_exchange is null returning id`,
    [given.map((g) => g.lineId), exchangeId],
  );
  if (voided.length !== given.length || returned.length !== given.length)
    throw new HttpProblem(409, 'ticket_exchanged', 'These tickets were exchanged meanwhile.');
  // Their seats and places go back on sale.
  for (const perfId of new Set(given.map((g) => g.performanceId))) {
    const seats = given.filter((g) => g.performanceId === perfId && g.seatId).map((g) => g.seatId as string);
    if (seats.length) await releaseSeatClaims(q, perfId, input.orderId, seats);
  }
  const areas = new Map<string, number>();
  for (const g of given) if (g.areaId) areas.set(g.areaId, (areas.get(g.areaId) ?? 0) + 1);
  for (const [areaId, n] of areas) await returnPlaces(q, areaId, n);

  // The new places become the order's, sold; the hold is used up.
  await q.query(`update holds set status = 'ordered' where id = $1`, [hold.id]);
  const seated = lines.filter((l) => l.seatId).length;
  const moved = await transferSeatClaims(q, hold.performanceId, hold.id, {
    ownerId: input.orderId,
    kind: 'sold',
  });
  if (moved !== seated)
    throw new HttpProblem(
      410,
      'hold_expired',
      'Some of the held seats were released meanwhile. Choose them again.',
    );
  await q.query(
    `insert into order_lines (order_id, performance_id, seat_id, area_id, price_category_code, unit_price_tiyn, vat_rate_bp, vat_tiyn,
                              complimentary, discount_tiyn, issued_in_exchange)
     select $1, $2, *, $11 from unnest($3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::int[], $8::bigint[], $9::boolean[], $10::bigint[])`,
    [
      input.orderId,
      hold.performanceId,
      lines.map((l) => l.seatId),
      lines.map((l) => l.areaId),
      lines.map((l) => l.category),
      lines.map((l) => l.unitPriceTiyn),
      lines.map((l) => l.rate),
      lines.map((l) => l.vat),
      lines.map((l) => l.complimentary),
      lines.map((l) => l.discountTiyn),
      exchangeId,
    ],
  );
  // One new ticket per new line (the unique index on valid seats is the last word on a seat sold twice).
  await q.query(
    `insert into tickets (hub_id, order_id, order_line_id, performance_id, seat_id, proof)
     select o.hub_id, o.id, l.id, l.performance_id, l.seat_id, o.proof
       from order_lines l join orders o on o.id = l.order_id where l.issued_in_exchange = $1`,
    [exchangeId],
  );
  await q.query('update orders set total_tiyn = total_tiyn + $2, vat_tiyn = vat_tiyn + $3 where id = $1', [
    input.orderId,
    difference,
    issuedVat - returnedVat,
  ]);
  // Its fiscal receipts: a refund for the tickets given back, a sale for the new ones (what was
  // carried over from the one to the other is set off, the difference is money at the desk).
  if (returnedTiyn > 0)
    await queueFiscalReceipt(q, input.hubId, { orderId: input.orderId, exchangeId }, 'refund');
  if (issuedTiyn > 0)
    await queueFiscalReceipt(q, input.hubId, { orderId: input.orderId, exchangeId }, 'sale');
  // The buyer gets the order's valid tickets by mail again, like after a sale.
  await q.query(
    `insert into order_jobs (hub_id, order_id, kind)
     select hub_id, id, 'tickets_mail' from orders where id = $1 and buyer_email is not null
     on conflict (order_id, kind) do update
       set status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null, last_error = null, done_at = null`,
    [input.orderId],
  );
  return exchangeId;
}

const performanceOver = () =>
  new HttpProblem(
    409,
    'performance_over',
    'The performance chosen for the new tickets is over. Choose another one.',
  );

/** The hold with the new places: the one named, or one made now in this transaction. */
async function targetHold(q: Queryable, input: ExchangeInput): Promise<Hold> {
  if ('holdId' in input.target) {
    // Taken in one statement, so the same hold can't go to two exchanges (410 once it has run out).
    const hold = await takeHold(q, input.hubId, input.target.holdId);
    const perf = await getPerformance(q, input.hubId, hold.performanceId, { drafts: true });
    if (new Date(perf.endsAt) <= new Date()) throw performanceOver();
    return hold;
  }
  const { performanceId, ...request } = input.target;
  const perf = await getSaleInfo(q, input.hubId, performanceId, { drafts: false });
  if (new Date(perf.endsAt) <= new Date()) throw performanceOver();
  return createHold(q, perf, input.hubId, input.createdBy, request);
}

/**
 * Whether some of the order's money was handed back at the desk in an exchange. Providers
 * refund whole payments only, so refunding such an order through its online provider would
 * return more than the buyer still has in it: the desk refunds it instead.
 */
export async function handedBackInExchange(q: Queryable, orderId: string): Promise<boolean> {
  // The order row first, as an exchange takes it: an exchange under way finishes before we look.
  await q.query('select 1 from orders where id = $1 for update', [orderId]);
  const rows = await q.query(
    `select 1 from payments where order_id = $1 and amount_tiyn < 0 and status = 'succeeded' limit 1`,
    [orderId],
  );
  return rows.length > 0;
}

export interface ExchangeMovement {
  id: string;
  at: string;
  returnedTiyn: number;
  issuedTiyn: number;
  differenceTiyn: number;
  method: 'cash' | 'card' | null;
  /** the desk payment of the difference, if any */
  paymentId: string | null;
  returnedLineIds: string[];
  issuedLineIds: string[];
}

/** An order's exchanges as money movements: amounts, the difference's payment, the lines each moved. */
export async function exchangeMovements(q: Queryable, orderId: string): Promise<ExchangeMovement[]> {
  const rows = await q.query<
    Omit<ExchangeMovement, 'at' | 'returnedTiyn' | 'issuedTiyn' | 'differenceTiyn'> & {
      at: Date | string;
      returnedTiyn: number | string;
      issuedTiyn: number | string;
      differenceTiyn: number | string;
    }
  >(
    `select x.id, x.created_at as at, x.returned_tiyn as "returnedTiyn", x.issued_tiyn as "issuedTiyn",
            x.difference_tiyn as "differenceTiyn", x.method, x.payment_id as "paymentId",
            coalesce((select array_agg(l.id::text order by l.id) from order_lines l
                       where l.order_id = x.order_id and l.returned_in_exchange = x.id), '{}') as "returnedLineIds",
            coalesce((select array_agg(l.id::text order by l.id) from order_lines l
                       where l.order_id = x.order_id and l.issued_in_exchange = x.id), '{}') as "issuedLineIds"
       from order_exchanges x where x.order_id = $1 order by x.created_at, x.id`,
    [orderId],
  );
  return rows.map((r) => ({
    ...r,
    at: new Date(r.at).toISOString(),
    returnedTiyn: Number(r.returnedTiyn),
    issuedTiyn: Number(r.issuedTiyn),
    differenceTiyn: Number(r.differenceTiyn),
  }));
}

export async function findExchangeByKey(
  q: Queryable,
  hubId: string,
  key: string,
): Promise<{ id: string; orderId: string } | undefined> {
  return maybeOne(
    q,
    'select id, order_id as "orderId" from order_exchanges where hub_id = $1 and idempotency_key = $2',
    [hubId, key],
  );
}

/** An order's exchanges, oldest first (or the one asked for). */
export async function listExchanges(
  q: Queryable,
  hubId: string,
  orderId: string,
  exchangeId?: string,
): Promise<ExchangeDto[]> {
  const rows = await q.query<{
    id: string;
    orderId: string;
    orderNumber: number | string;
    performanceId: string;
    reason: string;
    returnedTiyn: number | string;
    issuedTiyn: number | string;
    differenceTiyn: number | string;
    method: 'cash' | 'card' | null;
    createdAt: Date | string;
    returnedTickets: string[] | null;
    issuedTickets: string[] | null;
  }>(
    `select x.id, x.order_id as "orderId", o.number as "orderNumber", x.performance_id as "performanceId", x.reason,
            x.returned_tiyn as "returnedTiyn", x.issued_tiyn as "issuedTiyn", x.difference_tiyn as "differenceTiyn",
            x.method, x.created_at as "createdAt",
            (select array_agg(t.id order by t.seat_id, t.id) from tickets t join order_lines l on l.id = t.order_line_id
              where l.returned_in_exchange = x.id) as "returnedTickets",
            (select array_agg(t.id order by t.seat_id, t.id) from tickets t join order_lines l on l.id = t.order_line_id
              where l.issued_in_exchange = x.id) as "issuedTickets"
       from order_exchanges x join orders o on o.id = x.order_id
      where x.hub_id = $1 and x.order_id = $2 and ($3::uuid is null or x.id = $3)
      order by x.created_at, x.id`,
    [hubId, orderId, exchangeId ?? null],
  );
  return rows.map((r) => ({
    ...r,
    orderNumber: Number(r.orderNumber),
    returnedTiyn: Number(r.returnedTiyn),
    issuedTiyn: Number(r.issuedTiyn),
    differenceTiyn: Number(r.differenceTiyn),
    createdAt: new Date(r.createdAt).toISOString(),
    returnedTickets: r.returnedTickets ?? [],
    issuedTickets: r.issuedTickets ?? [],
  }));
}
