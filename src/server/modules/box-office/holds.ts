// Holds: seats and places kept for a visitor for a few minutes while they pay.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import {
  claimSeats,
  lockFreeSeats,
  releaseSeatClaims,
  returnPlaces,
  seatsForSale,
  takePlaces,
} from '../program/inventory.ts';
import { bestAvailable } from '../program/seat-map.ts';
import type { SaleInfo } from '../program/service.ts';

export interface HoldRequest {
  seats?: string[] | undefined;
  areas?: { areaId: string; quantity: number }[] | undefined;
  best?: { quantity: number; category?: string | undefined } | undefined;
}

export interface HoldItem {
  seatId: string | null;
  areaId: string | null;
  quantity: number;
  category: string;
}

export interface Hold {
  id: string;
  performanceId: string;
  userId: string | null;
  status: 'active' | 'ordered' | 'released' | 'expired';
  expiresAt: string;
  items: HoldItem[];
}

/** 409 naming the seats someone else got first, also as field errors so a client can mark them. */
export const seatTaken = (seats: string[]) =>
  new HttpProblem(
    409,
    'seat_taken',
    `Someone else has just taken ${seats.length === 1 ? 'the seat' : 'the seats'} ${seats.join(', ')}. Pick others.`,
    { errors: seats.map((id) => ({ path: `seats/${id}`, message: 'is taken' })) },
  );
export const soldOut = (what = 'these places') =>
  new HttpProblem(409, 'sold_out', `Sold out: there are not enough of ${what} left.`);

/** Returns the seats and places of holds that ran out; lazily on each new hold, and by a timer. */
export async function expireHolds(q: Queryable, performanceId?: string): Promise<number> {
  const expired = await q.query<{ id: string; performanceId: string }>(
    `update holds set status = 'expired'
      where status = 'active' and expires_at <= now() and ($1::uuid is null or performance_id = $1)
      returning id, performance_id as "performanceId"`,
    [performanceId ?? null],
  );
  for (const h of expired) await giveBack(q, h.id, h.performanceId);
  return expired.length;
}

async function giveBack(q: Queryable, holdId: string, performanceId: string): Promise<void> {
  const areas = await q.query<{ areaId: string; quantity: number }>(
    `select area_id as "areaId", sum(quantity)::int as quantity from hold_items where hold_id = $1 and area_id is not null group by area_id`,
    [holdId],
  );
  for (const a of areas) await returnPlaces(q, a.areaId, a.quantity);
  await releaseSeatClaims(q, performanceId, holdId);
}

