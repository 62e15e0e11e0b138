// Capacity claims. These functions are the only way seats and places are taken or given back;
// each is one statement whose condition (or the primary key of seat_claims) makes an
// oversale impossible however many buyers race, on PGlite and on PostgreSQL alike.
import type { Queryable } from '../../platform/db/db.ts';

export type SeatStatus = 'available' | 'held' | 'sold' | 'blocked';

/**
 * Claims every seat in `seatIds` for `ownerId`, or none: returns the seats that were taken by others.
 * `locked`: the caller already holds these seat rows (lockFreeSeats), so they are not locked again.
 */
export async function claimSeats(
  q: Queryable,
  performanceId: string,
  seatIds: readonly string[],
  claim:
    | { kind: 'hold'; ownerId: string; expiresAt: Date }
    | { kind: 'block'; reason: string }
    | { kind: 'sold'; ownerId: string },
  opts: { locked?: boolean } = {},
): Promise<{ ok: true } | { ok: false; taken: string[] }> {
  if (seatIds.length === 0) return { ok: true };
  // Every claimer locks the seat rows first, always in id order, so two buyers reaching for
  // overlapping seats queue one behind the other instead of deadlocking on the claims.
  if (!opts.locked) {
    await q.query(
      'select 1 from seats where performance_id = $1 and id = any($2::text[]) order by id for update',
      [performanceId, seatIds],
    );
  }
  // A hold that has run out gives its seat to whoever comes next: its claim is overwritten;
  // any other claim stands and the seat is reported taken.
  const inserted = await q.query<{ seatId: string }>(
    `insert into seat_claims (performance_id, seat_id, kind, owner_id, reason, expires_at)
     select $1, s.id, $3, $4, $5, $6 from seats s where s.performance_id = $1 and s.id = any($2::text[]) order by s.id
     on conflict (performance_id, seat_id) do update
        set kind = excluded.kind, owner_id = excluded.owner_id, reason = excluded.reason,
            expires_at = excluded.expires_at, created_at = now()
      where seat_claims.kind = 'hold' and seat_claims.expires_at <= now()
     returning seat_id as "seatId"`,
    [
      performanceId,
      seatIds,
      claim.kind,
      'ownerId' in claim ? claim.ownerId : null,
      claim.kind === 'block' ? claim.reason : null,
      claim.kind === 'hold' ? claim.expiresAt : null,
    ],
  );
  if (inserted.length === seatIds.length) return { ok: true };
  const got = new Set(inserted.map((r) => r.seatId));
  return { ok: false, taken: seatIds.filter((id) => !got.has(id)) };
}

/**
 * Of `seatIds`, locks those no other transaction is claiming at this moment and returns them,
 * without waiting: best-available picks among these, so concurrent buyers spread out.
 */
export async function lockFreeSeats(
  q: Queryable,
  performanceId: string,
  seatIds: readonly string[],
): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    'select id from seats where performance_id = $1 and id = any($2::text[]) order by id for update skip locked',
    [performanceId, seatIds],
  );
  return new Set(rows.map((r) => r.id));
}

/** Moves live hold claims of `fromOwner` to `toOwner` (a hold becoming an order, an order being paid). */
export async function transferSeatClaims(
  q: Queryable,
  performanceId: string,
  fromOwner: string,
  to: { ownerId: string; kind: 'hold'; expiresAt: Date } | { ownerId: string; kind: 'sold' },
): Promise<number> {
  const rows = await q.query(
    `update seat_claims set owner_id = $3, kind = $4, expires_at = $5
      where performance_id = $1 and owner_id = $2 and (kind = 'sold' or expires_at > now()) returning seat_id`,
    [performanceId, fromOwner, to.ownerId, to.kind, to.kind === 'hold' ? to.expiresAt : null],
  );
  return rows.length;
}

export async function releaseSeatClaims(
  q: Queryable,
  performanceId: string,
  ownerId: string,
  seatIds?: readonly string[],
): Promise<number> {
  const rows = await q.query(
    `delete from seat_claims where performance_id = $1 and owner_id = $2 and ($3::text[] is null or seat_id = any($3::text[]))
     returning seat_id`,
    [performanceId, ownerId, seatIds ?? null],
  );
  return rows.length;
}

export async function unblockSeats(
  q: Queryable,
  performanceId: string,
  seatIds: readonly string[],
): Promise<number> {
  const rows = await q.query(
    `delete from seat_claims where performance_id = $1 and seat_id = any($2::text[]) and kind = 'block' returning seat_id`,
    [performanceId, seatIds],
  );
  return rows.length;
}

/** Takes `quantity` places of a general-admission area if that many are left. */
export async function takePlaces(q: Queryable, areaId: string, quantity: number): Promise<boolean> {
  const rows = await q.query(
    'update ga_areas set taken = taken + $2 where id = $1 and taken + $2 <= capacity returning id',
    [areaId, quantity],
  );
  return rows.length === 1;
}

export async function returnPlaces(q: Queryable, areaId: string, quantity: number): Promise<void> {
  await q.query('update ga_areas set taken = taken - $2 where id = $1', [areaId, quantity]);
}

/**
 * The seats best-available may pick from (those nobody holds) and the `chosen` ones whatever
 * their state, each with the width of the whole hall, whose middle is the best place to sit.
 */
export async function seatsForSale(q: Queryable, performanceId: string, chosen: readonly string[]) {
  return q.query<{
    id: string;
    section: string;
    rowLabel: string;
    number: number;
    x: number;
    y: number;
    category: string;
    wheelchair: boolean;
    free: boolean;
    hallWidth: number;
  }>(
    `select * from (
       select s.id, s.section, s.row_label as "rowLabel", s.number, s.x, s.y, s.price_category_code as category, s.wheelchair,
              (c.seat_id is null or (c.kind = 'hold' and c.expires_at <= now())) as free, max(s.x) over () as "hallWidth"
         from seats s left join seat_claims c on c.performance_id = s.performance_id and c.seat_id = s.id
        where s.performance_id = $1) seat
      where free or id = any($2::text[])`,
    [performanceId, chosen],
  );
}

export async function seatStatuses(
  q: Queryable,
  performanceId: string,
): Promise<Map<string, { status: SeatStatus; ownerId: string | null }>> {
  const rows = await q.query<{ seatId: string; kind: string; ownerId: string | null; live: boolean }>(
    `select seat_id as "seatId", kind, owner_id as "ownerId", (kind <> 'hold' or expires_at > now()) as live
       from seat_claims where performance_id = $1`,
    [performanceId],
  );
  const map = new Map<string, { status: SeatStatus; ownerId: string | null }>();
  for (const r of rows) {
    if (!r.live) continue;
    map.set(r.seatId, {
      status: r.kind === 'hold' ? 'held' : r.kind === 'sold' ? 'sold' : 'blocked',
      ownerId: r.ownerId,
    });
  }
  return map;
}
