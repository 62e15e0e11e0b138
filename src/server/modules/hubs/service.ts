// Hubs (the tenants of the network) and the directory of each hub's spaces.
import type {
  HubDto,
  HubLegalDto,
  LocalizedTextDto,
  SpaceDto,
  SpaceKind,
} from '../../../common/api/schemas.ts';
import { isValidBin } from '../../../common/bin.ts';
import { withLatin } from '../../../common/content.ts';
import { maybeOne, one, type Queryable, sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem } from '../../platform/errors.ts';

const HUB_COLUMNS = `id, slug, name, city, description, time_zone as "timeZone",
  case when bin is null then null else json_build_object('name', legal_name, 'bin', bin, 'address', legal_address,
    'vatPayer', vat_payer, 'vatCertificate', case when vat_certificate_series is null then null
      else json_build_object('series', vat_certificate_series, 'number', vat_certificate_number) end) end as legal`;
const SPACE_COLUMNS = 'id, hub_id as "hubId", slug, kind, name, description, sort_order as "sortOrder"';

type HubRow = HubDto;
type SpaceRow = SpaceDto;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkTimeZone(tz: string | undefined): void {
  if (tz !== undefined && !isTimeZone(tz)) {
    throw new HttpProblem(
      400,
      'validation_failed',
      `"${tz}" is not a time zone; use an IANA name such as Asia/Almaty.`,
      {
        errors: [{ path: 'body/timeZone', message: 'is not an IANA time zone' }],
      },
    );
  }
}

const blank = (t: LocalizedTextDto) => !Object.values(t).some((v) => v !== undefined && v.trim() !== '');
const trimmed = (t: LocalizedTextDto): LocalizedTextDto =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v?.trim()]));

/** The legal details a receipt can print: a real BIN (its check digit), a name and an address. */
function checkLegal(legal: HubLegalDto): HubLegalDto {
  if (!isValidBin(legal.bin)) {
    throw new HttpProblem(
      400,
      'invalid_bin',
      `"${legal.bin}" is not a BIN: its last digit is not the check digit of the other eleven.`,
      { errors: [{ path: 'body/legal/bin', message: 'has a wrong check digit' }] },
    );
  }
  const errors = [
    ...(blank(legal.name) ? [{ path: 'body/legal/name', message: 'needs at least one language' }] : []),
    ...(blank(legal.address) ? [{ path: 'body/legal/address', message: 'needs at least one language' }] : []),
    ...(legal.vatCertificate && !legal.vatPayer
      ? [{ path: 'body/legal/vatCertificate', message: 'is only for a VAT payer' }]
      : []),
  ];
  if (errors.length)
    throw new HttpProblem(400, 'validation_failed', 'The legal details are not complete.', { errors });
  return { ...legal, name: withLatin(trimmed(legal.name)), address: withLatin(trimmed(legal.address)) };
}

/** The parameters that write a hub's legal details (all null: none). */
function legalParams(legal: HubLegalDto | null) {
  const l = legal ? checkLegal(legal) : null;
  return [
    l?.name ?? null,
    l?.bin ?? null,
    l?.address ?? null,
    l?.vatPayer ?? false,
    l?.vatCertificate?.series ?? null,
    l?.vatCertificate?.number ?? null,
  ];
}

export async function listHubs(q: Queryable): Promise<HubDto[]> {
  return q.query<HubRow>(`select ${HUB_COLUMNS} from hubs order by created_at, slug`);
}

export async function findHubBySlug(q: Queryable, slug: string): Promise<HubDto | undefined> {
  return maybeOne<HubRow>(q, `select ${HUB_COLUMNS} from hubs where slug = $1`, [slug]);
}

// Nearly every API request names its hub by slug, and hubs change rarely: a process keeps the
// hubs it read for a few seconds (so another process's edit shows within that time) and
// forgets them all at once when it edits one itself.
const HUB_CACHE_MS = 5_000;
let hubEdits = 0;
const hubCache = new WeakMap<Queryable, Map<string, { hub: HubDto; until: number; edits: number }>>();

export async function getHubBySlug(q: Queryable, slug: string): Promise<HubDto> {
  const hub = await cachedHub(q, `slug:${slug}`, () => findHubBySlug(q, slug));
  if (!hub) throw new HttpProblem(404, 'hub_not_found', `There is no hub "${slug}".`);
  return hub;
}

async function cachedHub(
  q: Queryable,
  key: string,
  read: () => Promise<HubDto | undefined>,
): Promise<HubDto | undefined> {
  const byKey = hubCache.get(q) ?? new Map();
  const hit = byKey.get(key);
  if (hit && hit.edits === hubEdits && hit.until > Date.now()) return hit.hub;
  const edits = hubEdits;
  const hub = await read();
  if (!hub) return undefined;
  hubCache.set(q, byKey);
  byKey.set(key, { hub, until: Date.now() + HUB_CACHE_MS, edits });
  return hub;
}

