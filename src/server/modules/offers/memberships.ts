// Membership plans and the cards issued from them. A pass pays for tickets from its entries;
// a discount card takes a percentage off and tells the door what proof to ask for.
import { randomBytes } from 'node:crypto';
import type { LocalizedTextDto } from '../../../common/api/schemas.ts';
import { withLatin } from '../../../common/content.ts';
import { maybeOne, one, type Queryable, sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { queueFiscalReceipt } from '../box-office/fiscal.ts';
import { vatIncluded } from '../box-office/vat.ts';

export interface MembershipPlan {
  id: string;
  slug: string;
  name: LocalizedTextDto;
  kind: 'pass' | 'discount';
  entries: number | null;
  discountPercent: number | null;
  validDays: number;
  priceTiyn: number;
  proof: LocalizedTextDto | null;
  active: boolean;
}

export interface Membership {
  id: string;
  code: string;
  plan: { slug: string; name: LocalizedTextDto; kind: 'pass' | 'discount' };
  holderName: string;
  holderEmail: string | null;
  validFrom: string;
  validUntil: string;
  entriesLeft: number | null;
  priceTiyn: number;
  vatTiyn: number;
  paymentMethod: string;
  status: 'active' | 'cancelled';
}

const PLAN_COLUMNS = `id, slug, name, kind, entries, discount_bp / 100.0 as "discountPercent", valid_days as "validDays",
  price_tiyn::int as "priceTiyn", proof, active`;
const toPlan = (r: MembershipPlan & { discountPercent: number | string | null }): MembershipPlan => ({
  ...r,
  discountPercent: r.discountPercent === null ? null : Number(r.discountPercent),
});

export async function createPlan(
  q: Queryable,
  hubId: string,
  input: {
    slug: string;
    name: LocalizedTextDto;
    kind: 'pass' | 'discount';
    entries?: number | undefined;
    discountPercent?: number | undefined;
    validDays: number;
    priceTiyn: number;
    proof?: LocalizedTextDto | undefined;
  },
): Promise<MembershipPlan> {
  if (
    (input.kind === 'pass') !== (input.entries !== undefined) ||
    (input.kind === 'discount') !== (input.discountPercent !== undefined)
  ) {
    throw new HttpProblem(
      400,
      'validation_failed',
      'A pass needs a number of entries; a discount card needs a percentage.',
      {
        errors: [
          {
            path: input.kind === 'pass' ? 'body/entries' : 'body/discountPercent',
            message: 'does not fit the kind',
          },
        ],
      },
    );
  }
  try {
    return toPlan(
      await one(
        q,
        `insert into membership_plans (hub_id, slug, name, kind, entries, discount_bp, valid_days, price_tiyn, proof)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${PLAN_COLUMNS}`,
        [
          hubId,
          input.slug,
          withLatin(input.name),
          input.kind,
          input.entries ?? null,
          input.discountPercent === undefined ? null : Math.round(input.discountPercent * 100),
          input.validDays,
          input.priceTiyn,
          input.proof ? withLatin(input.proof) : null,
        ],
      ),
    );
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION)
      throw new HttpProblem(409, 'conflict', `A plan "${input.slug}" already exists in this hub.`);
    throw err;
  }
}

export async function listPlans(
  q: Queryable,
  hubId: string,
  opts: { activeOnly: boolean },
): Promise<MembershipPlan[]> {
  const rows = await q.query<MembershipPlan & { discountPercent: number | string | null }>(
    `select ${PLAN_COLUMNS} from membership_plans where hub_id = $1 and (active or not $2) order by price_tiyn, slug`,
    [hubId, opts.activeOnly],
  );
  return rows.map(toPlan);
}

type MembershipRow = Omit<Membership, 'validFrom' | 'validUntil'> & {
  validFrom: Date | string;
  validUntil: Date | string;
};
const MEMBERSHIP_SELECT = `select m.id, m.code, json_build_object('slug', p.slug, 'name', p.name, 'kind', p.kind) as plan,
    m.holder_name as "holderName", m.holder_email as "holderEmail", m.valid_from as "validFrom", m.valid_until as "validUntil",
    m.entries_left as "entriesLeft", m.price_tiyn::int as "priceTiyn", m.vat_tiyn::int as "vatTiyn",
    m.payment_method as "paymentMethod", m.status
  from memberships m join membership_plans p on p.id = m.plan_id`;
const toMembership = (r: MembershipRow): Membership => ({
  ...r,
  validFrom: new Date(r.validFrom).toISOString(),
  validUntil: new Date(r.validUntil).toISOString(),
});

