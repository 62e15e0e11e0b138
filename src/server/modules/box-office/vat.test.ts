import { describe, expect, it } from 'vitest';
import { vatIncluded } from './vat.ts';

describe('VAT included in a price', () => {
  it('takes 16/116 of the price at the 2026 standard rate, rounded to the tiyn', () => {
    expect(vatIncluded(500_000, 1600)).toBe(68_966); // 5,000 ₸ → 689.66 ₸ VAT
    expect(vatIncluded(11_600, 1600)).toBe(1_600);
    expect(vatIncluded(1, 1600)).toBe(0);
    expect(vatIncluded(7, 1600)).toBe(1);
  });
  it('is zero for exempt books and free tickets', () => {
    expect(vatIncluded(350_000, 0)).toBe(0);
    expect(vatIncluded(0, 1600)).toBe(0);
  });
});
