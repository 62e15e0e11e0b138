import { describe, expect, it } from 'vitest';
import { exchangePrices } from './exchange-prices.ts';

const paid = (unit: number, discount = 0) => ({
  unitPriceTiyn: unit,
  discountTiyn: discount,
  complimentary: false,
});

describe('exchange prices', () => {
  it('charges list prices when the old tickets had no discount', () => {
    expect(exchangePrices([paid(300_000)], [500_000])).toEqual([
      { unitPriceTiyn: 500_000, discountTiyn: 0, complimentary: false },
    ]);
  });

  it('keeps the share of the list price that was paid (a promo code, a discount card)', () => {
    // 20 % off two seats of 5 000 and 3 000 ₸: 6 400 ₸ of 8 000 ₸ paid.
    expect(exchangePrices([paid(400_000, 100_000), paid(240_000, 60_000)], [500_000, 200_000])).toEqual([
      { unitPriceTiyn: 400_000, discountTiyn: 100_000, complimentary: false },
      { unitPriceTiyn: 160_000, discountTiyn: 40_000, complimentary: false },
    ]);
  });

  it('keeps a pass that paid the whole ticket paying it', () => {
    expect(exchangePrices([paid(0, 500_000)], [300_000])).toEqual([
      { unitPriceTiyn: 0, discountTiyn: 300_000, complimentary: false },
    ]);
  });

  it('exchanges complimentary tickets for complimentary ones', () => {
    expect(exchangePrices([{ unitPriceTiyn: 0, discountTiyn: 0, complimentary: true }], [500_000])).toEqual([
      { unitPriceTiyn: 0, discountTiyn: 0, complimentary: true },
    ]);
  });

  it('charges the full price for tickets of a free performance given back', () => {
    expect(exchangePrices([paid(0)], [200_000])).toEqual([
      { unitPriceTiyn: 200_000, discountTiyn: 0, complimentary: false },
    ]);
  });
});
