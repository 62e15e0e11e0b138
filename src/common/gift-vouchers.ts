// Gift voucher codes, for both sides: GV- and four groups of four letters and digits without
// look-alikes (no 0/O, 1/I). 16 characters of 32 make 80 random bits: a code cannot be guessed.

export const VOUCHER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** How long a voucher is valid unless staff choose otherwise: a year, as is usual in Kazakhstan. */
export const VOUCHER_VALID_MONTHS = 12;
const CANONICAL = /^GV-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

/** Sixteen alphabet characters as a code: GV-XXXX-XXXX-XXXX-XXXX. */
export function formatVoucherCode(chars: string): string {
  if (chars.length !== 16) throw new Error('A voucher code has 16 characters');
  return `GV-${chars.match(/.{4}/g)?.join('-')}`;
}

/**
 * The code as stored, from what a person typed: any case, spaces or dashes anywhere, with or
 * without the GV prefix. Undefined when it cannot be a voucher code.
 */
export function normalizeVoucherCode(typed: string): string | undefined {
  let s = typed.toUpperCase().replace(/[\s\u00a0_-]/g, '');
  if (s.startsWith('GV') && s.length === 18) s = s.slice(2);
  if (s.length !== 16) return undefined;
  const code = formatVoucherCode(s);
  return CANONICAL.test(code) ? code : undefined;
}

/** True when the text looks like a voucher code (the desk tells it from a promo code by this). */
export function isVoucherCode(typed: string): boolean {
  return normalizeVoucherCode(typed) !== undefined;
}

/** How much of an amount due a voucher with this balance pays. */
export function voucherShare(balanceTiyn: number, dueTiyn: number): number {
  return Math.max(0, Math.min(balanceTiyn, dueTiyn));
}

/** The last day a voucher can be spent: it is valid until midnight that ends the day. */
export function lastValidDay(validUntil: string): Date {
  return new Date(Date.parse(validUntil) - 1);
}
