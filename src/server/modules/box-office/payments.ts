// Online payments after checkout: what a provider tells us (signed callbacks, or its answer
// when we ask during reconciliation) and the money we owe back. Every piece of news goes
// through applyPaymentEvent, which records it once (payment_callbacks) and changes the order
// at most once, so replays, duplicates and out-of-order news change nothing.
import type { TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { ProblemSchema } from '../../../common/api/schemas.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import type { CallbackEvent, PaymentProvider } from '../../platform/payments/provider.ts';
import { SandboxCallbackBody } from '../../platform/payments/sandbox.ts';
import { recordAudit } from '../audit/service.ts';
import { applyPurchasePayment } from '../offers/membership-purchases.ts';
import { retakeVoucherUse } from '../offers/vouchers.ts';
import { claimSeats, takePlaces } from '../program/inventory.ts';
import { getPerformance } from '../program/service.ts';
import { queueLateRefundReceipts } from './delivery.ts';
import { issueTickets, markPaid, refundOrder } from './orders.ts';

export type PaymentEventResult =
  | 'paid'
  | 'reclaimed'
  | 'refund_due'
  | 'declined'
  | 'refunded'
  | 'unchanged'
  | 'duplicate'
  | 'rejected_amount';

type Deps = Pick<AppContext, 'db' | 'payments'>;
interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Records one piece of news about a payment and acts on it, once. */
export async function applyPaymentEvent(
  deps: Deps,
  provider: PaymentProvider,
  event: CallbackEvent,
  payload: unknown,
): Promise<PaymentEventResult> {
  const result = await deps.db.tx(async (q) => {
    const fresh = await q.query(
      `insert into payment_callbacks (provider, event_id, payload, provider_ref) values ($1, $2, $3, $4)
       on conflict do nothing returning event_id`,
      [provider.id, event.eventId, JSON.stringify(payload ?? null), event.providerRef],
    );
    if (fresh.length === 0) {
      const seen = await one<{ result: string | null }>(
        q,
        'select result from payment_callbacks where provider = $1 and event_id = $2',
        [provider.id, event.eventId],
      );
      return seen.result === 'rejected_amount' ? 'rejected_amount' : 'duplicate';
    }
    const r = await act(q, provider.id, event);
    await q.query('update payment_callbacks set result = $3 where provider = $1 and event_id = $2', [
      provider.id,
      event.eventId,
      r,
    ]);
    return r;
  });
  if (result === 'refund_due') await settleRefundsDue(deps);
  return result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The payment a piece of news is about: by the provider's reference, or else by our own payment
 * id that the provider echoes, for a payment whose reference we never saved (checkout died
 * between starting the payment and recording the answer).
 */
async function findPayment(q: Queryable, providerId: string, event: CallbackEvent) {
  const byRef = await maybeOne<{ paymentId: string; orderId: string }>(
    q,
    'select id as "paymentId", order_id as "orderId" from payments where provider = $1 and provider_ref = $2',
    [providerId, event.providerRef],
  );
  if (byRef || !event.paymentId || !UUID.test(event.paymentId)) return byRef;
  return maybeOne<{ paymentId: string; orderId: string }>(
    q,
    `select id as "paymentId", order_id as "orderId" from payments where provider = $1 and id = $2 and provider_ref is null`,
    [providerId, event.paymentId],
  );
}

async function act(q: Queryable, providerId: string, event: CallbackEvent): Promise<PaymentEventResult> {
  const ref = await findPayment(q, providerId, event);
  if (!ref) {
    // Not a ticket order: perhaps a membership card bought online.
    const purchase = await applyPurchasePayment(q, providerId, event);
    if (purchase) return purchase;
    // Unknown here (yet): answer 404 and keep nothing, so the provider's retry is not lost.
    throw notFound('No payment with this provider reference.');
  }
  // The order row first, then the payment: the order expireUnpaidOrders and refundOrder lock
  // them in, so a callback racing the sweeper waits instead of deadlocking.
  const order = await one<{ hubId: string; status: string }>(
    q,
    'select hub_id as "hubId", status from orders where id = $1 for update',
    [ref.orderId],
  );
  const payment = await one<{ status: string; amountTiyn: number | string; providerRef: string | null }>(
    q,
    'select status, amount_tiyn as "amountTiyn", provider_ref as "providerRef" from payments where id = $1 for update',
    [ref.paymentId],
  );
  if (payment.providerRef !== event.providerRef) {
    if (payment.providerRef !== null) throw notFound('No payment with this provider reference.');
    await q.query('update payments set provider_ref = $2 where id = $1', [ref.paymentId, event.providerRef]);
  }
  if (Number(payment.amountTiyn) !== event.amountTiyn) return 'rejected_amount';
  const setPayment = (status: string, extra: { note?: string; refundDue?: boolean } = {}) =>
    q.query(
      `update payments set status = $2, note = coalesce($3, note), refund_due = coalesce($4, refund_due), updated_at = now()
        where id = $1`,
      [ref.paymentId, status, extra.note ?? null, extra.refundDue ?? null],
    );

  if (event.outcome === 'declined') {
    // Only a payment still waiting can be declined; a "declined" after "succeeded" is stale news.
    if (payment.status !== 'pending') return 'unchanged';
    await setPayment('declined');
    return 'declined';
  }

  if (event.outcome === 'refunded') {
    if (payment.status === 'refunded') return 'unchanged';
    if (payment.status === 'succeeded' && order.status === 'paid') {
      // Refunded in the provider's merchant office: the tickets go void and the seats back on sale.
      await refundOrder(q, order.hubId, ref.orderId);
      await setPayment('refunded', { note: 'Refunded at the payment provider.', refundDue: false });
      await recordAudit(q, {
        hubId: order.hubId,
        actorId: null,
        action: 'order.refund',
        entityType: 'order',
        entityId: ref.orderId,
        details: { reason: 'Refunded at the payment provider', provider: providerId },
      });
      return 'refunded';
    }
    await setPayment('refunded', { note: 'Refunded at the payment provider.', refundDue: false });
    return 'refunded';
  }

  // succeeded: the money has arrived.
  if (payment.status === 'succeeded' || payment.status === 'refunded') return 'unchanged';
  if (order.status === 'pending_payment') {
    await setPayment('succeeded');
    await markPaid(q, ref.orderId);
    return 'paid';
  }
  const why =
    order.status === 'expired'
      ? await reclaim(q, order.hubId, ref.orderId)
      : `The order was already ${order.status.replace('_', ' ')} when the payment arrived.`;
  if (why === null) {
    await q.query(`update orders set status = 'paid', paid_at = now() where id = $1 and status = 'expired'`, [
      ref.orderId,
    ]);
    await issueTickets(q, ref.orderId);
    await setPayment('succeeded', {
      note: 'Paid after the order had expired; its seats were claimed again.',
    });
  } else {
    await setPayment('succeeded', { note: `Refunded automatically: ${why}`, refundDue: true });
    await queueLateRefundReceipts(q, ref.orderId);
  }
  await recordAudit(q, {
    hubId: order.hubId,
    actorId: null,
    action: 'order.late_payment',
    entityType: 'order',
    entityId: ref.orderId,
    details: why === null ? { outcome: 'reclaimed' } : { outcome: 'refunded', reason: why },
  });
  return why === null ? 'reclaimed' : 'refund_due';
}

/**
 * A payment arrived for an order that had expired: claim its seats and places again, all or
 * none (a savepoint undoes a partial claim). Answers null on success, else why not.
 */
async function reclaim(q: Queryable, hubId: string, orderId: string): Promise<string | null> {
  const lines = await q.query<{ performanceId: string; seatId: string | null; areaId: string | null }>(
    'select performance_id as "performanceId", seat_id as "seatId", area_id as "areaId" from order_lines where order_id = $1',
    [orderId],
  );
  for (const perfId of new Set(lines.map((l) => l.performanceId))) {
    const perf = await getPerformance(q, hubId, perfId, { drafts: true });
    if (perf.status !== 'on_sale' || new Date(perf.startsAt) <= new Date())
      return 'the performance is no longer on sale.';
  }
  await q.query('savepoint reclaim');
  const fail = async (why: string) => {
    await q.query('rollback to savepoint reclaim');
    return why;
  };
  for (const perfId of new Set(lines.map((l) => l.performanceId))) {
    const seats = lines.filter((l) => l.performanceId === perfId && l.seatId).map((l) => l.seatId as string);
    const claimed = await claimSeats(q, perfId, seats, { kind: 'sold', ownerId: orderId });
    if (!claimed.ok) return fail(`seats ${claimed.taken.join(', ')} were sold to someone else meanwhile.`);
  }
  const areas = new Map<string, number>();
  for (const l of lines) if (l.areaId) areas.set(l.areaId, (areas.get(l.areaId) ?? 0) + 1);
  for (const [areaId, n] of areas)
    if (!(await takePlaces(q, areaId, n))) return fail('the standing places were sold meanwhile.');
  // The gift voucher's part went back onto the voucher when the order lapsed: take it again.
  const byVoucher = await q.query<{ id: string; amountTiyn: number }>(
    `select id, amount_tiyn::int as "amountTiyn" from payments where order_id = $1 and provider = 'voucher' and status = 'refunded'`,
    [orderId],
  );
  for (const p of byVoucher) {
    if (!(await retakeVoucherUse(q, orderId, p.amountTiyn)))
      return fail('the gift voucher was spent or cancelled meanwhile.');
    await q.query(`update payments set status = 'succeeded', updated_at = now() where id = $1`, [p.id]);
  }
  await q.query('release savepoint reclaim');
  return null;
}

/**
 * Gives back money we decided to return (late payments that found no seats). Each payment is
 * claimed for a while before the provider is called, so two processes never refund it twice,
 * and a refund interrupted by a crash is tried again once the claim runs out.
 */
export async function settleRefundsDue(deps: Deps, log?: Log): Promise<number> {
  const due = await deps.db.query<{
    id: string;
    provider: string;
    providerRef: string | null;
    amountTiyn: number;
  }>(
    `update payments set refund_claimed_until = now() + interval '2 minutes'
      where id in (select id from payments where refund_due and (refund_claimed_until is null or refund_claimed_until < now())
                   for update skip locked)
      returning id, provider, provider_ref as "providerRef", amount_tiyn::int as "amountTiyn"`,
  );
  let done = 0;
  for (const p of due) {
    const provider = deps.payments.get(p.provider);
    try {
      if (!provider || !p.providerRef) throw new Error(`provider ${p.provider} cannot refund this payment`);
      await provider.refund({ providerRef: p.providerRef, amountTiyn: p.amountTiyn });
      await deps.db.query(
        `update payments set status = 'refunded', refund_due = false, refund_claimed_until = null, updated_at = now() where id = $1`,
        [p.id],
      );
      done++;
    } catch (err) {
      log?.error({ err, paymentId: p.id }, 'refund at the payment provider failed; will retry');
    }
  }
  return done;
}

/**
 * Asks the providers about payments we have no final word on (callbacks lost while the process
 * was down, or never sent), and applies their answer like a callback. Also asks about payments
 * our sweeper declined when their order expired: the buyer may have paid at the last second;
 * and first finds, by our own id, payments whose provider reference was never saved.
 */
export async function reconcilePayments(
  deps: Deps,
  opts: { minAgeSeconds?: number; log?: Log } = {},
): Promise<Partial<Record<PaymentEventResult, number>>> {
  await linkUnsavedStarts(deps, opts);
  const askable = [...deps.payments.values()].filter((p) => p.status).map((p) => p.id);
  const rows = await deps.db.query<{
    id: string;
    provider: string;
    providerRef: string;
    status: string;
    amountTiyn: number;
  }>(
    `select p.id, p.provider, p.provider_ref as "providerRef", p.status, p.amount_tiyn::int as "amountTiyn" from payments p
      where p.status in ('pending', 'declined') and p.provider_ref is not null and p.provider = any($1::text[])
        and p.updated_at > now() - interval '7 days' and p.created_at <= now() - make_interval(secs => $2)
        and not exists (select 1 from payment_callbacks c where c.provider = p.provider and c.provider_ref = p.provider_ref
                          and c.result = 'rejected_amount')
      order by p.created_at`,
    [askable, opts.minAgeSeconds ?? 0],
  );
  const tally: Partial<Record<PaymentEventResult, number>> = {};
  for (const p of rows) {
    const provider = deps.payments.get(p.provider);
    if (!provider?.status) continue;
    try {
      const outcome = await provider.status(p.providerRef);
      if (outcome === 'pending' || outcome === p.status) continue;
      const event = {
        eventId: `reconcile:${p.id}:${outcome}`,
        providerRef: p.providerRef,
        outcome,
        amountTiyn: p.amountTiyn,
      };
      const r = await applyPaymentEvent(deps, provider, event, { source: 'reconciliation', outcome });
      tally[r] = (tally[r] ?? 0) + 1;
    } catch (err) {
      opts.log?.error({ err, paymentId: p.id }, 'could not reconcile a payment');
    }
  }
  return tally;
}

/**
 * Payments recorded before their provider was asked to start them, whose answer was never
 * saved: asks each provider by our own payment id and records its reference (and payment
 * page) so the buyer can pay and the reconciliation that follows can ask about the outcome.
 * A payment the provider never got stays as it is and expires with its order.
 */
async function linkUnsavedStarts(deps: Deps, opts: { minAgeSeconds?: number; log?: Log }): Promise<void> {
  const findable = [...deps.payments.values()].filter((p) => p.lookup).map((p) => p.id);
  const rows = await deps.db.query<{ id: string; provider: string }>(
    `select id, provider from payments
      where provider_ref is null and status in ('pending', 'declined') and provider = any($1::text[])
        and updated_at > now() - interval '7 days' and created_at <= now() - make_interval(secs => $2)
      order by created_at`,
    [findable, opts.minAgeSeconds ?? 0],
  );
  for (const p of rows) {
    try {
      const found = await deps.payments.get(p.provider)?.lookup?.(p.id);
      if (!found) continue;
      // Conditional: a checkout finishing at this moment records the same answer, not another.
      await deps.db.query(
        `update payments set provider_ref = $2, redirect_url = coalesce(redirect_url, $3), updated_at = now()
          where id = $1 and provider_ref is null`,
        [p.id, found.providerRef, found.redirectUrl ?? null],
      );
      opts.log?.info({ paymentId: p.id }, 'payment found again at its provider by our payment id');
    } catch (err) {
      opts.log?.error({ err, paymentId: p.id }, 'could not look up a payment at its provider');
    }
  }
}

const CallbackAnswer = Type.Object({ received: Type.Literal(true), result: Type.String() });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

/**
 * The endpoint a provider posts its signed callbacks to. The signature covers the exact bytes
 * sent, so this route alone keeps the raw body before parsing it.
 */
export async function callbackRoute(api: Api, ctx: AppContext, provider: PaymentProvider, body: TSchema) {
  const parse = provider.parseCallback?.bind(provider);
  if (!parse) return;
  const rawBodies = new WeakMap<object, string>();
  await api.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, raw, done) => {
      rawBodies.set(req, String(raw));
      try {
        done(null, JSON.parse(String(raw)));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    (scope as unknown as Api).post(
      `/payments/${provider.id}/callback`,
      {
        schema: {
          tags: ['payments'],
          summary: `Server-to-server callback of the ${provider.id} payment provider (signed; replays change nothing)`,
          body,
          response: { 200: CallbackAnswer, ...problems },
        },
      },
      async (req) => {
        const event = parse(req.headers, rawBodies.get(req) ?? '');
        const result = await applyPaymentEvent(ctx, provider, event, req.body);
        if (result === 'rejected_amount') {
          req.log.error({ event }, 'payment callback with an amount that does not match the payment');
          throw new HttpProblem(
            409,
            'conflict',
            'The amount does not match the payment; the callback was rejected.',
          );
        }
        req.log.info({ provider: provider.id, eventId: event.eventId, result }, 'payment callback');
        return { received: true as const, result };
      },
    );
  });
}

/** The callback routes of the providers this server runs. */
export async function paymentRoutes(api: Api, ctx: AppContext): Promise<void> {
  const sandbox = ctx.payments.get('sandbox');
  if (sandbox) await callbackRoute(api, ctx, sandbox, SandboxCallbackBody);
}
