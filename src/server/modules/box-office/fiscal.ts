// Fiscal receipts for every money movement: an order's sale and refund, an exchange's refund
// (tickets given back) and sale (new tickets), a membership card's sale and refund, a gift
// voucher's sale. One table, `fiscal_receipts`, whose rows are their own jobs: a receipt is
// queued 'pending' in the transaction that moves the money (so a crash after the commit loses
// nothing), then issued by the provider and recorded in one statement. The row's id is our
// receipt id and the provider's idempotency key from the start: a retry after a crash between
// "issued" and "recorded" gets the same receipt back. Receipts of one chain (an order with its
// exchanges, a card, a voucher) are issued in the order they were queued, so a refund never
// reaches the register before the sale it returns.
import type { FastifyBaseLogger } from 'fastify';
import type { FiscalReceiptDto } from '../../../common/api/reports.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { type FiscalReceiptRequest, fiscalProviderFor } from '../../platform/fiscal/provider.ts';
import { errorText, MAX_ATTEMPTS, nextAttemptAt } from '../../platform/retry.ts';
import { membershipFiscalRequest, voucherFiscalRequest } from '../offers/fiscal-requests.ts';
import { orderFiscalRequest } from './fiscal-requests.ts';
import { loadOrderView } from './receipt.ts';

export type FiscalKind = 'sale' | 'refund';
/** What the money moved for. */
export type Movement =
  | { orderId: string; exchangeId?: string }
  | { membershipId: string }
  | { voucherId: string };

export interface FiscalJob {
  id: string;
  hubId: string;
  kind: FiscalKind;
  orderId: string | null;
  exchangeId: string | null;
  membershipId: string | null;
  voucherId: string | null;
  attempts: number;
  seq: number | string;
}

export type FiscalDeps = Pick<AppContext, 'db' | 'signer'>;

const movementColumns = (m: Movement) => [
  'orderId' in m ? m.orderId : null,
  'orderId' in m ? (m.exchangeId ?? null) : null,
  'membershipId' in m ? m.membershipId : null,
  'voucherId' in m ? m.voucherId : null,
];

/**
 * In the movement's transaction: queues its sale or refund receipt, once per movement and kind.
 * `id` is the receipt's id when it must be a given one (a card bought online keeps its
 * purchase's id, the id its receipt was always issued under).
 */
export async function queueFiscalReceipt(
  q: Queryable,
  hubId: string,
  movement: Movement,
  kind: FiscalKind,
  id?: string,
): Promise<void> {
  await q.query(
    `insert into fiscal_receipts (id, hub_id, kind, order_id, exchange_id, membership_id, voucher_id)
     values (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7) on conflict do nothing`,
    [id ?? null, hubId, kind, ...movementColumns(movement)],
  );
}

/**
 * Two CTEs that lease up to `limit` due receipts matching `filter` (a condition on `r`), for
 * a statement to select from `fiscal_claimed`. A receipt is left while an earlier one of its
 * chain is not issued, unless that one is being leased in the same statement (the caller runs
 * them in `seq` order).
 */
export function fiscalClaimCtes(limit: string, filter: string): string {
  return `fiscal_due as (
      select r.id, r.seq, r.order_id, r.membership_id, r.voucher_id from fiscal_receipts r
       where r.status = 'pending' and r.next_attempt_at <= now() and (r.locked_until is null or r.locked_until < now())
         and (${filter})
       order by r.next_attempt_at, r.seq limit ${limit} for update skip locked),
    fiscal_claimed as (
      update fiscal_receipts r set locked_until = now() + interval '5 minutes', attempts = r.attempts + 1
        from fiscal_due d
       where r.id = d.id
         and not exists (
           select 1 from fiscal_receipts e
            where e.seq < d.seq and e.status <> 'issued' and e.id not in (select id from fiscal_due)
              and (e.order_id = d.order_id or e.membership_id = d.membership_id or e.voucher_id = d.voucher_id))
       returning r.id, r.hub_id as "hubId", r.kind, r.order_id as "orderId", r.exchange_id as "exchangeId",
                 r.membership_id as "membershipId", r.voucher_id as "voucherId", r.attempts, r.seq)`;
}

/** Leases due receipts: of one chain (an order, a card, a voucher) or of any. */
export async function claimFiscalReceipts(
  q: Queryable,
  limit: number,
  only: { hubId: string; chainId: string } | null,
): Promise<FiscalJob[]> {
  return q.query<FiscalJob>(
    `with ${fiscalClaimCtes('$1', '$2::uuid is null or (r.hub_id = $3 and $2 in (r.order_id, r.membership_id, r.voucher_id))')}
     select * from fiscal_claimed`,
    [limit, only?.chainId ?? null, only?.hubId ?? null],
  );
}

