import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { isOfferCodeProblem, offerCodeBody, tengeToTiyn } from './codes.ts';

const problem = (status: number, code: string, errors?: { path: string; message: string }[]) =>
  new ApiError({ type: 'about:blank', title: '', status, detail: '', code, ...(errors ? { errors } : {}) });

describe('offerCodeBody', () => {
  it('sends nothing for an empty field', () => {
    expect(offerCodeBody('  ')).toEqual({});
  });
  it('sends a code starting with OZ- as a membership card, in capitals', () => {
    expect(offerCodeBody(' oz-ab12cd34 ')).toEqual({ membershipCode: 'OZ-AB12CD34' });
  });
  it('sends anything else as a promo code, as typed', () => {
    expect(offerCodeBody('Spring-10')).toEqual({ promoCode: 'Spring-10' });
    expect(offerCodeBody('OZON')).toEqual({ promoCode: 'OZON' });
  });
});

describe('isOfferCodeProblem', () => {
  it('knows the code problems and field errors on either code', () => {
    expect(isOfferCodeProblem(problem(400, 'promo_invalid'))).toBe(true);
    expect(isOfferCodeProblem(problem(409, 'membership_used_up'))).toBe(true);
    expect(
      isOfferCodeProblem(problem(400, 'validation_failed', [{ path: 'body/promoCode', message: 'x' }])),
    ).toBe(true);
    expect(isOfferCodeProblem(problem(409, 'sold_out'))).toBe(false);
    expect(isOfferCodeProblem(new Error('x'))).toBe(false);
  });
});

describe('tengeToTiyn', () => {
  it('reads whole and decimal tenge with spaces', () => {
    expect(tengeToTiyn('2 500')).toBe(250_000);
    expect(tengeToTiyn('2500,5')).toBe(250_050);
    expect(tengeToTiyn('abc')).toBeNaN();
    expect(tengeToTiyn('')).toBeNaN();
  });
});
