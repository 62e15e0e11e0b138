// What new tickets cost in an exchange, the same on the server and at the desk (which shows
// the difference before the clerk confirms). The new seats keep the discount the given-back
// tickets had: the share of their list price that was paid (a promo code's 20 % off, a pass
// that paid all), so swapping for a seat of the same price costs nothing.

export interface GivenBackLine {
  /** what was paid */
  unitPriceTiyn: number;
  /** taken off the list price */
  discountTiyn: number;
  complimentary: boolean;
}

export interface NewLinePrice {
  unitPriceTiyn: number;
  discountTiyn: number;
  complimentary: boolean;
}

export function exchangePrices(
  given: readonly GivenBackLine[],
  newListPrices: readonly number[],
): NewLinePrice[] {
  // Complimentary tickets are exchanged for complimentary ones.
  if (given.length > 0 && given.every((l) => l.complimentary))
    return newListPrices.map(() => ({ unitPriceTiyn: 0, discountTiyn: 0, complimentary: true }));
  const paid = given.reduce((n, l) => n + l.unitPriceTiyn, 0);
  const list = given.reduce((n, l) => n + l.unitPriceTiyn + l.discountTiyn, 0);
  return newListPrices.map((p) => {
    const unit = list > 0 ? Math.round((p * paid) / list) : p;
    return { unitPriceTiyn: unit, discountTiyn: p - unit, complimentary: false };
  });
}
