import { describe, expect, it } from 'vitest';
import {
  formatVoucherCode,
  isVoucherCode,
  lastValidDay,
  normalizeVoucherCode,
  VOUCHER_ALPHABET,
  voucherShare,
} from './gift-vouchers.ts';

describe('gift voucher codes', () => {
  it('groups sixteen characters behind GV-', () => {
    expect(formatVoucherCode('ABCDEFGHJKLMNPQR')).toBe('GV-ABCD-EFGH-JKLM-NPQR');
    expect(() => formatVoucherCode('ABC')).toThrow();
  });

  it('reads a code however it was typed, and nothing that is not one', () => {
    const code = 'GV-7KQM-3XHP-R2WN-9CTD';
    for (const typed of [
      code,
      code.toLowerCase(),
      ' gv 7kqm 3xhp r2wn 9ctd ',
      '7KQM3XHPR2WN9CTD',
      'GV7KQM-3XHP-R2WN-9CTD',
    ])
      expect(normalizeVoucherCode(typed)).toBe(code);
    for (const typed of ['', 'SUMMER25', 'OZ-ABCDEFGH', 'GV-7KQM-3XHP-R2WN-9CT', 'GV-7KQM-3XHP-R2WN-9CT!'])
      expect(normalizeVoucherCode(typed)).toBeUndefined();
    expect(isVoucherCode('gv-aaaa-bbbb-cccc-dddd')).toBe(true);
    expect(isVoucherCode('PROMO-2026')).toBe(false);
  });

  it('uses 32 characters without look-alikes', () => {
    expect(new Set(VOUCHER_ALPHABET).size).toBe(32);
    expect(VOUCHER_ALPHABET).not.toMatch(/[01IO]/);
  });
});

describe('voucherShare', () => {
  it('pays what is due up to the balance, never below zero', () => {
    expect(voucherShare(1_000_000, 500_000)).toBe(500_000);
    expect(voucherShare(300_000, 500_000)).toBe(300_000);
    expect(voucherShare(0, 500_000)).toBe(0);
    expect(voucherShare(300_000, 0)).toBe(0);
    expect(voucherShare(-5, 10)).toBe(0);
  });
});

describe('lastValidDay', () => {
  it('is the day before the midnight a voucher runs out at', () => {
    // valid until midnight that starts 1 March in Astana (UTC+5): the last day is 28 February
    expect(lastValidDay('2027-02-28T19:00:00.000Z').toISOString()).toBe('2027-02-28T18:59:59.999Z');
  });
});
