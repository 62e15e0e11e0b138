// Gift vouchers with a running balance. Staff issue them (sold at the desk, or free with a
// reason); a checkout spends them in the order's own transaction; a refund or an order that
// lapses unpaid returns what it took. Every change is a ledger entry beside the balance.
//
// VAT: a voucher that can be spent on anything the hub sells is a multi-purpose voucher: its
// sale is money received in advance, not a supply, so it carries no VAT line (its fiscal
// receipt has one advance position without VAT). VAT is charged on the ticket lines of the
// order the voucher pays for, whose receipt shows the voucher's part as an advance set off.
import { randomBytes } from 'node:crypto';
import type {
  GiftVoucherDetailDto,
  GiftVoucherDto,
  VoucherMovementDto,
} from '../../../common/api/gift-vouchers.ts';
import type { ProblemCode } from '../../../common/api/problem-codes.ts';
import {
  formatVoucherCode,
  normalizeVoucherCode,
  VOUCHER_ALPHABET,
  VOUCHER_VALID_MONTHS,
  voucherShare,
} from '../../../common/gift-vouchers.ts';
import { maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { issuedFiscalReceipts, queueFiscalReceipt } from '../box-office/fiscal.ts';

export function newVoucherCode(): string {
  // 32 letters divide 256: every character is equally likely.
  return formatVoucherCode([...randomBytes(16)].map((b) => VOUCHER_ALPHABET[b % 32]).join(''));
}

const COLUMNS = `v.id, v.code, v.initial_tiyn::int as "initialTiyn", v.balance_tiyn::int as "balanceTiyn",
  v.issue_kind as "issueKind", v.payment_method as "paymentMethod", v.reason, v.buyer_name as "buyerName",
  v.recipient_name as "recipientName", v.recipient_email as "recipientEmail", v.valid_until as "validUntil",
  case when v.status = 'void' then 'void' when v.valid_until <= now() then 'expired' else 'active' end as state,
  v.void_reason as "voidReason", v.created_at as "createdAt"`;

type Row = Omit<GiftVoucherDto, 'validUntil' | 'createdAt'> & {
  validUntil: Date | string | null;
  createdAt: Date | string;
};
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const toDto = (r: Row): GiftVoucherDto => ({
  ...r,
  validUntil: iso(r.validUntil),
  createdAt: new Date(r.createdAt).toISOString(),
});

export interface IssueVoucher {
  valueTiyn: number;
  /** sold at the desk (cash or card) or given free with a reason */
  paymentMethod?: 'cash' | 'card' | undefined;
  reason?: string | undefined;
  buyerName?: string | undefined;
  recipientName?: string | undefined;
  recipientEmail?: string | undefined;
  /** last day it may be spent, YYYY-MM-DD in the hub's time zone */
  validUntil?: string | undefined;
  timeZone: string;
  locale: string;
  issuedBy: string;
  idempotencyKey?: string | undefined;
}

export async function issueVoucher(
  q: Queryable,
  hubId: string,
  input: IssueVoucher,
): Promise<GiftVoucherDto> {
  if ((input.paymentMethod === undefined) === (input.reason === undefined)) {
    throw new HttpProblem(
      400,
      'validation_failed',
      'A voucher is either sold (give payment) or given free (give complimentary with a reason), not both.',
      { errors: [{ path: 'body/payment', message: 'give payment or complimentary' }] },
    );
  }
  // Valid through the chosen day, or a year from today, until midnight in the hub's time zone.
  const until = await one<{ at: Date; ok: boolean }>(
    q,
    `select (d + 1)::timestamp at time zone $2 as at,
            d between today and today + interval '10 years' as ok
       from (select coalesce($1::date, (today + make_interval(months => $3))::date) as d, today
               from (select (now() at time zone $2)::date as today) t) x`,
    [input.validUntil ?? null, input.timeZone, VOUCHER_VALID_MONTHS],
  );
  if (!until.ok) {
    throw new HttpProblem(
      400,
      'validation_failed',
      'The last day of validity must be between today and ten years on.',
      {
        errors: [{ path: 'body/validUntil', message: 'is out of range' }],
      },
    );
  }
  const row = await one<{ id: string }>(
    q,
    `insert into gift_vouchers (hub_id, code, initial_tiyn, balance_tiyn, issue_kind, payment_method, reason, buyer_name,
                                recipient_name, recipient_email, locale, valid_until, issued_by, idempotency_key)
     values ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      hubId,
      newVoucherCode(),
      input.valueTiyn,
      input.paymentMethod ? 'sold' : 'complimentary',
      input.paymentMethod ?? null,
      input.reason?.trim() ?? null,
      input.buyerName?.trim() ?? null,
      input.recipientName?.trim() ?? null,
      input.recipientEmail?.toLowerCase() ?? null,
      input.locale,
      until.at,
      input.issuedBy,
      input.idempotencyKey ?? null,
    ],
  );
  await q.query(
    `insert into gift_voucher_entries (voucher_id, kind, amount_tiyn, balance_after_tiyn, actor_id, note)
     values ($1, 'issue', $2, $2, $3, $4)`,
    [row.id, input.valueTiyn, input.issuedBy, input.reason?.trim() ?? null],
  );
  // Money taken in advance: its receipt (a free voucher takes no money, so has none).
  if (input.paymentMethod) await queueFiscalReceipt(q, hubId, { voucherId: row.id }, 'sale');
  return getVoucher(q, hubId, { id: row.id });
}

/** A voucher an earlier request with this idempotency key made, if any. */
export async function findVoucherByKey(
  q: Queryable,
  hubId: string,
  key: string,
): Promise<GiftVoucherDto | undefined> {
  const row = await maybeOne<Row>(
    q,
    `select ${COLUMNS} from gift_vouchers v where v.hub_id = $1 and v.idempotency_key = $2`,
    [hubId, key],
  );
  return row ? toDto(row) : undefined;
}

const unknownVoucher = (path: string) =>
  problem(404, 'voucher_invalid', 'There is no gift voucher with this code here. Check the spelling.', path);

function problem(status: number, code: ProblemCode, detail: string, path: string) {
  return new HttpProblem(status, code, detail, { errors: [{ path, message: detail }] });
}

export async function getVoucher(
  q: Queryable,
  hubId: string,
  by: { id: string } | { code: string },
): Promise<GiftVoucherDto> {
  const code = 'code' in by ? normalizeVoucherCode(by.code) : undefined;
  if ('code' in by && !code) throw unknownVoucher('body/code');
  const row = await maybeOne<Row>(
    q,
    `select ${COLUMNS} from gift_vouchers v where v.hub_id = $1 and ${'id' in by ? 'v.id = $2' : 'v.code = $2'}`,
    [hubId, 'id' in by ? by.id : code],
  );
  if (!row) throw 'id' in by ? notFound('This hub has no such gift voucher.') : unknownVoucher('body/code');
  return toDto(row);
}

/** The voucher with its ledger, oldest entry first. */
export async function voucherDetail(
  q: Queryable,
  hubId: string,
  by: { id: string } | { code: string },
): Promise<GiftVoucherDetailDto> {
  const voucher = await getVoucher(q, hubId, by);
  const entries = await q.query<{
    kind: 'issue' | 'use' | 'return' | 'void';
    amountTiyn: number;
    balanceAfterTiyn: number;
    orderId: string | null;
    orderNumber: number | string | null;
    note: string | null;
    at: Date;
  }>(
    `select e.kind, e.amount_tiyn::int as "amountTiyn", e.balance_after_tiyn::int as "balanceAfterTiyn", e.order_id as "orderId",
            o.number as "orderNumber", e.note, e.created_at as at
       from gift_voucher_entries e left join orders o on o.id = e.order_id
      where e.voucher_id = $1 order by e.seq`,
    [voucher.id],
  );
  return {
    ...voucher,
    fiscal: await voucherFiscalReceipts(q, voucher.id),
    entries: entries.map((e) => ({
      ...e,
      orderNumber: e.orderNumber === null ? null : Number(e.orderNumber),
      at: new Date(e.at).toISOString(),
    })),
  };
}

/** The fiscal receipt of a sold voucher, once issued. */
export async function voucherFiscalReceipts(q: Queryable, voucherId: string) {
  return (await issuedFiscalReceipts(q, { voucherId })).map(({ exchangeId: _, ...f }) => f);
}

export async function listVouchers(
  q: Queryable,
  hubId: string,
): Promise<{ outstandingTiyn: number; vouchers: GiftVoucherDto[] }> {
  const rows = await q.query<Row>(
    `select ${COLUMNS} from gift_vouchers v where v.hub_id = $1 order by v.created_at desc limit 200`,
    [hubId],
  );
  const [sum] = await q.query<{ n: string | number }>(
    `select coalesce(sum(balance_tiyn), 0) as n from gift_vouchers
      where hub_id = $1 and status = 'active' and (valid_until is null or valid_until > now())`,
    [hubId],
  );
  return { outstandingTiyn: Number(sum?.n ?? 0), vouchers: rows.map(toDto) };
}

/** Voids a voucher: it can no longer be spent. Its balance and ledger stay for the books. */
export async function voidVoucher(
  q: Queryable,
  hubId: string,
  id: string,
  reason: string,
  actorId: string,
): Promise<GiftVoucherDto> {
  const row = await maybeOne<{ balance: number }>(
    q,
    `update gift_vouchers set status = 'void', void_reason = $3, voided_at = now()
      where id = $1 and hub_id = $2 and status = 'active' returning balance_tiyn::int as balance`,
    [id, hubId, reason.trim()],
  );
  if (!row) {
    const v = await getVoucher(q, hubId, { id });
    if (v.state === 'void') throw new HttpProblem(409, 'voucher_void', 'This gift voucher is already void.');
  } else {
    await q.query(
      `insert into gift_voucher_entries (voucher_id, kind, amount_tiyn, balance_after_tiyn, actor_id, note)
       values ($1, 'void', 0, $2, $3, $4)`,
      [id, row.balance, actorId, reason.trim()],
    );
  }
  return getVoucher(q, hubId, { id });
}

/** The one thing a code reveals to anyone: its balance and until when. */
export async function voucherBalance(
  q: Queryable,
  hubId: string,
  typed: string,
): Promise<{ balanceTiyn: number; validUntil: string | null }> {
  const v = await usable(q, hubId, typed, 'body/code', { lock: false, needBalance: false });
  return { balanceTiyn: v.balanceTiyn, validUntil: iso(v.validUntil) };
}

/** Finds a voucher that can be spent now, or says in a problem why it cannot. */
async function usable(
  q: Queryable,
  hubId: string,
  typed: string,
  path: string,
  opts: { lock: boolean; needBalance: boolean },
) {
  const code = normalizeVoucherCode(typed);
  const v = code
    ? await maybeOne<{
        id: string;
        code: string;
        status: string;
        expired: boolean;
        balanceTiyn: number;
        validUntil: Date | null;
      }>(
        q,
        `select id, code, status, coalesce(valid_until <= now(), false) as expired, balance_tiyn::int as "balanceTiyn",
                valid_until as "validUntil"
           from gift_vouchers where hub_id = $1 and code = $2 ${opts.lock ? 'for update' : ''}`,
        [hubId, code],
      )
    : undefined;
  if (!v) throw unknownVoucher(path);
  if (v.status === 'void') throw problem(409, 'voucher_void', 'This gift voucher has been cancelled.', path);
  if (v.expired) throw problem(409, 'voucher_expired', 'This gift voucher has expired.', path);
  if (opts.needBalance && v.balanceTiyn <= 0)
    throw problem(409, 'voucher_empty', 'This gift voucher has been spent: nothing is left on it.', path);
  return v;
}

export interface VoucherSpend {
  voucherId: string;
  code: string;
  amountTiyn: number;
  balanceAfterTiyn: number;
}

/**
 * Takes up to `dueTiyn` from a voucher's balance, inside the order's transaction. The row is
 * locked first, so a checkout spending the same voucher at the same moment waits and then sees
 * what is left; the update's condition and the table's check are the last word.
 */
export async function spendVoucher(
  q: Queryable,
  hubId: string,
  typed: string,
  dueTiyn: number,
): Promise<VoucherSpend> {
  const v = await usable(q, hubId, typed, 'body/voucherCode', { lock: true, needBalance: true });
  const take = voucherShare(v.balanceTiyn, dueTiyn);
  const [after] = await q.query<{ balance: number }>(
    `update gift_vouchers set balance_tiyn = balance_tiyn - $2 where id = $1 and balance_tiyn >= $2 and status = 'active'
     returning balance_tiyn::int as balance`,
    [v.id, take],
  );
  if (!after)
    throw problem(409, 'voucher_empty', 'This gift voucher has been spent meanwhile.', 'body/voucherCode');
  return { voucherId: v.id, code: v.code, amountTiyn: take, balanceAfterTiyn: after.balance };
}

/** Writes the spend into the ledger against the order it paid for. */
export async function recordVoucherUse(q: Queryable, spend: VoucherSpend, orderId: string): Promise<void> {
  await q.query(
    `insert into gift_voucher_entries (voucher_id, kind, amount_tiyn, balance_after_tiyn, order_id)
     values ($1, 'use', $2, $3, $4)`,
    [spend.voucherId, -spend.amountTiyn, spend.balanceAfterTiyn, orderId],
  );
}

/**
 * Gives back to its vouchers whatever an order still holds of them (the order was refunded or
 * lapsed unpaid): to the balance, never as cash. Returns the amount given back.
 */
export async function returnVoucherUse(q: Queryable, orderId: string): Promise<number> {
  const held = await q.query<{ voucherId: string; held: number }>(
    `select voucher_id as "voucherId", (-sum(amount_tiyn))::int as held from gift_voucher_entries
      where order_id = $1 group by voucher_id having sum(amount_tiyn) < 0 order by voucher_id`,
    [orderId],
  );
  let total = 0;
  for (const h of held) {
    const after = await one<{ balance: number }>(
      q,
      'update gift_vouchers set balance_tiyn = balance_tiyn + $2 where id = $1 returning balance_tiyn::int as balance',
      [h.voucherId, h.held],
    );
    await q.query(
      `insert into gift_voucher_entries (voucher_id, kind, amount_tiyn, balance_after_tiyn, order_id)
       values ($1, 'return', $2, $3, $4)`,
      [h.voucherId, h.held, after.balance, orderId],
    );
    total += h.held;
  }
  return total;
}

/**
 * A late payment revives a lapsed order: its voucher part is taken again, in full, or not at
 * all (false: the voucher was spent or voided meanwhile, so the payment is refunded instead).
 */
export async function retakeVoucherUse(q: Queryable, orderId: string, amountTiyn: number): Promise<boolean> {
  const last = await maybeOne<{ voucherId: string }>(
    q,
    `select voucher_id as "voucherId" from gift_voucher_entries where order_id = $1 and kind = 'use'
      order by seq desc limit 1`,
    [orderId],
  );
  if (!last || amountTiyn <= 0) return true;
  const [after] = await q.query<{ balance: number }>(
    `update gift_vouchers set balance_tiyn = balance_tiyn - $2 where id = $1 and balance_tiyn >= $2 and status = 'active'
     returning balance_tiyn::int as balance`,
    [last.voucherId, amountTiyn],
  );
  if (!after) return false;
  await recordVoucherUse(
    q,
    { voucherId: last.voucherId, code: '', amountTiyn, balanceAfterTiyn: after.balance },
    orderId,
  );
  return true;
}

/** Failed public balance checks allowed per address in the window before it answers 429. */
export const LOOKUP_LIMIT = 10;
export const LOOKUP_WINDOW_MINUTES = 15;

/** Counts a failed balance check from this address; throws 429 when there were too many. */
export async function guardLookups(q: Queryable, ip: string): Promise<void> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from gift_voucher_lookup_failures where ip = $1 and at > now() - make_interval(mins => $2)`,
    [ip, LOOKUP_WINDOW_MINUTES],
  );
  if ((row?.n ?? 0) >= LOOKUP_LIMIT) {
    throw new HttpProblem(
      429,
      'too_many_attempts',
      `Too many codes that did not work. Wait ${LOOKUP_WINDOW_MINUTES} minutes and try again.`,
      { headers: { 'retry-after': String(LOOKUP_WINDOW_MINUTES * 60) } },
    );
  }
}

export async function recordLookupFailure(q: Queryable, ip: string): Promise<void> {
  await q.query(`delete from gift_voucher_lookup_failures where at < now() - interval '1 day'`);
  await q.query('insert into gift_voucher_lookup_failures (ip) values ($1)', [ip]);
}

const MOVEMENTS: VoucherMovementDto['movement'][] = ['sold', 'complimentary', 'used', 'returned', 'voided'];

/**
 * What happened to the hub's vouchers within the dates (in its time zone): sold per method (the
 * money the desk took for them), given free, spent on orders, returned by refunds, voided (what
 * was left on them). For the cash-up and the books: a voucher's sale is not ticket revenue.
 */
export async function voucherMovements(
  q: Queryable,
  f: { hubId: string; timeZone: string; from?: string | undefined; to?: string | undefined },
): Promise<VoucherMovementDto[]> {
  const rows = await q.query<{
    movement: VoucherMovementDto['movement'];
    method: string;
    vouchers: number;
    amount: string;
  }>(
    `select case e.kind when 'issue' then (case v.issue_kind when 'sold' then 'sold' else 'complimentary' end)
                        when 'use' then 'used' when 'return' then 'returned' else 'voided' end as movement,
            case when e.kind = 'issue' then coalesce(v.payment_method, '') else '' end as method,
            count(distinct v.id)::int as vouchers,
            sum(case when e.kind = 'void' then e.balance_after_tiyn else abs(e.amount_tiyn) end) as amount
       from gift_voucher_entries e join gift_vouchers v on v.id = e.voucher_id
      where v.hub_id = $1
        and ($2::date is null or e.created_at >= ($2::date)::timestamp at time zone $4::text)
        and ($3::date is null or e.created_at < ($3::date + 1)::timestamp at time zone $4::text)
      group by 1, 2`,
    [f.hubId, f.from ?? null, f.to ?? null, f.timeZone],
  );
  return rows
    .map((r) => ({
      movement: r.movement,
      method: r.method,
      vouchers: r.vouchers,
      amountTiyn: Number(r.amount),
    }))
    .sort(
      (a, b) =>
        MOVEMENTS.indexOf(a.movement) - MOVEMENTS.indexOf(b.movement) || a.method.localeCompare(b.method),
    );
}
