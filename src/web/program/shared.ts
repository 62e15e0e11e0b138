// Helpers shared by the program pages, the booking page and the back office: availability,
// price ranges, seat names, and wall-clock time in the hub's time zone.
import type { OrderLineDto } from '../../common/api/box-office.ts';
import type { PerformanceDto, SeatDto, SectionDto } from '../../common/api/program.ts';
import { formatMoney, intlLocale } from '../../common/format.ts';
import type { MessageKey } from '../../common/i18n/index.ts';
import type { Locale } from '../../common/locales.ts';
import { seatPlaceFromId, seatPlaceText } from '../../common/seat-place.ts';
import { kazakhToLatin } from '../../common/translit.ts';
import type { Translate } from '../i18n/locale.tsx';

export type Availability = 'on_sale' | 'few_left' | 'sold_out' | 'closed' | 'cancelled' | 'past';

/** Few left: at most a tenth of the capacity, or five places, whichever is more. */
export function availabilityOf(p: PerformanceDto, now = Date.now()): Availability {
  if (p.status === 'cancelled') return 'cancelled';
  if (new Date(p.endsAt).getTime() <= now) return 'past';
  if (p.status !== 'on_sale') return 'closed';
  const capacity = p.seatCount + p.areas.reduce((n, a) => n + a.capacity, 0);
  const left = p.seatsAvailable + p.areas.reduce((n, a) => n + Math.max(0, a.available), 0);
  if (left <= 0) return 'sold_out';
  if (left <= Math.max(5, Math.ceil(capacity / 10))) return 'few_left';
  return 'on_sale';
}

export const availabilityKey = (a: Availability): MessageKey => `program.avail.${a}`;

export const canBook = (a: Availability) => a === 'on_sale' || a === 'few_left';

/** "2 000 ₸ – 8 000 ₸", one price alone, or "Free". */
export function priceRange(p: PerformanceDto, locale: Locale, t: Translate): string {
  const prices = p.prices.map((x) => x.priceTiyn);
  if (prices.length === 0) return '';
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  if (max === 0) return t('program.price.free');
  if (min === max) return formatMoney(min, locale);
  return t('program.price.range', { min: formatMoney(min, locale), max: formatMoney(max, locale) });
}

export function priceOf(p: PerformanceDto, category: string): number | undefined {
  return p.prices.find((x) => x.code === category)?.priceTiyn;
}

/** "Stalls · Row A · Seat 5" in the reader's language, the section named by the performance. */
export function seatName(
  locale: Locale,
  seat: Pick<SeatDto, 'section' | 'row' | 'number'>,
  sections?: readonly SectionDto[],
): string {
  const section = sections?.find((x) => x.id === seat.section)?.name;
  return seatPlaceText(locale, { section, row: seat.row, number: seat.number });
}

/** The same for a seat known only by its id ("stalls-A-5"). */
export function seatNameFromId(locale: Locale, id: string, sections?: readonly SectionDto[]): string {
  const place = seatPlaceFromId(id, sections);
  return place ? seatPlaceText(locale, place) : id;
}

/** An order line's seat as the API placed it (section name, row, number). */
export function lineSeatName(locale: Locale, line: Pick<OrderLineDto, 'seat' | 'seatId'>): string {
  if (line.seat) return seatPlaceText(locale, line.seat);
  return line.seatId ? seatNameFromId(locale, line.seatId) : '';
}

function parts(date: Date, timeZone: string): Record<string, number> {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(date)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayKey(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The value of a datetime-local input showing an instant as the hub's wall clock. */
export function toLocalInput(iso: string, timeZone: string): string {
  const p = parts(new Date(iso), timeZone);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a wall-clock time (datetime-local value) means in a time zone, as ISO 8601. */
export function fromLocalInput(value: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at that moment; asked twice to settle across a change of offset.
  let utc = wall;
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(utc), timeZone);
    const shown = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
    utc += wall - shown;
  }
  return new Date(utc).toISOString();
}

function script(locale: Locale, text: string): string {
  return locale === 'kk-Latn' ? kazakhToLatin(text) : text;
}

/** "May 2026" in the reader's language (Latin Kazakh transliterated from the Cyrillic). */
export function monthTitle(year: number, month: number, locale: Locale): string {
  const f = new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return script(locale, f.format(new Date(Date.UTC(year, month - 1, 15))));
}

/** Short weekday names from Monday, as people in Kazakhstan start the week. */
export function weekdayNames(locale: Locale, style: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(intlLocale(locale), { weekday: style, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => script(locale, f.format(new Date(Date.UTC(2024, 0, 1 + i)))));
}

/** The weeks of a month (Monday first), each a list of YYYY-MM-DD or null for days outside it. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++)
    cells.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** A fresh key for one checkout attempt. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const hubPath = (slug: string) => `/hubs/${encodeURIComponent(slug)}`;
