import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../common/format.ts';
import { LOCALES } from '../../../common/locales.ts';
import { giftVoucherMail } from './voucher-mail.ts';

const voucher = {
  hubName: { kk: 'ÓzgeEpic Астана', ru: 'ÓzgeEpic Астана', en: 'ÓzgeEpic Astana' },
  code: 'GV-7KQM-3XHP-R2WN-9CTD',
  amountTiyn: 1_000_000,
  // valid through 28 February 2027 in Astana
  validUntil: '2027-02-28T19:00:00.000Z',
  timeZone: 'Asia/Almaty',
  recipientName: 'Әлия',
  buyerName: 'Дана',
  link: 'http://hub.test/astana/gift-voucher',
};

describe('the gift voucher mail', () => {
  it.each(LOCALES)('carries the code, the value, the last day and the balance link in %s', (locale) => {
    const m = giftVoucherMail('aliya@example.kz', locale, voucher);
    expect(m.to).toBe('aliya@example.kz');
    expect(m.subject).toContain(formatMoney(1_000_000, locale));
    expect(m.text).toContain(voucher.code);
    expect(m.text).toContain(voucher.link);
    expect(m.text).toMatch(/28/);
    expect(m.text).not.toMatch(/\{|undefined|null/);
  });

  it('is in the Latin alphabet for kk-Latn, names included', () => {
    const m = giftVoucherMail('a@example.kz', 'kk-Latn', voucher);
    expect(`${m.subject}\n${m.text}`).not.toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
    expect(m.text).toContain('Äliia');
  });

  it('says nothing of a giver or a last day it does not know', () => {
    const m = giftVoucherMail('a@example.kz', 'en', {
      ...voucher,
      buyerName: null,
      recipientName: null,
      validUntil: null,
    });
    expect(m.text).toContain('You have been given a gift voucher');
    expect(m.text).not.toContain('valid until');
  });
});
