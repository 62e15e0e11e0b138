// schema.org JSON-LD for an event page: one Event of the right type per performance (search
// engines want one per date), with its place, organizer, offers per price category and their
// availability from what is left.
import type { EventDto, EventKind, PerformanceDto, SeatDto } from '../../../common/api/program.ts';
import type { HubDto } from '../../../common/api/schemas.ts';
import { type LocalizedText, localize } from '../../../common/content.ts';
import type { Locale } from '../../../common/locales.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { eventPageUrl } from './ical.ts';
import { getEvent, listPerformances, listSeats } from './service.ts';

const TYPES: Record<EventKind, string> = {
  exhibition: 'ExhibitionEvent',
  concert: 'MusicEvent',
  literary_evening: 'LiteraryEvent',
  theater: 'TheaterEvent',
  workshop_class: 'EducationEvent',
  // A togyz kumalak tournament is a gathering to play, not a sport in schema.org's sense.
  tournament: 'SocialEvent',
};

const SCHEMA = 'https://schema.org/';

/** Tiyn as a decimal string in tenge: 500000 → "5000.00". */
export function tenge(tiyn: number): string {
  const sign = tiyn < 0 ? '-' : '';
  const abs = Math.abs(tiyn);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An instant as local time with the zone's offset: 2026-03-01T19:00:00+05:00. */
export function localIso(date: Date | string, timeZone: string): string {
  const d = new Date(date);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

export type Availability = 'InStock' | 'LimitedAvailability' | 'SoldOut';

/** What is left of one price category: none, a little (a tenth or less), or plenty. */
export function availability(left: number, capacity: number, onSale: boolean): Availability {
  if (!onSale || left <= 0) return 'SoldOut';
  return left <= Math.max(2, Math.ceil(capacity / 10)) ? 'LimitedAvailability' : 'InStock';
}

export interface JsonLdInput {
  hub: HubDto;
  event: EventDto;
  performances: PerformanceDto[];
  /** the seats of seated performances, by performance id */
  seats: ReadonlyMap<string, SeatDto[]>;
  locale: Locale;
  publicUrl: string;
  now?: Date;
}

export function buildEventJsonLd(input: JsonLdInput): Record<string, unknown> {
  const { hub, event, locale, publicUrl } = input;
  const t = (text: LocalizedText | null | undefined) => localize(text, locale) || undefined;
  const url = eventPageUrl(publicUrl, hub.slug, event.slug);
  const now = input.now ?? new Date();
  const base = {
    '@type': TYPES[event.kind],
    name: t(event.title) ?? event.slug,
    description: t(event.description),
    url,
    image: event.imageUrl ? new URL(event.imageUrl, `${publicUrl}/`).toString() : undefined,
    inLanguage:
      event.languages.length === 0
        ? undefined
        : event.languages.length === 1
          ? event.languages[0]
          : event.languages,
    typicalAgeRange: event.ageRating,
    eventAttendanceMode: `${SCHEMA}OfflineEventAttendanceMode`,
    organizer: { '@type': 'Organization', name: t(hub.name), url: `${publicUrl}/${hub.slug}` },
  };
  const place = (p: PerformanceDto | undefined) => ({
    '@type': 'Place',
    name: [p ? t(p.spaceName) : undefined, t(hub.name)].filter(Boolean).join(', '),
    address: { '@type': 'PostalAddress', addressLocality: t(hub.city), addressCountry: 'KZ' },
  });
  const graph = input.performances.map((p) => {
    const seats = input.seats.get(p.id) ?? [];
    const onSale = p.status === 'on_sale' && event.status === 'published' && new Date(p.endsAt) > now;
    const offers = p.prices.map((price) => {
      const catSeats = seats.filter((s) => s.category === price.code);
      const areas = p.areas.filter((a) => a.category === price.code);
      const capacity = catSeats.length + areas.reduce((n, a) => n + a.capacity, 0);
      const left =
        catSeats.filter((s) => s.status === 'available').length + areas.reduce((n, a) => n + a.available, 0);
      return {
        '@type': 'Offer',
        name: t(price.name),
        price: tenge(price.priceTiyn),
        priceCurrency: 'KZT',
        availability: `${SCHEMA}${availability(left, capacity, onSale)}`,
        url: `${url}?performance=${p.id}`,
      };
    });
    const cancelled = p.status === 'cancelled' || event.status === 'cancelled';
    return {
      ...base,
      '@id': `${url}#performance-${p.id}`,
      startDate: localIso(p.startsAt, hub.timeZone),
      endDate: localIso(p.endsAt, hub.timeZone),
      eventStatus: `${SCHEMA}${cancelled ? 'EventCancelled' : 'EventScheduled'}`,
      location: place(p),
      offers,
    };
  });
  // An event without dates yet is still described, without dates or offers.
  if (graph.length === 0) graph.push({ ...base, '@id': url, location: place(undefined) } as never);
  return JSON.parse(JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }));
}

/** The JSON-LD of a published event (404 for drafts and unknown slugs). */
export async function eventJsonLd(
  q: Queryable,
  hub: HubDto,
  eventSlug: string,
  locale: Locale,
  publicUrl: string,
): Promise<Record<string, unknown>> {
  const event = await getEvent(q, hub.id, eventSlug, { drafts: false });
  const performances = await listPerformances(q, hub.id, { eventId: event.id });
  const seats = new Map<string, SeatDto[]>();
  for (const p of performances) if (p.seatCount > 0) seats.set(p.id, await listSeats(q, p.id));
  return buildEventJsonLd({ hub, event, performances, seats, locale, publicUrl });
}

/** JSON for inside a <script> element: no "</script>" or "<!--" can appear in it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
