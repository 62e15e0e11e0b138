// Public feeds of the program: iCalendar per hub and per event, schema.org JSON-LD per event,
// and the JSON-LD put into the HTML of an event page for search engines.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { PerformanceDto } from '../../../common/api/program.ts';
import { HubParams, LocaleSchema, ProblemSchema } from '../../../common/api/schemas.ts';
import { localize } from '../../../common/content.ts';
import { isLocale, type Locale, negotiateLocale } from '../../../common/locales.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { findHubBySlug, getHubBySlug } from '../hubs/service.ts';
import { buildCalendar, type CalendarEvent } from './ical.ts';
import { eventJsonLd, jsonForScript } from './jsonld.ts';
import { getEvent, listPerformances } from './service.ts';

const problems = { 400: ProblemSchema, 404: ProblemSchema };
const EventParams = Type.Object({
  hub: HubParams.properties.hub,
  event: Type.String({ minLength: 1, maxLength: 81 }),
});
const LangQuery = Type.Object({ lang: Type.Optional(LocaleSchema) }, { additionalProperties: false });
const calendarResponse = {
  description: 'An iCalendar (RFC 5545) file',
  content: { 'text/calendar': { schema: { type: 'string' } } },
};
/** How far back the hub's feed reaches, so calendars keep recent dates without the whole history. */
const FEED_PAST_DAYS = 30;

function localeOf(req: FastifyRequest, lang: string | undefined): Locale {
  return isLocale(lang) ? lang : negotiateLocale(req.headers['accept-language']);
}

async function eventsOf(q: Queryable, hubId: string, performances: PerformanceDto[]) {
  const events = new Map<string, CalendarEvent>();
  for (const slug of new Set(performances.map((p) => p.eventSlug))) {
    const e = await getEvent(q, hubId, slug, { drafts: false });
    events.set(e.id, e);
  }
  return events;
}

export function feedsRoutes(api: Api, { db, config }: AppContext): void {
  api.get(
    '/hubs/:hub/calendar.ics',
    {
      schema: {
        tags: ['program'],
        summary: `The hub's program as an iCalendar feed (published dates from ${FEED_PAST_DAYS} days ago on)`,
        params: HubParams,
        querystring: LangQuery,
        response: { 200: calendarResponse, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const locale = localeOf(req, req.query.lang);
      const from = new Date(Date.now() - FEED_PAST_DAYS * 86_400_000).toISOString().slice(0, 10);
      const performances = await listPerformances(db, hub.id, { from });
      const ics = buildCalendar({
        hub,
        locale,
        publicUrl: config.publicUrl,
        name: localize(hub.name, locale),
        performances,
        events: await eventsOf(db, hub.id, performances),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${hub.slug}.ics"`)
        .header('cache-control', 'public, max-age=300')
        .send(ics);
    },
  );

  api.get(
    '/hubs/:hub/events/:event/calendar.ics',
    {
      schema: {
        tags: ['program'],
        summary: 'The dates of one event as an iCalendar file, to add to a calendar',
        params: EventParams,
        querystring: LangQuery,
        response: { 200: calendarResponse, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const locale = localeOf(req, req.query.lang);
      const event = await getEvent(db, hub.id, req.params.event, { drafts: false });
      const performances = await listPerformances(db, hub.id, { eventId: event.id });
      const ics = buildCalendar({
        hub,
        locale,
        publicUrl: config.publicUrl,
        name: `${localize(event.title, locale)} — ${localize(hub.name, locale)}`,
        performances,
        events: new Map([[event.id, event]]),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${event.slug}.ics"`)
        .header('cache-control', 'public, max-age=300')
        .send(ics);
    },
  );

  api.get(
    '/hubs/:hub/events/:event/jsonld',
    {
      schema: {
        tags: ['program'],
        summary: 'schema.org JSON-LD of an event: one Event per date, with offers and availability',
        params: EventParams,
        querystring: LangQuery,
        response: {
          200: {
            description: 'JSON-LD (application/ld+json)',
            content: { 'application/ld+json': { schema: { type: 'object' } } },
          },
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const doc = await eventJsonLd(
        db,
        hub,
        req.params.event,
        localeOf(req, req.query.lang),
        config.publicUrl,
      );
      return (
        reply
          .type('application/ld+json; charset=utf-8')
          .header('cache-control', 'public, max-age=60')
          // Sent as text so Fastify does not pass it through a JSON serializer.
          .send(JSON.stringify(doc) as never)
      );
    },
  );
}

const EVENT_PAGE = /^\/([a-z0-9][a-z0-9-]{0,62})\/events\/([a-z0-9][a-z0-9-]{0,80})\/?(?:\?.*)?$/;

/**
 * The SPA's index.html for an event page URL (/:hub/events/:event) with the event's JSON-LD in
 * its head, so crawlers that do not run scripts see it; undefined for any other URL or an
 * unknown event (the app shows its own "not found" then).
 */
export async function eventPageHtml(
  ctx: AppContext,
  indexHtml: string,
  url: string,
  acceptLanguage: string | undefined,
): Promise<string | undefined> {
  const m = EVENT_PAGE.exec(url);
  if (!m?.[1] || !m[2]) return undefined;
  const hub = await findHubBySlug(ctx.db, m[1]);
  if (!hub) return undefined;
  const lang = new URL(url, 'http://x').searchParams.get('lang') ?? undefined;
  const locale = isLocale(lang) ? lang : negotiateLocale(acceptLanguage);
  let doc: Record<string, unknown>;
  try {
    doc = await eventJsonLd(ctx.db, hub, m[2], locale, ctx.config.publicUrl);
  } catch (err) {
    if (err instanceof HttpProblem && err.status === 404) return undefined;
    throw err;
  }
  const script = `<script type="application/ld+json">${jsonForScript(doc)}</script>`;
  return indexHtml.includes('</head>') ? indexHtml.replace('</head>', () => `${script}\n</head>`) : undefined;
}
