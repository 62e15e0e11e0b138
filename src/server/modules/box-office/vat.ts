// VAT on prices that include it, per line. The rates are data (table vat_rates, per category and date).
/** The VAT part of a VAT-inclusive price, in tiyn, rounded half up. */
export function vatIncluded(priceTiyn: number, rateBp: number): number {
  if (rateBp === 0 || priceTiyn === 0) return 0;
  return Math.round((priceTiyn * rateBp) / (10_000 + rateBp));
}
