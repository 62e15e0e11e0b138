import { describe, expect, it } from 'vitest';
import { type LocalizedText, localize, missingLocales, resolveLocalized, withLatin } from './content.ts';

const full: LocalizedText = {
  kk: 'Ұлттық ойындар',
  'kk-Latn': 'Ūlttyq oiyndar (qolmen)',
  ru: 'Национальные игры',
  en: 'National games',
};

describe('localize', () => {
  it('returns the text in the wanted language when present', () => {
    expect(localize(full, 'kk')).toBe('Ұлттық ойындар');
    expect(localize(full, 'kk-Latn')).toBe('Ūlttyq oiyndar (qolmen)');
    expect(localize(full, 'ru')).toBe('Национальные игры');
    expect(localize(full, 'en')).toBe('National games');
  });

  it('derives kk-Latn from kk before falling back to another language', () => {
    expect(localize({ kk: 'Тоғызқұмалақ', ru: 'Тогыз кумалак' }, 'kk-Latn')).toBe('Toğyzqūmalaq');
  });

  it('falls back kk-Latn → ru → en', () => {
    expect(localize({ ru: 'Театр', en: 'Theater' }, 'kk-Latn')).toBe('Театр');
    expect(localize({ en: 'Theater' }, 'kk-Latn')).toBe('Theater');
  });

  it('falls back kk → ru → en → kk-Latn', () => {
    expect(localize({ ru: 'Театр', en: 'Theater', 'kk-Latn': 'Teatr' }, 'kk')).toBe('Театр');
    expect(localize({ en: 'Theater', 'kk-Latn': 'Teatr' }, 'kk')).toBe('Theater');
    expect(localize({ 'kk-Latn': 'Teatr' }, 'kk')).toBe('Teatr');
  });

  it('falls back ru → kk → en', () => {
    expect(localize({ kk: 'Театр', en: 'Theater' }, 'ru')).toBe('Театр');
    expect(localize({ en: 'Theater', 'kk-Latn': 'Teatr' }, 'ru')).toBe('Theater');
    expect(localize({ 'kk-Latn': 'Teatr' }, 'ru')).toBe('Teatr');
  });

  it('falls back en → ru → kk', () => {
    expect(localize({ kk: 'Театр', ru: 'Театр (рус.)' }, 'en')).toBe('Театр (рус.)');
    expect(localize({ kk: 'Театр' }, 'en')).toBe('Театр');
    expect(localize({ 'kk-Latn': 'Teatr' }, 'en')).toBe('Teatr');
  });

  it('treats empty and whitespace-only strings as missing', () => {
    const t: LocalizedText = { kk: '  ', 'kk-Latn': '', ru: '\n\t', en: 'Gallery' };
    for (const l of ['kk', 'kk-Latn', 'ru', 'en'] as const) expect(localize(t, l)).toBe('Gallery');
    expect(localize({ kk: ' ', ru: 'Галерея' }, 'kk-Latn')).toBe('Галерея');
  });

  it('returns an empty string for no text at all', () => {
    expect(localize(null, 'kk')).toBe('');
    expect(localize(undefined, 'en')).toBe('');
    expect(localize({}, 'ru')).toBe('');
    expect(localize({ kk: '', en: ' ' }, 'kk-Latn')).toBe('');
  });
});

describe('resolveLocalized', () => {
  it('says which language the shown text is in', () => {
    expect(resolveLocalized({ ru: 'Театр' }, 'en')).toEqual({ text: 'Театр', locale: 'ru' });
    expect(resolveLocalized({ kk: 'Көрме' }, 'kk-Latn')).toEqual({ text: 'Körme', locale: 'kk-Latn' });
    expect(resolveLocalized({ kk: 'Көрме' }, 'en')).toEqual({ text: 'Көрме', locale: 'kk' });
    expect(resolveLocalized({}, 'kk')).toBeNull();
  });
});

describe('withLatin', () => {
  it('fills kk-Latn from kk when absent or blank', () => {
    expect(withLatin({ kk: 'Әлемнің кітаптары', ru: 'Книги мира' })).toEqual({
      kk: 'Әлемнің кітаптары',
      'kk-Latn': 'Älemnıñ kıtaptary',
      ru: 'Книги мира',
    });
    expect(withLatin({ kk: 'Шымкент', 'kk-Latn': '  ' })).toEqual({ kk: 'Шымкент', 'kk-Latn': 'Şymkent' });
  });

  it('keeps a hand-written kk-Latn', () => {
    expect(withLatin({ kk: 'Өзге', 'kk-Latn': 'Ózge' })).toEqual({ kk: 'Өзге', 'kk-Latn': 'Ózge' });
  });

  it('leaves text without kk alone and does not mutate its argument', () => {
    const t: LocalizedText = { ru: 'Зал', en: 'Hall' };
    const r = withLatin(t);
    expect(r).toEqual({ ru: 'Зал', en: 'Hall' });
    expect(r).not.toBe(t);
    const k: LocalizedText = { kk: 'Зал' };
    withLatin(k);
    expect(k).toEqual({ kk: 'Зал' });
  });
});

describe('missingLocales', () => {
  it('lists the languages without text, in order', () => {
    expect(missingLocales(full)).toEqual([]);
    expect(missingLocales({ kk: 'Зал', en: ' ' })).toEqual(['kk-Latn', 'ru', 'en']);
    expect(missingLocales(withLatin({ kk: 'Зал', ru: 'Зал' }))).toEqual(['en']);
    expect(missingLocales(null)).toEqual(['kk', 'kk-Latn', 'ru', 'en']);
  });
});
