// The one code field of a checkout: a membership card (OZ-…) or a promo code.
import { ApiError } from '../api/client.ts';

export const CARD_PREFIX = 'OZ-';

/** Problems that are about the code the buyer typed, shown next to the field. */
const CODE_PROBLEMS = new Set(['promo_invalid', 'promo_used_up', 'membership_invalid', 'membership_used_up']);

export function isCardCode(raw: string): boolean {
  return raw.trim().toUpperCase().startsWith(CARD_PREFIX);
}

/** What the order body gets for what was typed: nothing, a promo code or a membership card. */
export function offerCodeBody(raw: string): { promoCode?: string; membershipCode?: string } {
  const code = raw.trim();
  if (!code) return {};
  return isCardCode(code) ? { membershipCode: code.toUpperCase() } : { promoCode: code };
}

/** True when an order was refused because of the promo code or card. */
export function isOfferCodeProblem(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (CODE_PROBLEMS.has(error.code)) return true;
  return (error.problem.errors ?? []).some((e) => /(promoCode|membershipCode)$/.test(e.path));
}

/** Tenge typed by a person ("2 500", "2500,50") as tiyn; NaN when it is not a number. */
export function tengeToTiyn(value: string): number {
  const clean = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

const VOUCHER_PROBLEMS = new Set(['voucher_invalid', 'voucher_expired', 'voucher_void', 'voucher_empty']);

/** True when an order was refused because of the gift voucher code. */
export function isVoucherProblem(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (VOUCHER_PROBLEMS.has(error.code)) return true;
  return (error.problem.errors ?? []).some((e) => /voucherCode$/.test(e.path));
}

/** The order body's part for a typed gift voucher code: nothing when the field is empty. */
export function voucherBody(raw: string): { voucherCode?: string } {
  const code = raw.trim();
  return code ? { voucherCode: code } : {};
}