export async function getHubById(q: Queryable, id: string): Promise<HubDto> {
  const hub = await cachedHub(q, `id:${id}`, () =>
    maybeOne<HubRow>(q, `select ${HUB_COLUMNS} from hubs where id = $1`, [id]),
  );
  if (!hub) throw new Error(`There is no hub with id ${id}`);
  return hub;
}

export async function createHub(
  q: Queryable,
  input: {
    slug: string;
    name: LocalizedTextDto;
    city: LocalizedTextDto;
    description?: LocalizedTextDto;
    timeZone: string;
    legal?: HubLegalDto | null;
  },
): Promise<HubDto> {
  checkTimeZone(input.timeZone);
  const legal = legalParams(input.legal ?? null);
  try {
    return await one<HubRow>(
      q,
      `insert into hubs (slug, name, city, description, time_zone,
         legal_name, bin, legal_address, vat_payer, vat_certificate_series, vat_certificate_number)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${HUB_COLUMNS}`,
      [
        input.slug,
        withLatin(input.name),
        withLatin(input.city),
        withLatin(input.description ?? {}),
        input.timeZone,
        ...legal,
      ],
    );
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION)
      throw new HttpProblem(409, 'conflict', `A hub "${input.slug}" already exists.`);
    throw err;
  }
}

export async function updateHub(
  q: Queryable,
  hubId: string,
  patch: {
    name?: LocalizedTextDto;
    city?: LocalizedTextDto;
    description?: LocalizedTextDto;
    timeZone?: string;
    /** replaces the legal details as a whole; null clears them */
    legal?: HubLegalDto | null;
  },
): Promise<HubDto> {
  checkTimeZone(patch.timeZone);
  const json = (t: LocalizedTextDto | undefined) => (t ? withLatin(t) : null);
  const legal = legalParams(patch.legal ?? null);
  hubEdits++;
  return one<HubRow>(
    q,
    `update hubs set name = coalesce($2, name), city = coalesce($3, city), description = coalesce($4, description),
       time_zone = coalesce($5, time_zone),
       legal_name = case when $6 then $7 else legal_name end, bin = case when $6 then $8 else bin end,
       legal_address = case when $6 then $9 else legal_address end,
       vat_payer = case when $6 then $10 else vat_payer end,
       vat_certificate_series = case when $6 then $11 else vat_certificate_series end,
       vat_certificate_number = case when $6 then $12 else vat_certificate_number end
     where id = $1 returning ${HUB_COLUMNS}`,
    [
      hubId,
      json(patch.name),
      json(patch.city),
      json(patch.description),
      patch.timeZone ?? null,
      patch.legal !== undefined,
      ...legal,
    ],
  );
}

export async function listSpaces(q: Queryable, hubId: string): Promise<SpaceDto[]> {
  return q.query<SpaceRow>(
    `select ${SPACE_COLUMNS} from spaces where hub_id = $1 order by sort_order, slug`,
    [hubId],
  );
}

/** Looks a space up within one hub only: another hub's space is simply not found. */
export async function getSpace(q: Queryable, hubId: string, slug: string): Promise<SpaceDto> {
  const space = await maybeOne<SpaceRow>(
    q,
    `select ${SPACE_COLUMNS} from spaces where hub_id = $1 and slug = $2`,
    [hubId, slug],
  );
  if (!space) throw new HttpProblem(404, 'not_found', `This hub has no space "${slug}".`);
  return space;
}

export async function createSpace(
  q: Queryable,
  hubId: string,
  input: {
    slug: string;
    kind: SpaceKind;
    name: LocalizedTextDto;
    description: LocalizedTextDto;
    sortOrder: number;
  },
): Promise<SpaceDto> {
  return one<SpaceRow>(
    q,
    `insert into spaces (hub_id, slug, kind, name, description, sort_order) values ($1, $2, $3, $4, $5, $6)
     returning ${SPACE_COLUMNS}`,
    [hubId, input.slug, input.kind, withLatin(input.name), withLatin(input.description), input.sortOrder],
  );
}

export async function updateSpace(
  q: Queryable,
  spaceId: string,
  patch: { name?: LocalizedTextDto; description?: LocalizedTextDto },
): Promise<SpaceDto> {
  return one<SpaceRow>(
    q,
    `update spaces set name = coalesce($2, name), description = coalesce($3, description) where id = $1
     returning ${SPACE_COLUMNS}`,
    [
      spaceId,
      patch.name ? withLatin(patch.name) : null,
      patch.description ? withLatin(patch.description) : null,
    ],
  );
}
