// Promo codes: created by program managers, redeemed at checkout inside the order's transaction.
import { maybeOne, one, type Queryable, sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import type { Promo } from './discount.ts';

export interface PromoCode {
  id: string;
  code: string;
  kind: 'amount' | 'percent' | 'free_ticket';
  amountTiyn: number | null;
  percent: number | null;
  maxUses: number | null;
  uses: number;
  eventId: string | null;
  validUntil: string | null;
  active: boolean;
}

const COLUMNS = `id, code, kind, amount_tiyn::int as "amountTiyn", percent_bp / 100.0 as percent, max_uses as "maxUses",
  uses, event_id as "eventId", valid_until as "validUntil", active`;

type Row = Omit<PromoCode, 'validUntil' | 'percent'> & {
  validUntil: Date | string | null;
  percent: number | string | null;
};
const toDto = (r: Row): PromoCode => ({
  ...r,
  percent: r.percent === null ? null : Number(r.percent),
  validUntil: r.validUntil ? new Date(r.validUntil).toISOString() : null,
});

export async function createPromoCode(
  q: Queryable,
  hubId: string,
  input: {
    code: string;
    kind: PromoCode['kind'];
    amountTiyn?: number | undefined;
    percent?: number | undefined;
    maxUses?: number | undefined;
    eventId?: string | undefined;
    validUntil?: string | undefined;
  },
): Promise<PromoCode> {
  if (
    (input.kind === 'amount') !== (input.amountTiyn !== undefined) ||
    (input.kind === 'percent') !== (input.percent !== undefined)
  ) {
    throw new HttpProblem(
      400,
      'validation_failed',
      'An amount code needs amountTiyn, a percent code needs percent, a free-ticket code neither.',
      {
        errors: [
          {
            path: input.kind === 'amount' ? 'body/amountTiyn' : 'body/percent',
            message: 'does not fit the kind',
          },
        ],
      },
    );
  }
  try {
    return toDto(
      await one<Row>(
        q,
        `insert into promo_codes (hub_id, code, kind, amount_tiyn, percent_bp, max_uses, event_id, valid_until)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
        [
          hubId,
          input.code,
          input.kind,
          input.amountTiyn ?? null,
          input.percent === undefined ? null : Math.round(input.percent * 100),
          input.maxUses ?? null,
          input.eventId ?? null,
          input.validUntil ?? null,
        ],
      ),
    );
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION)
      throw new HttpProblem(409, 'conflict', `The code ${input.code} already exists in this hub.`);
    throw err;
  }
}

export async function listPromoCodes(q: Queryable, hubId: string): Promise<PromoCode[]> {
  return (
    await q.query<Row>(`select ${COLUMNS} from promo_codes where hub_id = $1 order by created_at desc`, [
      hubId,
    ])
  ).map(toDto);
}

export async function setPromoActive(
  q: Queryable,
  hubId: string,
  id: string,
  active: boolean,
): Promise<PromoCode> {
  const row = await maybeOne<Row>(
    q,
    `update promo_codes set active = $3 where id = $1 and hub_id = $2 returning ${COLUMNS}`,
    [id, hubId, active],
  );
  if (!row) throw notFound('This hub has no such promo code.');
  return toDto(row);
}

const invalid = (code: string) =>
  new HttpProblem(
    400,
    'promo_invalid',
    `The code ${code} is not valid here: it may be mistyped, expired, or for another event.`,
    {
      errors: [{ path: 'body/promoCode', message: 'is not valid' }],
    },
  );

/** Finds a code a buyer typed (case does not matter) that applies to this event now. */
export async function findPromo(
  q: Queryable,
  hubId: string,
  code: string,
  eventId: string,
): Promise<{ id: string; promo: Promo; usedUp: boolean }> {
  const row = await maybeOne<Row>(
    q,
    `select ${COLUMNS} from promo_codes where hub_id = $1 and upper(code) = upper($2) and active
        and (valid_until is null or valid_until > now()) and (event_id is null or event_id = $3)`,
    [hubId, code.trim(), eventId],
  );
  if (!row) throw invalid(code);
  const promo: Promo =
    row.kind === 'amount'
      ? { kind: 'amount', amountTiyn: Number(row.amountTiyn) }
      : row.kind === 'percent'
        ? { kind: 'percent', percentBp: Math.round(Number(row.percent) * 100) }
        : { kind: 'free_ticket' };
  return { id: row.id, promo, usedUp: row.maxUses !== null && row.uses >= row.maxUses };
}

/** Takes one use of a code; the condition keeps the count within its limit under any race. */
export async function redeemPromo(q: Queryable, id: string, code: string): Promise<void> {
  const rows = await q.query(
    'update promo_codes set uses = uses + 1 where id = $1 and (max_uses is null or uses < max_uses) returning id',
    [id],
  );
  if (rows.length === 0)
    throw new HttpProblem(409, 'promo_used_up', `The code ${code} has been used as many times as it may be.`);
}

/** Gives a use back (the order was refunded or never paid). */
export async function releasePromo(q: Queryable, id: string): Promise<void> {
  await q.query('update promo_codes set uses = uses - 1 where id = $1 and uses > 0', [id]);
}
