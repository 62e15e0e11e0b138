// A seat named for people, the same way on tickets, receipts, at the desk and at the door:
// "Stalls · Row A · Seat 5" in the reader's language.
import { type LocalizedText, localize } from './content.ts';
import { t } from './i18n/index.ts';
import type { Locale } from './locales.ts';

export interface SeatPlace {
  section: LocalizedText | null | undefined;
  row: string;
  number: number;
}

/** The section's name, row and seat; without a section name, just the row and seat. */
export function seatPlaceText(locale: Locale, place: SeatPlace): string {
  const section = localize(place.section, locale);
  const params = { row: place.row, number: place.number };
  return section
    ? t(locale, 'program.seatPlace', { section, ...params })
    : t(locale, 'program.seatName', params);
}

/**
 * Reads a seat id ("<section>-<row>-<number>"; a section id may hold dashes, a row label never
 * does) when only the id is at hand, naming the section from `sections` when it is there.
 */
export function seatPlaceFromId(
  id: string,
  sections?: readonly { id: string; name: LocalizedText }[],
): SeatPlace | undefined {
  const m = /^(.+)-([^-]+)-(\d+)$/.exec(id);
  if (!m) return undefined;
  const [, section = '', row = '', number = '0'] = m;
  return { section: sections?.find((s) => s.id === section)?.name, row, number: Number(number) };
}