export async function createHold(
  q: Queryable,
  perf: SaleInfo,
  hubId: string,
  userId: string | null,
  req: HoldRequest,
): Promise<Hold> {
  if (perf.status !== 'on_sale') throw new HttpProblem(409, 'sold_out', 'This performance is not on sale.');
  if (new Date(perf.endsAt) <= new Date())
    throw new HttpProblem(409, 'sold_out', 'This performance is over.');
  const wanted =
    (req.seats?.length ?? 0) +
    (req.areas?.reduce((n, a) => n + a.quantity, 0) ?? 0) +
    (req.best?.quantity ?? 0);
  if (wanted === 0) throw new HttpProblem(400, 'validation_failed', 'Choose at least one seat or place.');
  // The hold row is written last, with its items, in one statement; its id owns the claims
  // before that, which nobody outside this transaction can see anyway.
  const holdId = randomUUID();
  const expiresAt = new Date(Date.now() + perf.holdMinutes * 60_000);
  // The seat map is read only when seats are asked for: a standing-only hold never touches it.
  let seats = [...new Set(req.seats ?? [])];
  const specs = seats.length || req.best ? await seatsForSale(q, perf.id, seats) : [];
  const byId = new Map(specs.map((s) => [s.id, s]));
  const unknownSeats = seats.filter((s) => !byId.has(s));
  if (unknownSeats.length)
    throw new HttpProblem(400, 'validation_failed', `No such seats here: ${unknownSeats.join(', ')}.`);
  const chosen = await claimSeats(q, perf.id, seats, { kind: 'hold', ownerId: holdId, expiresAt });
  if (!chosen.ok) throw seatTaken(chosen.taken);
  if (req.best) {
    // Best available among seats nobody holds and nobody is claiming right now: the candidates
    // are locked without waiting (skip locked), then claimed; if some were just locked by
    // another buyer, pick again without them.
    const free = new Set(specs.filter((s) => s.free && !seats.includes(s.id)).map((s) => s.id));
    for (;;) {
      const picked = bestAvailable(specs, free, req.best.quantity, {
        category: req.best.category,
        centreX: (specs[0]?.hallWidth ?? 0) / 2,
      });
      if (!picked) throw soldOut('seats');
      const locked = await lockFreeSeats(q, perf.id, picked);
      if (locked.size === picked.length) {
        const claimed = await claimSeats(
          q,
          perf.id,
          picked,
          { kind: 'hold', ownerId: holdId, expiresAt },
          { locked: true },
        );
        if (claimed.ok) {
          seats = [...seats, ...picked];
          break;
        }
        // Sold between our look and our lock: let go of what we got and pick around them.
        await releaseSeatClaims(q, perf.id, holdId, picked);
        for (const id of claimed.taken) free.delete(id);
        continue;
      }
      for (const id of picked) if (!locked.has(id)) free.delete(id);
    }
  }
  const items: HoldItem[] = seats.map((id) => ({
    seatId: id,
    areaId: null,
    quantity: 1,
    category: byId.get(id)?.category ?? '',
  }));
  for (const a of req.areas ?? []) {
    const area = perf.areas.find((x) => x.id === a.areaId);
    if (!area)
      throw new HttpProblem(400, 'validation_failed', 'No such general-admission area in this performance.');
    // Places of holds that ran out are counted as taken until swept: sweep this performance's
    // once before saying "sold out" (seats need no sweep: their stale claims yield by themselves).
    const taken =
      (await takePlaces(q, area.id, a.quantity)) ||
      ((await expireHolds(q, perf.id)) > 0 && (await takePlaces(q, area.id, a.quantity)));
    if (!taken) throw soldOut();
    items.push({ seatId: null, areaId: area.id, quantity: a.quantity, category: area.category });
  }
  await q.query(
    `with hold as (insert into holds (id, hub_id, performance_id, user_id, expires_at) values ($1, $2, $3, $4, $5) returning id)
     insert into hold_items (hold_id, seat_id, area_id, quantity, price_category_code)
     select hold.id, i.* from hold, unnest($6::text[], $7::uuid[], $8::int[], $9::text[]) as i`,
    [
      holdId,
      hubId,
      perf.id,
      userId,
      expiresAt,
      items.map((i) => i.seatId),
      items.map((i) => i.areaId),
      items.map((i) => i.quantity),
      items.map((i) => i.category),
    ],
  );
  return {
    id: holdId,
    performanceId: perf.id,
    userId,
    status: 'active',
    expiresAt: expiresAt.toISOString(),
    items,
  };
}

const HOLD_COLUMNS = `id, performance_id as "performanceId", user_id as "userId", status, expires_at as "expiresAt",
  coalesce((select json_agg(json_build_object('seatId', i.seat_id, 'areaId', i.area_id, 'quantity', i.quantity,
                                              'category', i.price_category_code))
              from hold_items i where i.hold_id = holds.id), '[]'::json) as items`;
type HoldRow = Omit<Hold, 'expiresAt'> & { expiresAt: Date | string };
const toHold = (row: HoldRow): Hold => ({ ...row, expiresAt: new Date(row.expiresAt).toISOString() });

export async function getHold(q: Queryable, hubId: string, holdId: string): Promise<Hold> {
  const [hold] = await q.query<HoldRow>(`select ${HOLD_COLUMNS} from holds where id = $1 and hub_id = $2`, [
    holdId,
    hubId,
  ]);
  if (!hold) throw notFound('There is no such hold.');
  return toHold(hold);
}

/**
 * Turns a live hold into "ordered" and returns it, in one statement: of two requests racing
 * with the same hold, the second waits for the first and then finds nothing live to take.
 */
export async function takeHold(q: Queryable, hubId: string, holdId: string): Promise<Hold> {
  const [hold] = await q.query<HoldRow>(
    `update holds set status = 'ordered'
      where id = $1 and hub_id = $2 and status = 'active' and expires_at > now()
      returning ${HOLD_COLUMNS}`,
    [holdId, hubId],
  );
  if (hold) return toHold(hold);
  await getHold(q, hubId, holdId); // 404 when there is no such hold at all
  throw new HttpProblem(
    410,
    'hold_expired',
    'The seats were held for you for a limited time, and that time is over. Choose them again.',
  );
}

/** Gives a hold back before it runs out (the visitor changed their mind). */
export async function releaseHold(q: Queryable, hubId: string, holdId: string): Promise<void> {
  const rows = await q.query<{ performanceId: string }>(
    `update holds set status = 'released' where id = $1 and hub_id = $2 and status = 'active' returning performance_id as "performanceId"`,
    [holdId, hubId],
  );
  const released = rows[0];
  if (released) await giveBack(q, holdId, released.performanceId);
}
