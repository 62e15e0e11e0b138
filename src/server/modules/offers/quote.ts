// What a cart would cost with a promo code or a membership card, before the sale: the same
// prices, VAT and discount rules as checkout, read only (no use of the code is taken).
import type { QuoteDto } from '../../../common/api/memberships.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { vatIncluded } from '../box-office/vat.ts';
import { discounts, type Promo } from './discount.ts';
import { peekMembership } from './memberships.ts';
import { findPromo } from './service.ts';

export interface QuoteInput {
  items: { category: string; quantity: number }[];
  promoCode?: string | undefined;
  membershipCode?: string | undefined;
}

export async function quote(
  q: Queryable,
  hubId: string,
  performance: { id: string; eventId: string; prices: Record<string, number> },
  input: QuoteInput,
): Promise<QuoteDto> {
  if (input.promoCode && input.membershipCode) {
    throw new HttpProblem(
      400,
      'validation_failed',
      'Use either a promo code or a membership card, not both.',
      {
        errors: [{ path: 'body/promoCode', message: 'cannot be combined with a membership card' }],
      },
    );
  }
  const rates = new Map(
    (
      await q.query<{ code: string; rateBp: number | null }>(
        `select c.code, (select v.rate_bp from vat_rates v where v.category = c.vat_category and v.valid_from <= current_date
                          order by v.valid_from desc limit 1) as "rateBp"
           from price_categories c where c.performance_id = $1`,
        [performance.id],
      )
    ).map((r) => [r.code, r.rateBp ?? 0]),
  );
  const listed = input.items.flatMap((item, i) => {
    const price = performance.prices[item.category];
    if (price === undefined) {
      throw new HttpProblem(
        400,
        'validation_failed',
        `This performance has no price category "${item.category}".`,
        {
          errors: [
            { path: `body/items/${i}/category`, message: 'is not a price category of this performance' },
          ],
        },
      );
    }
    return Array.from({ length: item.quantity }, () => ({ category: item.category, list: price }));
  });
  let applied: QuoteDto['applied'] = null;
  let entriesLeft: number | null = null;
  let rule: Promo | null = null;
  if (input.promoCode) {
    const found = await findPromo(q, hubId, input.promoCode, performance.eventId);
    if (found.usedUp)
      throw new HttpProblem(
        409,
        'promo_used_up',
        `The code ${input.promoCode} has been used as many times as it may be.`,
      );
    rule = found.promo;
    applied = 'promo';
  } else if (input.membershipCode) {
    const card = await peekMembership(q, hubId, input.membershipCode, listed.length);
    // A pass pays the whole ticket; a discount card takes its percentage (as at checkout).
    rule = { kind: 'percent', percentBp: card.kind === 'pass' ? 10_000 : (card.discountBp ?? 0) };
    applied = card.kind;
    entriesLeft = card.entriesLeft;
  }
  const lists = listed.map((l) => l.list);
  const off = rule ? discounts(lists, rule) : lists.map(() => 0);
  const lines = listed.map((l, i) => {
    const discountTiyn = off[i] ?? 0;
    return { category: l.category, listTiyn: l.list, discountTiyn, unitTiyn: l.list - discountTiyn };
  });
  const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((n, l) => n + f(l), 0);
  return {
    lines,
    listTotalTiyn: sum((l) => l.listTiyn),
    discountTiyn: sum((l) => l.discountTiyn),
    totalTiyn: sum((l) => l.unitTiyn),
    vatTiyn: sum((l) => vatIncluded(l.unitTiyn, rates.get(l.category) ?? 0)),
    applied,
    entriesLeft,
  };
}
