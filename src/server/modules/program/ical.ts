// iCalendar (RFC 5545) feeds of the program: one VEVENT per performance, times in UTC (so no
// VTIMEZONE is needed and every calendar app agrees on the instant), lines folded at 75
// octets without splitting a UTF-8 character, text values escaped.
import type { PerformanceDto } from '../../../common/api/program.ts';
import type { HubDto } from '../../../common/api/schemas.ts';
import { type LocalizedText, resolveLocalized } from '../../../common/content.ts';
import type { Locale } from '../../../common/locales.ts';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into lines of at most 75 octets (RFC 5545 §3.1), CRLF-terminated. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  // Continuation lines start with a space, which counts towards their 75 octets.
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return `${out.join('\r\n')}\r\n`;
}

/** 20260301T140000Z */
export function icalUtc(date: Date | string): string {
  return new Date(date)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface CalendarEvent {
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  status: 'draft' | 'published' | 'cancelled';
}

export interface CalendarInput {
  hub: HubDto;
  locale: Locale;
  /** the site's public address, for event links and the UID domain */
  publicUrl: string;
  name: string;
  performances: PerformanceDto[];
  /** descriptions of the events the performances belong to, by event id */
  events: ReadonlyMap<string, CalendarEvent>;
  now?: Date;
}

export function eventPageUrl(publicUrl: string, hubSlug: string, eventSlug: string): string {
  return `${publicUrl}/${encodeURIComponent(hubSlug)}/events/${encodeURIComponent(eventSlug)}`;
}

export function buildCalendar(input: CalendarInput): string {
  const { hub, locale, publicUrl } = input;
  const host = new URL(publicUrl).hostname || 'ozgeepic.kz';
  const stamp = icalUtc(input.now ?? new Date());
  const text = (t: LocalizedText | null | undefined) => resolveLocalized(t, locale);
  const hubName = text(hub.name)?.text ?? hub.slug;
  const city = text(hub.city)?.text;
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OzgeEpic//OzgeEpic Hub//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${hub.timeZone}`,
  ];
  for (const p of input.performances) {
    const event = input.events.get(p.eventId);
    const title = text(p.eventTitle);
    const description = text(event?.description);
    const space = text(p.spaceName)?.text;
    const url = eventPageUrl(publicUrl, hub.slug, p.eventSlug);
    const cancelled = p.status === 'cancelled' || event?.status === 'cancelled';
    lines.push(
      'BEGIN:VEVENT',
      `UID:performance-${p.id}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icalUtc(p.startsAt)}`,
      `DTEND:${icalUtc(p.endsAt)}`,
      // The LANGUAGE parameter says which language the text really is in (after fallback).
      `SUMMARY${title ? `;LANGUAGE=${title.locale}` : ''}:${escapeText(title?.text ?? p.eventSlug)}`,
      ...(description
        ? [`DESCRIPTION;LANGUAGE=${description.locale}:${escapeText(`${description.text}\n\n${url}`)}`]
        : [`DESCRIPTION:${escapeText(url)}`]),
      `LOCATION:${escapeText([space, hubName, city].filter(Boolean).join(', '))}`,
      `URL:${url}`,
      `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('');
}
