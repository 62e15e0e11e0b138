import { describe, expect, it } from 'vitest';
import { discounts } from './discount.ts';

describe('promo discounts per line', () => {
  it('takes a percentage off every line', () => {
    expect(discounts([600_000, 450_000], { kind: 'percent', percentBp: 2000 })).toEqual([120_000, 90_000]);
    expect(discounts([333], { kind: 'percent', percentBp: 5000 })).toEqual([167]);
  });
  it('makes the dearest ticket free', () => {
    expect(discounts([300_000, 600_000, 450_000], { kind: 'free_ticket' })).toEqual([0, 600_000, 0]);
  });
  it('spreads an amount over the lines by price, never below zero', () => {
    expect(discounts([600_000, 300_000], { kind: 'amount', amountTiyn: 100_000 })).toEqual([66_667, 33_333]);
    expect(discounts([100_000, 100_000, 100_000], { kind: 'amount', amountTiyn: 100_000 })).toEqual([
      33_334, 33_333, 33_333,
    ]);
    expect(discounts([50_000, 20_000], { kind: 'amount', amountTiyn: 1_000_000 })).toEqual([50_000, 20_000]);
  });
  it('gives nothing off free lines', () => {
    expect(discounts([0, 0], { kind: 'amount', amountTiyn: 500 })).toEqual([0, 0]);
  });
});
