import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatKazakh,
  formatMoney,
  formatNumber,
  formatTime,
  intlLocale,
  pluralCategory,
} from './format.ts';

const NBSP = '\u00a0';
const TZ = 'Asia/Almaty';
// Sunday 8 March 2026, 15:05 in Astana (UTC+5).
const march8 = new Date('2026-03-08T10:05:00Z');

describe('intlLocale', () => {
  it('uses Kazakhstan data where Intl has it', () => {
    expect(intlLocale('kk')).toBe('kk-KZ');
    expect(intlLocale('kk-Latn')).toBe('kk-KZ');
    expect(intlLocale('ru')).toBe('ru-KZ');
    expect(intlLocale('en')).toBe('en-GB');
  });
});

describe('formatMoney', () => {
  it('shows whole tenge without decimals and the ₸ sign in every locale', () => {
    expect(formatMoney(123456700, 'kk')).toBe(`1${NBSP}234${NBSP}567${NBSP}₸`);
    expect(formatMoney(123456700, 'kk-Latn')).toBe(`1${NBSP}234${NBSP}567${NBSP}₸`);
    expect(formatMoney(123456700, 'ru')).toBe(`1${NBSP}234${NBSP}567${NBSP}₸`);
    expect(formatMoney(123456700, 'en')).toBe('₸1,234,567');
  });

  it('shows tiyn with two decimals', () => {
    expect(formatMoney(123456750, 'kk')).toBe(`1${NBSP}234${NBSP}567,50${NBSP}₸`);
    expect(formatMoney(123456750, 'ru')).toBe(`1${NBSP}234${NBSP}567,50${NBSP}₸`);
    expect(formatMoney(123456750, 'en')).toBe('₸1,234,567.50');
    expect(formatMoney(5, 'kk')).toBe(`0,05${NBSP}₸`);
    expect(formatMoney(1, 'en')).toBe('₸0.01');
    expect(formatMoney(250099, 'ru')).toBe(`2${NBSP}500,99${NBSP}₸`);
  });

  it('formats zero and negative amounts', () => {
    expect(formatMoney(0, 'kk')).toBe(`0${NBSP}₸`);
    expect(formatMoney(-0, 'ru')).toBe(`0${NBSP}₸`);
    expect(formatMoney(0, 'en')).toBe('₸0');
    expect(formatMoney(-150000, 'ru')).toBe(`-1${NBSP}500${NBSP}₸`);
    expect(formatMoney(-150050, 'en')).toBe('-₸1,500.50');
  });

  it('keeps every digit of bigint amounts', () => {
    expect(formatMoney(12345678901234567890n, 'en')).toBe('₸123,456,789,012,345,678.90');
    expect(formatMoney(100n, 'kk')).toBe(`1${NBSP}₸`);
  });

  it('refuses fractions of a tiyn', () => {
    expect(() => formatMoney(10.5, 'kk')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'kk')).toThrow(RangeError);
    expect(() => formatMoney(2 ** 53, 'kk')).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  it('groups digits per locale', () => {
    expect(formatNumber(1234567.891, 'kk')).toBe(`1${NBSP}234${NBSP}567,891`);
    expect(formatNumber(1234567.891, 'kk-Latn')).toBe(`1${NBSP}234${NBSP}567,891`);
    expect(formatNumber(1234567.891, 'ru')).toBe(`1${NBSP}234${NBSP}567,891`);
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.891');
    expect(formatNumber(42n, 'ru')).toBe('42');
  });

  it('passes Intl options through', () => {
    expect(formatNumber(0.256, 'ru', { style: 'percent' })).toBe(`26${NBSP}%`);
    expect(formatNumber(0.256, 'en', { style: 'percent', maximumFractionDigits: 1 })).toBe('25.6%');
  });
});

describe('formatDate', () => {
  it('formats every style in Kazakh (Cyrillic)', () => {
    expect(formatDate(march8, 'kk', TZ, 'short')).toBe('08.03.26');
    expect(formatDate(march8, 'kk', TZ)).toBe('2026 ж. 08 нау.');
    expect(formatDate(march8, 'kk', TZ, 'long')).toBe('2026 ж. 8 наурыз');
    expect(formatDate(march8, 'kk', TZ, 'full')).toBe('2026 ж. 8 наурыз, жексенбі');
  });

  it('formats every style in Kazakh (Latin), with Latin month and weekday names', () => {
    expect(formatDate(march8, 'kk-Latn', TZ, 'short')).toBe('08.03.26');
    expect(formatDate(march8, 'kk-Latn', TZ)).toBe('2026 j. 08 nau.');
    expect(formatDate(march8, 'kk-Latn', TZ, 'long')).toBe('2026 j. 8 nauryz');
    expect(formatDate(march8, 'kk-Latn', TZ, 'full')).toBe('2026 j. 8 nauryz, jeksenbı');
  });

  it('formats every style in Russian and English', () => {
    expect(formatDate(march8, 'ru', TZ, 'short')).toBe('08.03.2026');
    expect(formatDate(march8, 'ru', TZ)).toBe('8 мар. 2026 г.');
    expect(formatDate(march8, 'ru', TZ, 'long')).toBe('8 марта 2026 г.');
    expect(formatDate(march8, 'ru', TZ, 'full')).toBe('воскресенье, 8 марта 2026 г.');
    expect(formatDate(march8, 'en', TZ, 'short')).toBe('08/03/2026');
    expect(formatDate(march8, 'en', TZ)).toBe('8 Mar 2026');
    expect(formatDate(march8, 'en', TZ, 'long')).toBe('8 March 2026');
    expect(formatDate(march8, 'en', TZ, 'full')).toBe('Sunday, 8 March 2026');
  });

  it('writes all twelve months and seven weekdays in Kazakh Latin', () => {
    const months = Array.from({ length: 12 }, (_, m) =>
      formatDate(Date.UTC(2026, m, 15, 6), 'kk-Latn', TZ, 'long').replace('2026 j. 15 ', ''),
    );
    expect(months).toEqual([
      'qañtar',
      'aqpan',
      'nauryz',
      'säuır',
      'mamyr',
      'mausym',
      'şılde',
      'tamyz',
      'qyrküiek',
      'qazan',
      'qaraşa',
      'jeltoqsan',
    ]);
    const weekdays = Array.from({ length: 7 }, (_, d) =>
      formatDate(Date.UTC(2026, 2, 2 + d, 6), 'kk-Latn', TZ, 'full').replace(/^.*, /, ''),
    );
    expect(weekdays).toEqual(['düisenbı', 'seisenbı', 'särsenbı', 'beisenbı', 'jūma', 'senbı', 'jeksenbı']);
  });

  it('uses the given time zone for the calendar day', () => {
    const lateUtc = Date.parse('2026-03-08T20:00:00Z');
    expect(formatDate(lateUtc, 'ru', TZ, 'short')).toBe('09.03.2026');
    expect(formatDate(lateUtc, 'ru', 'UTC', 'short')).toBe('08.03.2026');
  });

  it('throws on an unknown time zone', () => {
    expect(() => formatDate(march8, 'en', 'Asia/Nowhere')).toThrow(RangeError);
  });
});

describe('formatTime and formatDateTime', () => {
  it('formats the time with a 24-hour clock in every locale', () => {
    expect(formatTime(march8, 'kk', TZ)).toBe('15:05');
    expect(formatTime(march8, 'kk-Latn', TZ)).toBe('15:05');
    expect(formatTime(march8, 'ru', TZ)).toBe('15:05');
    expect(formatTime(march8, 'en', TZ)).toBe('15:05');
    expect(formatTime(march8, 'en', TZ, 'medium')).toBe('15:05:00');
  });

  it('names the time zone in the long styles, in Latin for kk-Latn', () => {
    expect(formatTime(march8, 'kk', TZ, 'full')).toBe('15:05:00 Қазақстан уақыты');
    expect(formatTime(march8, 'kk-Latn', TZ, 'full')).toBe('15:05:00 Qazaqstan uaqyty');
    expect(formatTime(march8, 'en', TZ, 'long')).toBe('15:05:00 GMT+5');
  });

  it('knows Astana moved from UTC+6 to UTC+5 in 2024', () => {
    expect(formatTime(Date.parse('2023-06-01T18:30:00Z'), 'ru', TZ)).toBe('00:30');
    expect(formatTime(Date.parse('2025-06-01T18:30:00Z'), 'ru', TZ)).toBe('23:30');
  });

  it('combines date and time', () => {
    expect(formatDateTime(march8, 'kk', TZ)).toBe('2026 ж. 08 нау., 15:05');
    expect(formatDateTime(march8, 'kk-Latn', TZ)).toBe('2026 j. 08 nau., 15:05');
    expect(formatDateTime(march8, 'ru', TZ)).toBe('8 мар. 2026 г., 15:05');
    expect(formatDateTime(march8, 'en', TZ)).toBe('8 Mar 2026, 15:05');
    expect(formatDateTime(march8, 'kk-Latn', TZ, 'full')).toBe('2026 j. 8 nauryz, jeksenbı, 15:05');
    expect(formatDateTime(march8, 'ru', TZ, 'long', 'long')).toBe('8 марта 2026 г. в 15:05:00 GMT+5');
    expect(formatDateTime(march8.getTime(), 'en', TZ, 'short')).toBe('08/03/2026, 15:05');
  });
});

describe('pluralCategory', () => {
  it('follows CLDR rules per language', () => {
    expect([0, 1, 2, 5, 21, 1.5].map((n) => pluralCategory(n, 'kk'))).toEqual([
      'other',
      'one',
      'other',
      'other',
      'other',
      'other',
    ]);
    expect(pluralCategory(1, 'kk-Latn')).toBe('one');
    expect([0, 1, 2, 5, 11, 21, 22, 1.5].map((n) => pluralCategory(n, 'ru'))).toEqual([
      'many',
      'one',
      'few',
      'many',
      'many',
      'one',
      'few',
      'other',
    ]);
    expect([0, 1, 2].map((n) => pluralCategory(n, 'en'))).toEqual(['other', 'one', 'other']);
  });
});

describe('Kazakh dates without Intl Kazakh data (as in Chromium)', () => {
  it('match what Intl with Kazakh data writes, for every month, weekday and style', () => {
    for (let m = 0; m < 12; m++) {
      for (const day of [1, 9, 28]) {
        const date = new Date(Date.UTC(2026, m, day, 14, 5, 7));
        for (const style of ['short', 'medium', 'long', 'full'] as const) {
          const intl = new Intl.DateTimeFormat('kk-KZ', { dateStyle: style, timeZone: 'Asia/Almaty' }).format(
            date,
          );
          expect(formatKazakh(date, 'Asia/Almaty', style)).toBe(intl);
        }
        for (const style of ['short', 'medium'] as const) {
          const intl = new Intl.DateTimeFormat('kk-KZ', {
            dateStyle: 'long',
            timeStyle: style,
            timeZone: 'Asia/Almaty',
          }).format(date);
          expect(formatKazakh(date, 'Asia/Almaty', 'long', style)).toBe(intl);
        }
      }
    }
  });
});
