// How a promo code lowers the lines of an order. Pure: the lines come in with their list
// prices, and go out with a discount each, never more than the line itself.

export type Promo =
  | { kind: 'amount'; amountTiyn: number }
  | { kind: 'percent'; percentBp: number }
  | { kind: 'free_ticket' };

/** Discount per line, in the lines' order. */
export function discounts(prices: readonly number[], promo: Promo): number[] {
  const total = prices.reduce((a, b) => a + b, 0);
  if (total === 0) return prices.map(() => 0);
  switch (promo.kind) {
    case 'percent':
      return prices.map((p) => Math.round((p * promo.percentBp) / 10_000));
    case 'free_ticket': {
      const top = prices.indexOf(Math.max(...prices));
      return prices.map((p, i) => (i === top ? p : 0));
    }
    case 'amount': {
      // Spread over the lines by price; the rounding remainder goes to the dearest line.
      const off = Math.min(promo.amountTiyn, total);
      const shares = prices.map((p) => Math.floor((off * p) / total));
      const top = prices.indexOf(Math.max(...prices));
      shares[top] = (shares[top] ?? 0) + off - shares.reduce((a, b) => a + b, 0);
      return shares;
    }
  }
}
