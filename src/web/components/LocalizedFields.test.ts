import { describe, expect, it } from 'vitest';
import { draftOf, isBlank, textOf } from './LocalizedFields.tsx';

describe('textOf', () => {
  it('sends only languages with text, trimmed', () => {
    expect(textOf({ kk: ' Театр ', 'kk-Latn': '', ru: 'Театр', en: '  ' })).toEqual({
      kk: 'Театр',
      ru: 'Театр',
    });
  });
  it('drops a Latin text that is still the one derived from the saved Cyrillic', () => {
    const saved = { kk: 'Кітап дүкені', 'kk-Latn': 'Kıtap dükenı' };
    const edited = { ...draftOf(saved), kk: 'Кітап үйі' };
    expect(textOf(edited, saved)).toEqual({ kk: 'Кітап үйі' });
  });
  it('keeps a Latin text typed by hand', () => {
    const saved = { kk: 'Кітап дүкені', 'kk-Latn': 'Kitap dukeni' };
    expect(textOf(draftOf(saved), saved)).toEqual(saved);
  });
  it('tells a blank field', () => {
    expect(isBlank(draftOf(undefined))).toBe(true);
    expect(isBlank(draftOf({ en: 'x' }))).toBe(false);
  });
});
