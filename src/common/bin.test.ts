import { describe, expect, it } from 'vitest';
import { binCheckDigit, isValidBin } from './bin.ts';

describe('BIN / IIN check digit', () => {
  it('accepts numbers whose check digit matches, with the first weights', () => {
    // 9·1 + 7·2 + 1·3 + 2·4 + 4·5 + 1·9 + 3·10 + 1·11 = 104; 104 mod 11 = 5
    expect(isValidBin('971240001315')).toBe(true);
    expect(binCheckDigit('97124000131')).toBe(5);
  });

  it('falls back to the second weights when the first give 10', () => {
    // first weights: 1·10 = 10, so the second weights decide: 1·1 (the tenth of them) = 1
    expect(binCheckDigit('00000000010')).toBe(1);
    expect(isValidBin('000000000101')).toBe(true);
    expect(isValidBin('000000000100')).toBe(false);
  });

  it('refuses numbers for which no check digit exists', () => {
    // both weightings give 10 for some eleven digits: no twelfth digit makes them valid
    const impossible = Array.from({ length: 100_000 }, (_, i) => String(i).padStart(11, '0')).find(
      (n) => binCheckDigit(n) === null,
    );
    expect(impossible).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(isValidBin(`${impossible}${d}`)).toBe(false);
  });

  it('refuses anything but twelve digits, and a wrong check digit', () => {
    expect(isValidBin('971240001316')).toBe(false);
    expect(isValidBin('97124000131')).toBe(false);
    expect(isValidBin('9712400013150')).toBe(false);
    expect(isValidBin('97124000131a')).toBe(false);
    expect(isValidBin(' 971240001315')).toBe(false);
  });
});
