import { describe, expect, it } from 'vitest';
import { seatPlaceFromId, seatPlaceText } from './seat-place.ts';

const stalls = { kk: 'Партер', ru: 'Партер', en: 'Stalls' };

describe('seat places', () => {
  it('names the section, row and seat in every language', () => {
    const place = { section: stalls, row: 'A', number: 5 };
    expect(seatPlaceText('en', place)).toBe('Stalls · Row A · Seat 5');
    expect(seatPlaceText('ru', place)).toBe('Партер · Ряд A · Место 5');
    expect(seatPlaceText('kk', place)).toBe('Партер · A қатар · 5 орын');
    // Kazakh in Latin script is derived from the Cyrillic name when none is given.
    expect(seatPlaceText('kk-Latn', place)).toBe('Parter · A qatar · 5 oryn');
  });

  it('falls back to another language for the section, and to row and seat without one', () => {
    expect(seatPlaceText('kk', { section: { en: 'Balcony' }, row: 'K', number: 2 })).toBe(
      'Balcony · K қатар · 2 орын',
    );
    expect(seatPlaceText('en', { section: null, row: 'B', number: 12 })).toBe('Row B, seat 12');
  });

  it('reads a seat id, section ids with dashes included', () => {
    expect(seatPlaceFromId('stalls-A-5', [{ id: 'stalls', name: stalls }])).toEqual({
      section: stalls,
      row: 'A',
      number: 5,
    });
    expect(seatPlaceFromId('left-box-Қ-12')).toEqual({ section: undefined, row: 'Қ', number: 12 });
    expect(seatPlaceFromId('nonsense')).toBeUndefined();
  });
});
