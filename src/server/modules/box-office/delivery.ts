// After the money: the tickets go to the buyer by mail (PDF attached) and the fiscal receipt is
// issued; after a refund, the refund receipt. Durable by an outbox: `queueAfterPayment` and
// `queueAfterRefund` write the mail job (`order_jobs`) and the pending receipt
// (`fiscal_receipts`, see fiscal.ts) in the same transaction as the payment or the refund, so a
// crash right after the commit loses nothing. `deliverTickets` runs an order's due work at once
// after the commit; the worker runs whatever is still due, of orders and of every other money
// movement's receipts (at start-up, after a crash, after a failed attempt) with a growing
// pause, across several app processes (work is leased).
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { ticketsMail } from '../../platform/mail-templates.ts';
import { errorText, MAX_ATTEMPTS, nextAttemptAt } from '../../platform/retry.ts';
import { getHubById } from '../hubs/service.ts';
import { type FiscalJob, fiscalClaimCtes, runFiscalReceipts } from './fiscal.ts';
import { loadOrderView } from './receipt.ts';
import { renderTicketsPdf } from './ticket-pdf.ts';

interface Job {
  id: string;
  hubId: string;
  orderId: string;
  attempts: number;
}

const LEASE = "interval '5 minutes'";

/** In the payment's transaction: mail the tickets (when there is an address) and queue the receipt (when money was taken). */
export async function queueAfterPayment(q: Queryable, orderId: string): Promise<void> {
  await q.query(
    `with o as (select id, hub_id, buyer_email, total_tiyn from orders where id = $1 and status = 'paid'),
     mail as (
       insert into order_jobs (hub_id, order_id, kind) select hub_id, id, 'tickets_mail' from o where buyer_email is not null
       on conflict (order_id, kind) do nothing)
     insert into fiscal_receipts (hub_id, order_id, kind) select hub_id, id, 'sale' from o where total_tiyn > 0
     on conflict do nothing`,
    [orderId],
  );
}

/** In the refund's transaction: the refund receipt (issued after every receipt of the order before it). */
export async function queueAfterRefund(q: Queryable, orderId: string): Promise<void> {
  await q.query(
    `insert into fiscal_receipts (hub_id, order_id, kind)
     select hub_id, id, 'refund' from orders where id = $1 and total_tiyn > 0
     on conflict do nothing`,
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
    `insert into fiscal_receipts (hub_id, order_id, kind)
     select o.hub_id, o.id, k.kind from orders o cross join (values (1, 'sale'), (2, 'refund')) as k (n, kind)
      where o.id = $1 and o.total_tiyn > 0
      order by k.n
     on conflict do nothing`,
    [orderId],
  );
}

type Claimed = (FiscalJob & { queue: 'fiscal' }) | (Job & { queue: 'mail' });

/** Leases due receipts and mail jobs (of one order, or of anything) in one statement. */
async function claim(
  q: Queryable,
  limit: number,
  only: { hubId: string; orderId: string } | null,
): Promise<{ receipts: FiscalJob[]; mails: Job[] }> {
  const rows = await q.query<Claimed>(
    `with ${fiscalClaimCtes('$1', '$2::uuid is null or (r.order_id = $2 and r.hub_id = $3)')},
     mail_claimed as (
       update order_jobs set locked_until = now() + ${LEASE}, attempts = attempts + 1
        where id in (
          select id from order_jobs
           where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
             and ($2::uuid is null or (order_id = $2 and hub_id = $3))
           order by next_attempt_at, created_at limit $1 for update skip locked)
       returning id, hub_id, order_id, attempts)
     select 'fiscal' as queue, id, "hubId", kind, "orderId", "exchangeId", "membershipId", "voucherId", attempts, seq
       from fiscal_claimed
     union all
     select 'mail', id, hub_id, null, order_id, null, null, null, attempts, null from mail_claimed`,
    [limit, only?.orderId ?? null, only?.hubId ?? null],
  );
  const receipts: FiscalJob[] = [];
  const mails: Job[] = [];
  for (const { queue, ...row } of rows)
    if (queue === 'fiscal') receipts.push(row as FiscalJob);
    else mails.push(row as Job);
  return { receipts, mails };
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

async function markDone(ctx: AppContext, job: Job): Promise<void> {
  await ctx.db.query(
    `update order_jobs set status = 'done', done_at = now(), locked_until = null, last_error = null where id = $1`,
    [job.id],
  );
}

async function sendMail(ctx: AppContext, job: Job, log?: FastifyBaseLogger): Promise<boolean> {
  try {
    await sendTickets(ctx, job);
    await markDone(ctx, job);
    return true;
  } catch (err) {
    const message = errorText(err);
    const failed = job.attempts >= MAX_ATTEMPTS;
    await ctx.db
      .query(
        `update order_jobs set status = $2, last_error = $3, locked_until = null,
                next_attempt_at = ${nextAttemptAt('$4')}
          where id = $1`,
        [job.id, failed ? 'failed' : 'pending', message, job.attempts],
      )
      .catch(() => {});
    log?.[failed ? 'error' : 'warn'](
      { orderId: job.orderId, job: 'tickets_mail', attempts: job.attempts, err: message },
      failed ? 'order job given up' : 'order job failed; will retry',
    );
    return false;
  }
}

/** Receipts first: the fiscal sale comes before anything else the buyer gets. */
async function runClaimed(
  ctx: AppContext,
  claimed: { receipts: FiscalJob[]; mails: Job[] },
  log?: FastifyBaseLogger,
): Promise<number> {
  let ok = await runFiscalReceipts(ctx, claimed.receipts, log);
  for (const job of claimed.mails) if (await sendMail(ctx, job, log)) ok++;
  return ok;
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
  try {
    return await runClaimed(ctx, await claim(ctx.db, 10, { hubId, orderId }), log);
  } catch (err) {
    log?.warn({ orderId, err }, 'delivering the order failed; the worker will retry');
    return 0;
  }
}

/**
 * Runs up to `limit` due receipts (of any money movement) and up to `limit` due mails; resolves
 * to how many it ran.
 */
export async function runDueJobs(ctx: AppContext, limit = 20, log?: FastifyBaseLogger): Promise<number> {
  const claimed = await claim(ctx.db, limit, null);
  await runClaimed(ctx, claimed, log);
  return claimed.receipts.length + claimed.mails.length;
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
        while (!stopped && (await runDueJobs(ctx, 20, opts.log)) >= 20) {}
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
