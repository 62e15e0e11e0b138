// The waiting list. Joining is allowed only when what the person wants is sold out; offers are
// made by a job, one performance at a time, first come first served.
import type { Locale } from '../../../common/locales.ts';
import { type Db, maybeOne, one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { handOverHold } from '../box-office/hold-handover.ts';
import { createHold, releaseHold } from '../box-office/holds.ts';
import { getPerformance, getSaleInfo } from '../program/service.ts';

/** How long released seats stay held for the person they are offered to. */
export const OFFER_MINUTES = 30;

export interface WaitlistEntry {
  id: string;
  performanceId: string;
  email: string;
  quantity: number;
  status: 'waiting' | 'offered' | 'fulfilled' | 'expired' | 'cancelled';
  holdId: string | null;
  offerExpiresAt: string | null;
  /** 1 for the first in line; null once no longer waiting */
  position: number | null;
}

type Row = Omit<WaitlistEntry, 'offerExpiresAt'> & { offerExpiresAt: Date | string | null };

export async function getEntry(q: Queryable, hubId: string, id: string): Promise<WaitlistEntry> {
  const row = await maybeOne<Row>(
    q,
    `select w.id, w.performance_id as "performanceId", w.email, w.quantity, w.status, w.hold_id as "holdId",
            w.offer_expires_at as "offerExpiresAt",
            case when w.status = 'waiting' then (select count(*)::int from waitlist_entries o
              where o.performance_id = w.performance_id and o.status = 'waiting' and o.created_at <= w.created_at) end as position
       from waitlist_entries w where w.id = $1 and w.hub_id = $2`,
    [id, hubId],
  );
  if (!row) throw notFound('There is no such place in a waiting list.');
  return { ...row, offerExpiresAt: row.offerExpiresAt ? new Date(row.offerExpiresAt).toISOString() : null };
}

/** Who joined (their account, if any) and the hold of the current offer. */
export async function entryAccess(
  q: Queryable,
  hubId: string,
  id: string,
): Promise<{ userId: string | null; holdId: string | null; status: WaitlistEntry['status']; email: string }> {
  const row = await maybeOne<{
    userId: string | null;
    holdId: string | null;
    status: WaitlistEntry['status'];
    email: string;
  }>(
    q,
    'select user_id as "userId", hold_id as "holdId", status, email from waitlist_entries where id = $1 and hub_id = $2',
    [id, hubId],
  );
  if (!row) throw notFound('There is no such place in a waiting list.');
  return row;
}

/**
 * The offered places go to whoever checks out now: the account signed in, or a guest (null).
 * The caller has checked that they may (the link's token, or the account that joined).
 */
export async function claimOffer(
  q: Queryable,
  hubId: string,
  entryId: string,
  userId: string | null,
): Promise<{ holdId: string; performanceId: string; email: string }> {
  const entry = await maybeOne<{
    holdId: string | null;
    performanceId: string;
    email: string;
    status: string;
  }>(
    q,
    `select hold_id as "holdId", performance_id as "performanceId", email, status from waitlist_entries
      where id = $1 and hub_id = $2 for update`,
    [entryId, hubId],
  );
  if (!entry) throw notFound('There is no such place in a waiting list.');
  if (entry.status !== 'offered' || !entry.holdId || !(await handOverHold(q, hubId, entry.holdId, userId))) {
    throw new HttpProblem(
      410,
      'hold_expired',
      'The places offered to you are no longer held: the time to buy them is over.',
    );
  }
  return { holdId: entry.holdId, performanceId: entry.performanceId, email: entry.email };
}

export async function joinWaitlist(
  q: Queryable,
  hubId: string,
  performanceId: string,
  input: {
    email: string;
    name?: string | undefined;
    quantity: number;
    locale: Locale;
    userId: string | null;
  },
): Promise<WaitlistEntry> {
  const perf = await getPerformance(q, hubId, performanceId);
  const left = perf.seatsAvailable + perf.areas.reduce((n, a) => n + a.available, 0);
  if (left >= input.quantity) {
    throw new HttpProblem(
      409,
      'conflict',
      `There are still ${left} places on sale: buy them now instead of waiting.`,
    );
  }
  const entry = await one<{ id: string }>(
    q,
    `insert into waitlist_entries (hub_id, performance_id, user_id, email, name, locale, quantity)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      hubId,
      perf.id,
      input.userId,
      input.email.trim().toLowerCase(),
      input.name ?? null,
      input.locale,
      input.quantity,
    ],
  );
  return getEntry(q, hubId, entry.id);
}

export async function leaveWaitlist(q: Queryable, hubId: string, id: string): Promise<void> {
  const rows = await q.query<{ holdId: string | null; was: string }>(
    `update waitlist_entries w set status = 'cancelled' from waitlist_entries old
      where w.id = $1 and w.hub_id = $2 and old.id = w.id and w.status in ('waiting', 'offered')
      returning w.hold_id as "holdId", old.status as was`,
    [id, hubId],
  );
  const left = rows[0];
  if (!left) throw notFound('There is no such place in a waiting list, or it is already closed.');
  // Places offered and not wanted go straight back (and on to the next in line).
  if (left.was === 'offered' && left.holdId) await releaseHold(q, hubId, left.holdId);
}

export interface Offer {
  entryId: string;
  hubId: string;
  email: string;
  locale: Locale;
  holdId: string;
  expiresAt: string;
}

class NothingToOffer extends Error {}

/**
 * Closes offers that were bought or ran out, then offers released seats to the next in line of
 * each performance, each offer in its own transaction. The entry is taken `for update skip
 * locked`, so several app processes may run this at once without offering one place twice.
 */
export async function processWaitlist(db: Db): Promise<Offer[]> {
  await db.query(
    `update waitlist_entries w set status = case when h.status = 'ordered' then 'fulfilled' else 'expired' end
       from holds h where w.hold_id = h.id and w.status = 'offered' and (h.status <> 'active' or h.expires_at <= now())`,
  );
  const lines = await db.query<{ performanceId: string }>(
    `select distinct performance_id as "performanceId" from waitlist_entries where status = 'waiting'`,
  );
  const offers: Offer[] = [];
  for (const { performanceId } of lines) {
    try {
      offers.push(await db.tx((q) => offerNext(q, performanceId)));
    } catch (err) {
      if (!(err instanceof NothingToOffer)) throw err;
    }
  }
  return offers;
}

async function offerNext(q: Queryable, performanceId: string): Promise<Offer> {
  const [entry] = await q.query<{
    id: string;
    hubId: string;
    email: string;
    locale: Locale;
    quantity: number;
    userId: string | null;
  }>(
    `select id, hub_id as "hubId", email, locale, quantity, user_id as "userId" from waitlist_entries w
      where performance_id = $1 and status = 'waiting'
        and not exists (select 1 from waitlist_entries o where o.performance_id = w.performance_id and o.status = 'offered')
      order by created_at limit 1 for update skip locked`,
    [performanceId],
  );
  if (!entry) throw new NothingToOffer();
  const sale = await getSaleInfo(q, entry.hubId, performanceId, { drafts: true });
  const seated =
    (await q.query('select 1 from seats where performance_id = $1 limit 1', [performanceId])).length > 0;
  // Standing places first, then the best seats; each try behind a savepoint so a failed one leaves nothing.
  const tries = [
    ...sale.areas.map((a) => ({ areas: [{ areaId: a.id, quantity: entry.quantity }] })),
    ...(seated ? [{ best: { quantity: entry.quantity } }] : []),
  ];
  let hold: Awaited<ReturnType<typeof createHold>> | undefined;
  for (const request of tries) {
    await q.query('savepoint waitlist_try');
    try {
      hold = await createHold(q, { ...sale, holdMinutes: OFFER_MINUTES }, entry.hubId, entry.userId, request);
      break;
    } catch (err) {
      if (!(err instanceof HttpProblem && (err.code === 'sold_out' || err.code === 'seat_taken'))) throw err;
      await q.query('rollback to savepoint waitlist_try');
    }
  }
  // Not enough has come back yet: try again on the next run.
  if (!hold) throw new NothingToOffer();
  await q.query(
    `update waitlist_entries set status = 'offered', hold_id = $2, offer_expires_at = $3 where id = $1`,
    [entry.id, hold.id, hold.expiresAt],
  );
  return {
    entryId: entry.id,
    hubId: entry.hubId,
    email: entry.email,
    locale: entry.locale,
    holdId: hold.id,
    expiresAt: hold.expiresAt,
  };
}
