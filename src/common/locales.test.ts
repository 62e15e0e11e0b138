import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  htmlLang,
  isLocale,
  LOCALE_NAMES,
  LOCALES,
  localeFromTag,
  negotiateLocale,
} from './locales.ts';

describe('locales', () => {
  it('lists the four languages with Kazakh first and default', () => {
    expect(LOCALES).toEqual(['kk', 'kk-Latn', 'ru', 'en']);
    expect(DEFAULT_LOCALE).toBe('kk');
  });

  it('names each language in itself', () => {
    expect(LOCALE_NAMES).toEqual({ kk: 'Қазақша', 'kk-Latn': 'Qazaqşa', ru: 'Русский', en: 'English' });
  });

  it('recognises only the exact locale codes', () => {
    for (const l of LOCALES) expect(isLocale(l)).toBe(true);
    for (const x of ['KK', 'kk-latn', 'kk-KZ', 'de', '', null, undefined, 1, {}])
      expect(isLocale(x)).toBe(false);
  });

  it('gives BCP 47 tags for the html lang attribute', () => {
    expect(LOCALES.map(htmlLang)).toEqual(['kk', 'kk-Latn', 'ru', 'en']);
  });

  it('maps single tags', () => {
    expect(localeFromTag('kk-Latn-KZ')).toBe('kk-Latn');
    expect(localeFromTag('KK-LATN')).toBe('kk-Latn');
    expect(localeFromTag('kk_KZ')).toBe('kk');
    expect(localeFromTag('kk-Cyrl-KZ')).toBe('kk');
    expect(localeFromTag('ru-RU')).toBe('ru');
    expect(localeFromTag('en-GB')).toBe('en');
    expect(localeFromTag('kky')).toBeUndefined();
    expect(localeFromTag('de')).toBeUndefined();
    expect(localeFromTag('*')).toBeUndefined();
  });
});

describe('negotiateLocale', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'kk'],
    ['', 'kk'],
    ['de-DE,fr;q=0.9', 'kk'],
    ['*', 'kk'],
    ['kk', 'kk'],
    ['kk-KZ', 'kk'],
    ['kk-Latn', 'kk-Latn'],
    ['kk-Latn-KZ,kk;q=0.9', 'kk-Latn'],
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['ru-KZ', 'ru'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,ru;q=0.8', 'ru'],
    ['en;q=0.5, kk-KZ;q=0.9, ru;q=0.7', 'kk'],
    ['kk;q=0, ru;q=0.1', 'ru'],
    ['ru;q=abc, en;q=0.2', 'en'],
    ['en, ru', 'en'],
    ['ru;q=0.8, en;q=0.8', 'ru'],
    [' kk-latn ; q=1.0 , ru ', 'kk-Latn'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => {
      expect(negotiateLocale(header)).toBe(expected);
    });
  }
});