async function requestFor(deps: FiscalDeps, job: FiscalJob): Promise<FiscalReceiptRequest> {
  if (job.orderId)
    return orderFiscalRequest(
      deps.db,
      await loadOrderView(deps.db, job.hubId, job.orderId, deps.signer),
      job,
    );
  if (job.membershipId) return membershipFiscalRequest(deps.db, job);
  if (job.voucherId) return voucherFiscalRequest(deps.db, job);
  throw new Error(`Fiscal receipt ${job.id} belongs to no movement`);
}

/** Issues one leased receipt and records it with the job's end, in one statement. */
async function issue(deps: FiscalDeps, job: FiscalJob): Promise<void> {
  const request = await requestFor(deps, job);
  const provider = fiscalProviderFor(deps.db);
  const issued = await provider.issue(request);
  await deps.db.query(
    `update fiscal_receipts set status = 'issued', provider = $2, number = $3, fiscal_sign = $4, check_url = $5, payload = $6,
            issued_at = $7, locked_until = null, last_error = null
      where id = $1 and status <> 'issued'`,
    [
      job.id,
      provider.id,
      issued.number,
      issued.fiscalSign,
      issued.checkUrl,
      JSON.stringify(request),
      issued.issuedAt,
    ],
  );
}

const chainOf = (j: FiscalJob) => j.orderId ?? j.membershipId ?? j.voucherId ?? j.id;

/**
 * Runs leased receipts in the order they were queued; after a failure the rest of that chain
 * is let go untouched (it waits for the failed one). Never throws; resolves to how many were issued.
 */
export async function runFiscalReceipts(
  deps: FiscalDeps,
  jobs: FiscalJob[],
  log?: FastifyBaseLogger,
): Promise<number> {
  const failedChains = new Set<string>();
  const waiting: string[] = [];
  let ok = 0;
  for (const job of [...jobs].sort((a, b) => Number(a.seq) - Number(b.seq))) {
    if (failedChains.has(chainOf(job))) {
      waiting.push(job.id);
      continue;
    }
    try {
      await issue(deps, job);
      ok++;
    } catch (err) {
      failedChains.add(chainOf(job));
      const message = errorText(err);
      const failed = job.attempts >= MAX_ATTEMPTS;
      await deps.db
        .query(
          `update fiscal_receipts set status = $2, last_error = $3, locked_until = null,
                  next_attempt_at = ${nextAttemptAt('$4')}
            where id = $1 and status = 'pending'`,
          [job.id, failed ? 'failed' : 'pending', message, job.attempts],
        )
        .catch(() => {});
      log?.[failed ? 'error' : 'warn'](
        { receiptId: job.id, kind: job.kind, attempts: job.attempts, err: message },
        failed ? 'fiscal receipt given up' : 'fiscal receipt failed; will retry',
      );
    }
  }
  if (waiting.length)
    await deps.db
      .query(
        'update fiscal_receipts set locked_until = null, attempts = attempts - 1 where id = any($1::uuid[])',
        [waiting],
      )
      .catch(() => {});
  return ok;
}

/**
 * After the transaction that moved the money has committed: issues the chain's due receipts
 * now, so the desk can show them. Never throws (the worker retries a failure).
 */
export async function issueFiscalReceiptsOf(
  deps: FiscalDeps,
  hubId: string,
  chainId: string,
  log?: FastifyBaseLogger,
): Promise<number> {
  try {
    return await runFiscalReceipts(deps, await claimFiscalReceipts(deps.db, 10, { hubId, chainId }), log);
  } catch (err) {
    log?.warn({ chainId, err }, 'issuing fiscal receipts failed; the worker will retry');
    return 0;
  }
}

/** The receipts issued for a card, a voucher or an order (with its exchanges'), oldest first. */
export async function issuedFiscalReceipts(
  q: Queryable,
  chain: Movement,
): Promise<(FiscalReceiptDto & { exchangeId: string | null })[]> {
  const [orderId, , membershipId, voucherId] = movementColumns(chain);
  const rows = await q.query<FiscalReceiptDto & { exchangeId: string | null; issuedAt: Date | string }>(
    `select kind, provider, number, fiscal_sign as "fiscalSign", check_url as "checkUrl", issued_at as "issuedAt",
            exchange_id as "exchangeId"
       from fiscal_receipts
      where status = 'issued' and (order_id = $1 or membership_id = $2 or voucher_id = $3)
      order by seq`,
    [orderId, membershipId, voucherId],
  );
  return rows.map((r) => ({ ...r, issuedAt: new Date(r.issuedAt).toISOString() }));
}
