// Events, their performances, prices and capacity.

import type { EventDto, EventKind, PerformanceDto, SeatDto } from '../../../common/api/program.ts';
import type { LocalizedTextDto } from '../../../common/api/schemas.ts';
import { withLatin } from '../../../common/content.ts';
import { maybeOne, one, type Queryable, sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { seatStatuses } from './inventory.ts';
import { expandSeatMap, type SeatMapLayout } from './seat-map.ts';

const EVENT_COLUMNS = `e.id, e.hub_id as "hubId", e.slug, e.kind, e.title, e.description, e.age_rating as "ageRating",
  e.languages, e.image_url as "imageUrl", e.status`;

export async function createEvent(
  q: Queryable,
  hubId: string,
  input: {
    slug: string;
    kind: EventKind;
    title: LocalizedTextDto;
    description?: LocalizedTextDto;
    ageRating?: string;
    languages?: string[];
    imageUrl?: string;
    status?: 'draft' | 'published';
  },
): Promise<EventDto> {
  try {
    return await one<EventDto>(
      q,
      `insert into events as e (hub_id, slug, kind, title, description, age_rating, languages, image_url, status)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${EVENT_COLUMNS}`,
      [
        hubId,
        input.slug,
        input.kind,
        withLatin(input.title),
        withLatin(input.description ?? {}),
        input.ageRating ?? '0+',
        input.languages ?? [],
        input.imageUrl ?? null,
        input.status ?? 'draft',
      ],
    );
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION)
      throw new HttpProblem(409, 'conflict', `An event "${input.slug}" already exists in this hub.`);
    throw err;
  }
}

export async function updateEvent(
  q: Queryable,
  eventId: string,
  patch: Partial<Omit<EventDto, 'id' | 'hubId' | 'slug'>>,
): Promise<EventDto> {
  const json = (t: LocalizedTextDto | undefined) => (t ? withLatin(t) : null);
  return one<EventDto>(
    q,
    `update events as e set kind = coalesce($2, kind), title = coalesce($3, title), description = coalesce($4, description),
       age_rating = coalesce($5, age_rating), languages = coalesce($6, languages), image_url = coalesce($7, image_url),
       status = coalesce($8, status)
     where id = $1 returning ${EVENT_COLUMNS}`,
    [
      eventId,
      patch.kind ?? null,
      json(patch.title),
      json(patch.description),
      patch.ageRating ?? null,
      patch.languages ?? null,
      patch.imageUrl ?? null,
      patch.status ?? null,
    ],
  );
}

/** Finds an event of one hub; drafts only for staff who may see them. */
export async function getEvent(
  q: Queryable,
  hubId: string,
  slug: string,
  opts: { drafts: boolean },
): Promise<EventDto> {
  const event = await maybeOne<EventDto>(
    q,
    `select ${EVENT_COLUMNS} from events e where e.hub_id = $1 and e.slug = $2`,
    [hubId, slug],
  );
  if (!event || (!opts.drafts && event.status === 'draft'))
    throw notFound(`This hub has no event "${slug}".`);
  return event;
}

/** Every event of a hub, newest first; drafts only for those who may see them. */
export async function listEvents(
  q: Queryable,
  hubId: string,
  opts: { drafts: boolean },
): Promise<EventDto[]> {
  return q.query<EventDto>(
    `select ${EVENT_COLUMNS} from events e where e.hub_id = $1 and ($2 or e.status <> 'draft') order by e.created_at desc, e.slug`,
    [hubId, opts.drafts],
  );
}

export interface ProgramFilter {
  kind?: EventKind | undefined;
  spaceSlug?: string | undefined;
  /** dates (YYYY-MM-DD) in the hub's time zone, inclusive */
  from?: string | undefined;
  to?: string | undefined;
  lang?: string | undefined;
  drafts?: boolean;
  eventId?: string;
  performanceIds?: string[];
}

type PerfRow = Omit<
  PerformanceDto,
  'prices' | 'areas' | 'sections' | 'seatCount' | 'seatsAvailable' | 'startsAt' | 'endsAt'
> & {
  startsAt: Date | string;
  endsAt: Date | string;
};