/** A card code people can read out: OZ- and eight letters and digits without look-alikes. */
function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `OZ-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Sells a card at the desk; the payment is recorded on it and its fiscal receipt queued. */
export async function issueMembership(
  q: Queryable,
  hubId: string,
  input: {
    planSlug: string;
    holderName: string;
    holderEmail?: string | undefined;
    paymentMethod: string;
    issuedBy: string;
    userId?: string | null;
    /** The same key twice makes one card (a double-pressed button at the desk). */
    idempotencyKey?: string | undefined;
  },
): Promise<Membership> {
  const plan = await maybeOne<CardPlan & { priceTiyn: number | string }>(
    q,
    `select id, entries, valid_days as "validDays", price_tiyn as "priceTiyn" from membership_plans where hub_id = $1 and slug = $2 and active`,
    [hubId, input.planSlug],
  );
  if (!plan) throw notFound(`This hub has no membership plan "${input.planSlug}" on sale.`);
  const price = Number(plan.priceTiyn);
  const rate = await standardVatRate(q);
  const card = await insertMembership(q, hubId, plan, {
    ...input,
    priceTiyn: price,
    vatRateBp: rate,
    vatTiyn: vatIncluded(price, rate),
  });
  if (price > 0) await queueFiscalReceipt(q, hubId, { membershipId: card.id }, 'sale');
  return card;
}

/** The standard VAT rate today, in basis points (memberships are taxed at the standard rate). */
export async function standardVatRate(q: Queryable): Promise<number> {
  const [rate] = await q.query<{ rateBp: number }>(
    `select rate_bp as "rateBp" from vat_rates where category = 'standard' and valid_from <= current_date order by valid_from desc limit 1`,
  );
  return rate?.rateBp ?? 0;
}

export interface CardPlan {
  id: string;
  entries: number | null;
  validDays: number;
}

/** Writes a card of a plan, valid from now, with the price paid for it. */
export async function insertMembership(
  q: Queryable,
  hubId: string,
  plan: CardPlan,
  input: {
    holderName: string;
    holderEmail?: string | undefined;
    paymentMethod: string;
    issuedBy?: string | null;
    userId?: string | null;
    idempotencyKey?: string | undefined;
    priceTiyn: number;
    vatRateBp: number;
    vatTiyn: number;
  },
): Promise<Membership> {
  const row = await one<{ id: string }>(
    q,
    `insert into memberships (hub_id, plan_id, code, holder_name, holder_email, user_id, valid_until, entries_left, price_tiyn, vat_tiyn,
                              payment_method, issued_by, idempotency_key, vat_rate_bp)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7), $8, $9, $10, $11, $12, $13, $14) returning id`,
    [
      hubId,
      plan.id,
      newCode(),
      input.holderName.trim(),
      input.holderEmail?.toLowerCase() ?? null,
      input.userId ?? null,
      plan.validDays,
      plan.entries,
      input.priceTiyn,
      input.vatTiyn,
      input.paymentMethod,
      input.issuedBy ?? null,
      input.idempotencyKey ?? null,
      input.vatRateBp,
    ],
  );
  return getMembership(q, hubId, { id: row.id });
}

/** The card an earlier request with this idempotency key made, if any. */
export async function findMembershipByKey(
  q: Queryable,
  hubId: string,
  key: string,
): Promise<Membership | undefined> {
  const row = await maybeOne<{ id: string }>(
    q,
    'select id from memberships where hub_id = $1 and idempotency_key = $2',
    [hubId, key],
  );
  return row ? getMembership(q, hubId, { id: row.id }) : undefined;
}

export async function setPlanActive(
  q: Queryable,
  hubId: string,
  slug: string,
  active: boolean,
): Promise<MembershipPlan> {
  const row = await maybeOne<MembershipPlan & { discountPercent: number | string | null }>(
    q,
    `update membership_plans set active = $3 where hub_id = $1 and slug = $2 returning ${PLAN_COLUMNS}`,
    [hubId, slug, active],
  );
  if (!row) throw notFound(`This hub has no membership plan "${slug}".`);
  return toPlan(row);
}

export async function getMembership(
  q: Queryable,
  hubId: string,
  by: { id: string } | { code: string },
): Promise<Membership> {
  const row = await maybeOne<MembershipRow>(
    q,
    `${MEMBERSHIP_SELECT} where m.hub_id = $1 and ${'id' in by ? 'm.id = $2' : 'upper(m.code) = upper($2)'}`,
    [hubId, 'id' in by ? by.id : by.code.trim()],
  );
  if (!row) throw notFound('This hub has no such membership card.');
  return toMembership(row);
}

export async function listMemberships(q: Queryable, hubId: string): Promise<Membership[]> {
  return (
    await q.query<MembershipRow>(
      `${MEMBERSHIP_SELECT} where m.hub_id = $1 order by m.created_at desc limit 500`,
      [hubId],
    )
  ).map(toMembership);
}

export interface MembershipUse {
  id: string;
  kind: 'pass' | 'discount';
  discountBp: number | null;
  proof: LocalizedTextDto | null;
}

const notUsable = (code: string) =>
  new HttpProblem(
    400,
    'membership_invalid',
    `The card ${code} cannot be used: it may be mistyped, expired or cancelled.`,
    {
      errors: [{ path: 'body/membershipCode', message: 'is not valid' }],
    },
  );

/** Uses a card for `tickets` tickets; a pass loses that many entries, guarded by the update's condition. */
export async function applyMembership(
  q: Queryable,
  hubId: string,
  code: string,
  tickets: number,
): Promise<MembershipUse> {
  const card = await maybeOne<{
    id: string;
    kind: 'pass' | 'discount';
    discountBp: number | null;
    proof: LocalizedTextDto | null;
  }>(
    q,
    `select m.id, p.kind, p.discount_bp as "discountBp", p.proof from memberships m join membership_plans p on p.id = m.plan_id
      where m.hub_id = $1 and upper(m.code) = upper($2) and m.status = 'active' and now() between m.valid_from and m.valid_until`,
    [hubId, code.trim()],
  );
  if (!card) throw notUsable(code);
  if (card.kind === 'pass') {
    const rows = await q.query(
      'update memberships set entries_left = entries_left - $2 where id = $1 and entries_left >= $2 returning id',
      [card.id, tickets],
    );
    if (rows.length === 0) {
      throw new HttpProblem(
        409,
        'membership_used_up',
        `The pass ${code} has fewer than ${tickets} entries left.`,
      );
    }
  }
  return card;
}

/** What a card would do for a sale, without using it (the price quote). */
export async function peekMembership(
  q: Queryable,
  hubId: string,
  code: string,
  tickets: number,
): Promise<{ kind: 'pass' | 'discount'; discountBp: number | null; entriesLeft: number | null }> {
  const card = await maybeOne<{
    kind: 'pass' | 'discount';
    discountBp: number | null;
    entriesLeft: number | null;
  }>(
    q,
    `select p.kind, p.discount_bp as "discountBp", m.entries_left as "entriesLeft" from memberships m
       join membership_plans p on p.id = m.plan_id
      where m.hub_id = $1 and upper(m.code) = upper($2) and m.status = 'active' and now() between m.valid_from and m.valid_until`,
    [hubId, code.trim()],
  );
  if (!card) throw notUsable(code);
  if (card.kind === 'pass' && (card.entriesLeft ?? 0) < tickets) {
    throw new HttpProblem(
      409,
      'membership_used_up',
      `The pass ${code} has fewer than ${tickets} entries left.`,
    );
  }
  return card;
}

/** The cards of one account, across hubs, newest first. */
export async function listUserMemberships(
  q: Queryable,
  userId: string,
): Promise<
  (Membership & { hubId: string; discountPercent: number | null; proof: LocalizedTextDto | null })[]
> {
  const rows = await q.query<
    MembershipRow & { hubId: string; discountBp: number | null; proof: LocalizedTextDto | null }
  >(
    `select m.id, m.code, json_build_object('slug', p.slug, 'name', p.name, 'kind', p.kind) as plan,
            m.holder_name as "holderName", m.holder_email as "holderEmail", m.valid_from as "validFrom", m.valid_until as "validUntil",
            m.entries_left as "entriesLeft", m.price_tiyn::int as "priceTiyn", m.vat_tiyn::int as "vatTiyn",
            m.payment_method as "paymentMethod", m.status, m.hub_id as "hubId", p.discount_bp as "discountBp", p.proof
       from memberships m join membership_plans p on p.id = m.plan_id
      where m.user_id = $1 order by m.valid_until desc limit 100`,
    [userId],
  );
  return rows.map(({ discountBp, hubId, proof, ...r }) => ({
    ...toMembership(r),
    hubId,
    discountPercent: discountBp === null ? null : discountBp / 100,
    proof,
  }));
}

/** A card whose payment was taken back: it can no longer be used. */
export async function cancelMembership(q: Queryable, membershipId: string): Promise<void> {
  await q.query(`update memberships set status = 'cancelled' where id = $1`, [membershipId]);
}

/** Gives entries back to a pass (its order was refunded or never paid). */
export async function returnMembershipEntries(
  q: Queryable,
  membershipId: string,
  tickets: number,
): Promise<void> {
  await q.query(
    'update memberships set entries_left = entries_left + $2 where id = $1 and entries_left is not null',
    [membershipId, tickets],
  );
}
