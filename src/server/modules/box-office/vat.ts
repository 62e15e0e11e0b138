// VAT on prices that include it, per line, with rates kept as data (vat_rates).
import type { Queryable } from '../../platform/db/db.ts';

/** The VAT part of a VAT-inclusive price, in tiyn, rounded half up. */
export function vatIncluded(priceTiyn: number, rateBp: number): number {
  if (rateBp === 0 || priceTiyn === 0) return 0;
  return Math.round((priceTiyn * rateBp) / (10_000 + rateBp));
}

/** The rate (basis points) of each category on a day; an unknown category is an error, not 0%. */
export async function vatRates(
  q: Queryable,
  categories: readonly string[],
  on: Date = new Date(),
): Promise<Map<string, number>> {
  const rows = await q.query<{ category: string; rateBp: number }>(
    `select distinct on (category) category, rate_bp as "rateBp" from vat_rates
      where category = any($1::text[]) and valid_from <= $2::date order by category, valid_from desc`,
    [categories, on.toISOString().slice(0, 10)],
  );
  const map = new Map(rows.map((r) => [r.category, r.rateBp]));
  const missing = categories.filter((c) => !map.has(c));
  if (missing.length) throw new Error(`No VAT rate for ${missing.join(', ')}`);
  return map;
}
