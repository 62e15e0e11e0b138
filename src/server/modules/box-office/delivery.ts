// After the money: the tickets go to the buyer by mail (PDF attached) and the fiscal receipt is
// issued; after a refund, the refund receipt. Durable by an outbox: `queueAfterPayment` and
// `queueAfterRefund` write jobs in the same transaction as the payment or the refund, so a
// crash right after the commit loses nothing. `deliverTickets` runs an order's jobs at once
// after the commit; the worker runs whatever is still due (at start-up, after a crash, after a
// failed attempt) with a growing pause, across several app processes (a job is leased).
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { fiscalProviderFor } from '../../platform/fiscal/provider.ts';
import { ticketsMail } from '../../platform/mail-templates.ts';
import { getHubById } from '../hubs/service.ts';
import { fiscalRequest, loadOrderView } from './receipt.ts';
import { renderTicketsPdf } from './ticket-pdf.ts';

type JobKind = 'tickets_mail' | 'fiscal_sale' | 'fiscal_refund';
interface Job {
  id: string;
  hubId: string;
  orderId: string;
  kind: JobKind;
  attempts: number;
}

/** Attempts before a job is given up and left for staff to see (about two days of retries). */
export const MAX_ATTEMPTS = 12;
const LEASE = "interval '5 minutes'";
const ORDER: Record<JobKind, number> = { fiscal_sale: 0, fiscal_refund: 1, tickets_mail: 2 };

/** In the payment's transaction: mail the tickets (when there is an address) and issue the receipt (when money was taken). */
export async function queueAfterPayment(q: Queryable, orderId: string): Promise<void> {
  await q.query(
    `insert into order_jobs (hub_id, order_id, kind)
     select o.hub_id, o.id, k.kind from orders o cross join (values ('tickets_mail'), ('fiscal_sale')) as k (kind)
      where o.id = $1 and o.status = 'paid'
        and (k.kind <> 'tickets_mail' or o.buyer_email is not null)
        and (k.kind <> 'fiscal_sale' or o.total_tiyn > 0)
     on conflict (order_id, kind) do nothing`,
    [orderId],
  );
}

/** In the refund's transaction: a refund receipt for an order that had a sale receipt. */
export async function queueAfterRefund(q: Queryable, orderId: string): Promise<void> {
  await q.query(
    `insert into order_jobs (hub_id, order_id, kind)
     select hub_id, id, 'fiscal_refund' from orders where id = $1 and total_tiyn > 0
     on conflict (order_id, kind) do nothing`,
    [orderId],
  );
}

/**
 * In the transaction that decides to give a late payment back (its order had expired and its
 * seats were gone): the money was taken, so it gets a sale receipt, and it goes back, so a
 * refund receipt follows; the register's books then show both and balance.
 */
export async function queueLateRefundReceipts(q: Queryable, orderId: string): Promise<void> {
  await q.query(
    `insert into order_jobs (hub_id, order_id, kind)
     select o.hub_id, o.id, k.kind from orders o cross join (values ('fiscal_sale'), ('fiscal_refund')) as k (kind)
      where o.id = $1 and o.total_tiyn > 0
     on conflict (order_id, kind) do nothing`,
    [orderId],
  );
}

async function claim(
  q: Queryable,
  limit: number,
  only: { hubId: string; orderId: string } | null,
): Promise<Job[]> {
  return q.query<Job>(
    `update order_jobs set locked_until = now() + ${LEASE}, attempts = attempts + 1
      where id in (
        select id from order_jobs
         where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
           and ($2::uuid is null or (order_id = $2 and hub_id = $3))
         order by next_attempt_at, created_at limit $1 for update skip locked)
      returning id, hub_id as "hubId", order_id as "orderId", kind, attempts`,
    [limit, only?.orderId ?? null, only?.hubId ?? null],
  );
}

async function sendTickets(ctx: AppContext, job: Job): Promise<void> {
  const view = await loadOrderView(ctx.db, job.hubId, job.orderId, ctx.signer);
  // Refunded before the mail went out: there is nothing valid to send.
  if (view.order.status !== 'paid' || !view.order.buyerEmail) return;
  const locale = view.locale;
  const hub = await getHubById(ctx.db, job.hubId);
  const data = view.ticketPdf(locale);
  if (data.tickets.length === 0) return;
  const pdf = await renderTicketsPdf(data);
  const mail = ticketsMail(view.order.buyerEmail, locale, {
    hubName: hub.name,
    number: view.order.number,
    eventTitles: view.eventTitles,
    count: data.tickets.length,
    link: `${ctx.config.publicUrl}/orders/${view.order.id}?hub=${hub.slug}`,
  });
  await ctx.mailer.send({
    ...mail,
    attachments: [
      { filename: `tickets-${view.order.number}.pdf`, content: pdf, contentType: 'application/pdf' },
    ],
  });
}