/** Performances of a hub with their event, space, prices and what is left, soonest first. */
/** What a receipt or a ticket says about a performance: its event, time, space and area names. */
export interface PerformanceLabel {
  id: string;
  eventTitle: LocalizedTextDto;
  startsAt: string;
  endsAt: string;
  spaceName: LocalizedTextDto;
  areas: { id: string; name: LocalizedTextDto }[];
}

/** Labels of some performances in one round trip (listPerformances also counts what is left). */
export async function performanceLabels(q: Queryable, ids: readonly string[]): Promise<PerformanceLabel[]> {
  const rows = await q.query<
    Omit<PerformanceLabel, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date }
  >(
    `select p.id, e.title as "eventTitle", p.starts_at as "startsAt", p.ends_at as "endsAt", s.name as "spaceName",
            coalesce((select json_agg(json_build_object('id', a.id, 'name', a.name) order by a.capacity desc, a.id)
                        from ga_areas a where a.performance_id = p.id), '[]'::json) as areas
       from performances p join events e on e.id = p.event_id join spaces s on s.id = p.space_id
      where p.id = any($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
  }));
}

export async function listPerformances(
  q: Queryable,
  hubId: string,
  f: ProgramFilter = {},
): Promise<PerformanceDto[]> {
  const rows = await q.query<PerfRow>(
    `select p.id, e.id as "eventId", e.slug as "eventSlug", e.title as "eventTitle", e.kind as "eventKind",
            s.slug as "spaceSlug", s.name as "spaceName", p.starts_at as "startsAt", p.ends_at as "endsAt",
            p.hold_minutes as "holdMinutes", p.status
       from performances p join events e on e.id = p.event_id join spaces s on s.id = p.space_id
       join hubs h on h.id = p.hub_id
      where p.hub_id = $1
        and ($2::text is null or e.kind = $2)
        and ($3::text is null or s.slug = $3)
        and ($4::date is null or p.ends_at >= ($4::date)::timestamp at time zone h.time_zone)
        and ($5::date is null or p.starts_at < ($5::date + 1)::timestamp at time zone h.time_zone)
        and ($6::text is null or $6 = any(e.languages))
        and ($7 or e.status = 'published')
        and ($8::uuid is null or e.id = $8)
        and ($9::uuid[] is null or p.id = any($9::uuid[]))
      order by p.starts_at, e.slug`,
    [
      hubId,
      f.kind ?? null,
      f.spaceSlug ?? null,
      f.from ?? null,
      f.to ?? null,
      f.lang ?? null,
      f.drafts ?? false,
      f.eventId ?? null,
      f.performanceIds ?? null,
    ],
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const prices = await q.query<{
    performanceId: string;
    code: string;
    name: LocalizedTextDto;
    priceTiyn: number | string;
    vatCategory: string;
  }>(
    `select performance_id as "performanceId", code, name, price_tiyn as "priceTiyn", vat_category as "vatCategory"
       from price_categories where performance_id = any($1::uuid[]) order by price_tiyn desc, code`,
    [ids],
  );
  const areas = await q.query<{
    performanceId: string;
    id: string;
    name: LocalizedTextDto;
    category: string;
    capacity: number;
    taken: number;
  }>(
    `select performance_id as "performanceId", id, name, price_category_code as category, capacity, taken
       from ga_areas where performance_id = any($1::uuid[]) order by capacity desc, id`,
    [ids],
  );
  const sections = await q.query<{ performanceId: string; id: string; name: LocalizedTextDto }>(
    `select performance_id as "performanceId", id, name from performance_sections
      where performance_id = any($1::uuid[]) order by sort_order, id`,
    [ids],
  );
  const seatCounts = await q.query<{ performanceId: string; total: number; claimed: number }>(
    `select s.performance_id as "performanceId", count(*)::int as total,
            count(c.seat_id) filter (where c.kind <> 'hold' or c.expires_at > now())::int as claimed
       from seats s left join seat_claims c on c.performance_id = s.performance_id and c.seat_id = s.id
      where s.performance_id = any($1::uuid[]) group by s.performance_id`,
    [ids],
  );
  return rows.map((r) => {
    const counts = seatCounts.find((c) => c.performanceId === r.id);
    return {
      ...r,
      startsAt: new Date(r.startsAt).toISOString(),
      endsAt: new Date(r.endsAt).toISOString(),
      prices: prices
        .filter((p) => p.performanceId === r.id)
        .map(({ performanceId: _, ...p }) => ({ ...p, priceTiyn: Number(p.priceTiyn) })),
      areas: areas
        .filter((a) => a.performanceId === r.id)
        .map((a) => ({
          id: a.id,
          name: a.name,
          category: a.category,
          capacity: a.capacity,
          available: a.capacity - a.taken,
        })),
      sections: sections.filter((x) => x.performanceId === r.id).map(({ id, name }) => ({ id, name })),
      seatCount: counts?.total ?? 0,
      seatsAvailable: (counts?.total ?? 0) - (counts?.claimed ?? 0),
    };
  });
}

export async function getPerformance(
  q: Queryable,
  hubId: string,
  id: string,
  opts: { drafts: boolean } = { drafts: false },
): Promise<PerformanceDto> {
  const [perf] = await listPerformances(q, hubId, { performanceIds: [id], drafts: opts.drafts });
  if (!perf) throw notFound('This hub has no such performance.');
  return perf;
}

export async function createPerformance(
  q: Queryable,
  hubId: string,
  eventId: string,
  input: {
    spaceId: string;
    startsAt: string;
    endsAt: string;
    holdMinutes?: number | undefined;
    prices: { code: string; name: LocalizedTextDto; priceTiyn: number; vatCategory?: string | undefined }[];
    areas?: { name: LocalizedTextDto; category: string; capacity: number }[] | undefined;
    seatMap?: SeatMapLayout | undefined;
  },
): Promise<string> {
  if (new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw new HttpProblem(400, 'validation_failed', 'A performance must end after it starts.', {
      errors: [{ path: 'body/endsAt', message: 'must be after startsAt' }],
    });
  }
  const codes = new Set(input.prices.map((p) => p.code));
  const used = [
    ...(input.areas ?? []).map((a) => a.category),
    ...(input.seatMap?.sections.flatMap((s) => s.rows.map((r) => r.category)) ?? []),
  ];
  const unknown = used.filter((c) => !codes.has(c));
  if (unknown.length) {
    throw new HttpProblem(
      400,
      'validation_failed',
      `Price categories ${[...new Set(unknown)].join(', ')} are used but not priced.`,
      {
        errors: [{ path: 'body/prices', message: `needs ${[...new Set(unknown)].join(', ')}` }],
      },
    );
  }
  const perf = await one<{ id: string }>(
    q,
    `insert into performances (hub_id, event_id, space_id, starts_at, ends_at, hold_minutes) values ($1, $2, $3, $4, $5, $6) returning id`,
    [hubId, eventId, input.spaceId, input.startsAt, input.endsAt, input.holdMinutes ?? 10],
  );
  for (const p of input.prices) {
    await q.query(
      'insert into price_categories (performance_id, code, name, price_tiyn, vat_category) values ($1, $2, $3, $4, $5)',
      [perf.id, p.code, withLatin(p.name), p.priceTiyn, p.vatCategory ?? 'standard'],
    );
  }
  for (const a of input.areas ?? []) {
    await q.query(
      'insert into ga_areas (performance_id, name, price_category_code, capacity) values ($1, $2, $3, $4)',
      [perf.id, withLatin(a.name), a.category, a.capacity],
    );
  }
  if (input.seatMap) {
    // The sections with their names go with the seats, so a seat is named from its performance.
    await q.query(
      `insert into performance_sections (performance_id, id, name, sort_order)
       select $1, * from unnest($2::text[], $3::jsonb[], $4::int[])`,
      [
        perf.id,
        input.seatMap.sections.map((s) => s.id),
        input.seatMap.sections.map((s) => JSON.stringify(withLatin(s.name))),
        input.seatMap.sections.map((_, i) => i),
      ],
    );
    const seats = expandSeatMap(input.seatMap);
    // One statement for the whole hall: unnest the columns.
    await q.query(
      `insert into seats (performance_id, id, section, row_label, number, x, y, price_category_code, wheelchair)
       select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::real[], $7::real[], $8::text[], $9::boolean[])`,
      [
        perf.id,
        seats.map((s) => s.id),
        seats.map((s) => s.section),
        seats.map((s) => s.rowLabel),
        seats.map((s) => s.number),
        seats.map((s) => s.x),
        seats.map((s) => s.y),
        seats.map((s) => s.category),
        seats.map((s) => s.wheelchair),
      ],
    );
  }
  return perf.id;
}

/** The little a sale needs to know about a performance, in one query (the hot path of a rush). */
export interface SaleInfo {
  id: string;
  status: 'on_sale' | 'sales_closed' | 'cancelled';
  endsAt: string;
  holdMinutes: number;
  areas: { id: string; category: string }[];
  prices: Record<string, number>;
}

export async function getSaleInfo(
  q: Queryable,
  hubId: string,
  id: string,
  opts: { drafts: boolean },
): Promise<SaleInfo> {
  const row = await maybeOne<Omit<SaleInfo, 'endsAt'> & { endsAt: Date | string; published: boolean }>(
    q,
    `select p.id, p.status, p.ends_at as "endsAt", p.hold_minutes as "holdMinutes", e.status = 'published' as published,
            coalesce((select json_agg(json_build_object('id', a.id, 'category', a.price_category_code)) from ga_areas a where a.performance_id = p.id), '[]') as areas,
            coalesce((select json_object_agg(c.code, c.price_tiyn) from price_categories c where c.performance_id = p.id), '{}') as prices
       from performances p join events e on e.id = p.event_id where p.id = $1 and p.hub_id = $2`,
    [id, hubId],
  );
  if (!row || (!opts.drafts && !row.published)) throw notFound('This hub has no such performance.');
  const { published: _, ...info } = row;
  return { ...info, endsAt: new Date(row.endsAt).toISOString() };
}

export async function listSeats(
  q: Queryable,
  performanceId: string,
  myOwners: ReadonlySet<string> = new Set(),
): Promise<SeatDto[]> {
  const seats = await q.query<Omit<SeatDto, 'status' | 'mine'>>(
    `select id, section, row_label as row, number, x, y, price_category_code as category, wheelchair
       from seats where performance_id = $1 order by y, x`,
    [performanceId],
  );
  const statuses = await seatStatuses(q, performanceId);
  return seats.map((s) => {
    const st = statuses.get(s.id);
    return {
      ...s,
      status: st?.status ?? 'available',
      mine: st?.status === 'held' && st.ownerId !== null && myOwners.has(st.ownerId),
    };
  });
}

export async function seatSpecs(q: Queryable, performanceId: string) {
  return q.query<{
    id: string;
    section: string;
    rowLabel: string;
    number: number;
    x: number;
    y: number;
    category: string;
    wheelchair: boolean;
  }>(
    `select id, section, row_label as "rowLabel", number, x, y, price_category_code as category, wheelchair
       from seats where performance_id = $1`,
    [performanceId],
  );
}

export async function createSeatMap(
  q: Queryable,
  hubId: string,
  spaceId: string,
  name: string,
  layout: SeatMapLayout,
) {
  const seatCount = expandSeatMap(layout).length;
  try {
    const row = await one<{ id: string }>(
      q,
      'insert into seat_maps (hub_id, space_id, name, layout) values ($1, $2, $3, $4) returning id',
      [hubId, spaceId, name, layout],
    );
    return { id: row.id, seatCount };
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION)
      throw new HttpProblem(409, 'conflict', `This space already has a seat map "${name}".`);
    throw err;
  }
}

export async function getSeatMap(
  q: Queryable,
  hubId: string,
  id: string,
): Promise<{ id: string; spaceId: string; name: string; layout: SeatMapLayout }> {
  const map = await maybeOne<{ id: string; spaceId: string; name: string; layout: SeatMapLayout }>(
    q,
    'select id, space_id as "spaceId", name, layout from seat_maps where hub_id = $1 and id = $2',
    [hubId, id],
  );
  if (!map) throw notFound('This hub has no such seat map.');
  return map;
}

export async function listSeatMaps(q: Queryable, hubId: string, spaceId: string) {
  const maps = await q.query<{ id: string; name: string; layout: SeatMapLayout }>(
    'select id, name, layout from seat_maps where hub_id = $1 and space_id = $2 order by name',
    [hubId, spaceId],
  );
  return maps.map((m) => ({ id: m.id, name: m.name, seatCount: expandSeatMap(m.layout).length }));
}
