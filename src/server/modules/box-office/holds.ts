// Holds: seats and places kept for a visitor for a few minutes while they pay.
import { one, type Queryable } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import {
  claimSeats,
  lockFreeSeats,
  releaseSeatClaims,
  returnPlaces,
  seatStatuses,
  takePlaces,
} from '../program/inventory.ts';
import { bestAvailable } from '../program/seat-map.ts';
import { type SaleInfo, seatSpecs } from '../program/service.ts';

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
  const hold = await one<{ id: string; expiresAt: Date | string }>(
    q,
    `insert into holds (hub_id, performance_id, user_id, expires_at) values ($1, $2, $3, now() + make_interval(mins => $4))
     returning id, expires_at as "expiresAt"`,
    [hubId, perf.id, userId, perf.holdMinutes],
  );
  const expiresAt = new Date(hold.expiresAt);
  // The seat map is read only when seats are asked for: a standing-only hold never touches it.
  const specs = req.seats?.length || req.best ? await seatSpecs(q, perf.id) : [];
  const byId = new Map(specs.map((s) => [s.id, s]));
  let seats = [...new Set(req.seats ?? [])];
  const unknownSeats = seats.filter((s) => !byId.has(s));
  if (unknownSeats.length)
    throw new HttpProblem(400, 'validation_failed', `No such seats here: ${unknownSeats.join(', ')}.`);
  const chosen = await claimSeats(q, perf.id, seats, { kind: 'hold', ownerId: hold.id, expiresAt });
  if (!chosen.ok) throw seatTaken(chosen.taken);
  if (req.best) {
    // Best available among seats nobody holds and nobody is claiming right now: the candidates
    // are locked without waiting (skip locked), then claimed; if some were just locked by
    // another buyer, pick again without them.
    const statuses = await seatStatuses(q, perf.id);
    const free = new Set(specs.filter((s) => !statuses.has(s.id) && !seats.includes(s.id)).map((s) => s.id));
    for (;;) {
      const picked = bestAvailable(specs, free, req.best.quantity, { category: req.best.category });
      if (!picked) throw soldOut('seats');
      const locked = await lockFreeSeats(q, perf.id, picked);
      if (locked.size === picked.length) {
        const claimed = await claimSeats(q, perf.id, picked, { kind: 'hold', ownerId: hold.id, expiresAt });
        if (claimed.ok) {
          seats = [...seats, ...picked];
          break;
        }
        // Sold between our look and our lock: let go of what we got and pick around them.
        await releaseSeatClaims(q, perf.id, hold.id, picked);
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
    `insert into hold_items (hold_id, seat_id, area_id, quantity, price_category_code)
     select $1, * from unnest($2::text[], $3::uuid[], $4::int[], $5::text[])`,
    [
      hold.id,
      items.map((i) => i.seatId),
      items.map((i) => i.areaId),
      items.map((i) => i.quantity),
      items.map((i) => i.category),
    ],
  );
  return {
    id: hold.id,
    performanceId: perf.id,
    userId,
    status: 'active',
    expiresAt: expiresAt.toISOString(),
    items,
  };
}

export async function getHold(
  q: Queryable,
  hubId: string,
  holdId: string,
  opts: { lock?: boolean } = {},
): Promise<Hold> {
  const [hold] = await q.query<
    Omit<Hold, 'items' | 'expiresAt'> & { expiresAt: Date | string; live: boolean }
  >(
    `select id, performance_id as "performanceId", user_id as "userId", status, expires_at as "expiresAt"
       from holds where id = $1 and hub_id = $2 ${opts.lock ? 'for update' : ''}`,
    [holdId, hubId],
  );
  if (!hold) throw notFound('There is no such hold.');
  const items = await q.query<HoldItem>(
    `select seat_id as "seatId", area_id as "areaId", quantity, price_category_code as category from hold_items where hold_id = $1`,
    [holdId],
  );
  return { ...hold, expiresAt: new Date(hold.expiresAt).toISOString(), items };
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