async function issueReceipt(ctx: AppContext, job: Job, kind: 'sale' | 'refund'): Promise<void> {
  const { db } = ctx;
  // A sale receipt asked for again is no harm: the provider answers the same job id with the
  // same receipt. A refund receipt must wait for its sale's.
  if (kind === 'refund') {
    const issued = await db.query<{ kind: string }>('select kind from fiscal_receipts where order_id = $1', [
      job.orderId,
    ]);
    if (issued.some((r) => r.kind === 'refund')) return markDone(ctx, job);
    if (!issued.some((r) => r.kind === 'sale'))
      throw new Error('The sale receipt is not issued yet; the refund receipt waits for it');
  }
  const view = await loadOrderView(db, job.hubId, job.orderId, ctx.signer);
  const provider = fiscalProviderFor(db);
  // The job's id is the receipt's id and the provider's idempotency key: a retry after a crash
  // between "issued" and "recorded" gets the same receipt back, not a second one.
  const request = fiscalRequest(view, job.id, kind);
  const issued = await provider.issue(request);
  // The receipt and the job's end are written together: no crash can fall between them.
  await db.query(
    `with receipt as (
       insert into fiscal_receipts (id, hub_id, order_id, kind, provider, number, fiscal_sign, check_url, payload, issued_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (order_id, kind) do nothing)
     update order_jobs set status = 'done', done_at = now(), locked_until = null, last_error = null where id = $1`,
    [
      job.id,
      job.hubId,
      job.orderId,
      kind,
      provider.id,
      issued.number,
      issued.fiscalSign,
      issued.checkUrl,
      JSON.stringify(request),
      issued.issuedAt,
    ],
  );
}

async function markDone(ctx: AppContext, job: Job): Promise<void> {
  await ctx.db.query(
    `update order_jobs set status = 'done', done_at = now(), locked_until = null, last_error = null where id = $1`,
    [job.id],
  );
}

async function run(ctx: AppContext, job: Job, log?: FastifyBaseLogger): Promise<boolean> {
  try {
    if (job.kind === 'tickets_mail') {
      await sendTickets(ctx, job);
      await markDone(ctx, job);
    } else await issueReceipt(ctx, job, job.kind === 'fiscal_sale' ? 'sale' : 'refund');
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const failed = job.attempts >= MAX_ATTEMPTS;
    // 1, 2, 4 … minutes, at most 6 hours between attempts.
    await ctx.db
      .query(
        `update order_jobs set status = $2, last_error = $3, locked_until = null,
                next_attempt_at = now() + least(power(2, $4::int - 1), 360) * interval '1 minute'
          where id = $1`,
        [job.id, failed ? 'failed' : 'pending', message.slice(0, 1000), job.attempts],
      )
      .catch(() => {});
    log?.[failed ? 'error' : 'warn'](
      { orderId: job.orderId, job: job.kind, attempts: job.attempts, err: message },
      failed ? 'order job given up' : 'order job failed; will retry',
    );
    return false;
  }
}

/**
 * Call after the transaction that paid an order has committed: issues its fiscal receipt and
 * mails its tickets now. Never throws (a failure is retried by the worker); resolves to the
 * number of jobs that succeeded.
 */
export async function deliverTickets(
  ctx: AppContext,
  hubId: string,
  orderId: string,
  log?: FastifyBaseLogger,
): Promise<number> {
  let ok = 0;
  try {
    // Receipt first: the fiscal sale comes before anything else the buyer gets.
    const jobs = (await claim(ctx.db, 10, { hubId, orderId })).sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
    for (const job of jobs) if (await run(ctx, job, log)) ok++;
  } catch (err) {
    log?.warn({ orderId, err }, 'delivering the order failed; the worker will retry');
  }
  return ok;
}

/** Runs up to `limit` due jobs of any order; resolves to how many it ran. */
export async function runDueJobs(ctx: AppContext, limit = 20, log?: FastifyBaseLogger): Promise<number> {
  // A sale receipt before the refund receipt of the same order (RETURNING keeps no order).
  const jobs = (await claim(ctx.db, limit, null)).sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  for (const job of jobs) await run(ctx, job, log);
  return jobs.length;
}

/** Polls for due jobs until stopped; the first round runs at once (recovery after a restart). */
export function startDeliveryWorker(
  ctx: AppContext,
  opts: { intervalMs: number; log?: FastifyBaseLogger },
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        // Keep going while there is a full batch waiting.
        while (!stopped && (await runDueJobs(ctx, 20, opts.log)) === 20) {}
      } catch (err) {
        if (!stopped) opts.log?.warn({ err }, 'the order job worker could not read its queue');
      }
      if (!stopped) timer = setTimeout(tick, opts.intervalMs);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
