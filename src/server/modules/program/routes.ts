import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  BlockSeatsBody,
  CreateEventBody,
  CreatePerformanceBody,
  EventDetailSchema,
  EventSchema,
  PerformanceSchema,
  ProgramQuery,
  SeatMapSchema,
  SeatSchema,
  UnblockSeatsBody,
  UpdateEventBody,
} from '../../../common/api/program.ts';
import { HubParams, literals, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { can } from '../../../common/permissions.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { getHubBySlug, getSpace } from '../hubs/service.ts';
import { claimSeats, unblockSeats } from './inventory.ts';
import { SeatMapLayoutSchema } from './seat-map.ts';
import {
  createEvent,
  createPerformance,
  createSeatMap,
  getEvent,
  getPerformance,
  getSeatMap,
  listEvents,
  listPerformances,
  listSeatMaps,
  listSeats,
  updateEvent,
} from './service.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const EventParams = Type.Object({
  hub: HubParams.properties.hub,
  event: Type.String({ minLength: 1, maxLength: 81 }),
});
const PerfParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });
const SpaceParams = Type.Object({
  hub: HubParams.properties.hub,
  space: Type.String({ minLength: 1, maxLength: 64 }),
});

/** Program managers (and admins) see drafts; everyone else only what is published. */
const seesDrafts = (req: FastifyRequest, hubId: string) =>
  req.auth ? can(req.auth.grants, 'program.manage', hubId) : false;

export function programRoutes(api: Api, { db }: AppContext): void {
  api.get(
    '/hubs/:hub/program',
    {
      schema: {
        tags: ['program'],
        summary: "The hub's performances, soonest first, filtered",
        params: HubParams,
        querystring: ProgramQuery,
        response: { 200: Type.Array(PerformanceSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const drafts = req.query.drafts === 'true';
      if (drafts) requirePermission(req, 'program.manage', hub.id);
      return listPerformances(db, hub.id, {
        kind: req.query.kind,
        spaceSlug: req.query.space,
        from: req.query.from,
        to: req.query.to,
        lang: req.query.lang,
        drafts,
      });
    },
  );

  api.get(
    '/hubs/:hub/events',
    {
      schema: {
        tags: ['program'],
        summary: 'Every event of the hub, newest first (?drafts=true for program managers)',
        params: HubParams,
        querystring: Type.Object(
          { drafts: Type.Optional(literals(['true', 'false'] as const)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(EventSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const drafts = req.query.drafts === 'true';
      if (drafts) requirePermission(req, 'program.manage', hub.id);
      return listEvents(db, hub.id, { drafts });
    },
  );

  api.post(
    '/hubs/:hub/events',
    {
      schema: {
        tags: ['program'],
        summary: 'Create an event',
        params: HubParams,
        body: CreateEventBody,
        response: { 201: EventSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const event = await db.tx(async (q) => {
        const created = await createEvent(q, hub.id, req.body);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'event.create',
          entityType: 'event',
          entityId: created.id,
          details: { slug: created.slug },
        });
        return created;
      });
      return reply.status(201).send(event);
    },
  );

  api.get(
    '/hubs/:hub/events/:event',
    {
      schema: {
        tags: ['program'],
        summary: 'An event with its performances',
        params: EventParams,
        response: { 200: EventDetailSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const drafts = seesDrafts(req, hub.id);
      const event = await getEvent(db, hub.id, req.params.event, { drafts });
      return { ...event, performances: await listPerformances(db, hub.id, { eventId: event.id, drafts }) };
    },
  );

  api.patch(
    '/hubs/:hub/events/:event',
    {
      schema: {
        tags: ['program'],
        summary: 'Edit, publish or cancel an event',
        params: EventParams,
        body: UpdateEventBody,
        response: { 200: EventSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const event = await getEvent(db, hub.id, req.params.event, { drafts: true });
      return db.tx(async (q) => {
        const updated = await updateEvent(q, event.id, req.body);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'event.update',
          entityType: 'event',
          entityId: event.id,
          details: { slug: event.slug, fields: Object.keys(req.body) },
        });
        return updated;
      });
    },
  );

  api.post(
    '/hubs/:hub/events/:event/performances',
    {
      schema: {
        tags: ['program'],
        summary: 'Add a date (performance) with prices and capacity',
        params: EventParams,
        body: CreatePerformanceBody,
        response: { 201: PerformanceSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const event = await getEvent(db, hub.id, req.params.event, { drafts: true });
      const space = await getSpace(db, hub.id, req.body.space);
      const seatMap = req.body.seatMapId ? await getSeatMap(db, hub.id, req.body.seatMapId) : undefined;
      if (seatMap && seatMap.spaceId !== space.id)
        throw new HttpProblem(400, 'validation_failed', 'That seat map belongs to another space.');
      if (!seatMap && !req.body.areas?.length)
        throw new HttpProblem(
          400,
          'validation_failed',
          'Give the performance a seat map, a general-admission area, or both.',
        );
      const id = await db.tx(async (q) => {
        const created = await createPerformance(q, hub.id, event.id, {
          ...req.body,
          spaceId: space.id,
          seatMap: seatMap?.layout,
        });
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'performance.create',
          entityType: 'performance',
          entityId: created,
          details: { event: event.slug, startsAt: req.body.startsAt },
        });
        return created;
      });
      return reply.status(201).send(await getPerformance(db, hub.id, id, { drafts: true }));
    },
  );

  api.get(
    '/hubs/:hub/performances/:id',
    {
      schema: {
        tags: ['program'],
        summary: 'A performance with prices and what is left',
        params: PerfParams,
        response: { 200: PerformanceSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      return getPerformance(db, hub.id, req.params.id, { drafts: seesDrafts(req, hub.id) });
    },
  );

  api.get(
    '/hubs/:hub/performances/:id/seats',
    {
      schema: {
        tags: ['program'],
        summary:
          'The seat map of a performance with each seat’s status (pass ?hold= to see your own held seats)',
        params: PerfParams,
        querystring: Type.Object({ hold: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Type.Array(SeatSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const perf = await getPerformance(db, hub.id, req.params.id, { drafts: seesDrafts(req, hub.id) });
      return listSeats(db, perf.id, new Set(req.query.hold ? [req.query.hold] : []));
    },
  );

  api.post(
    '/hubs/:hub/performances/:id/blocks',
    {
      schema: {
        tags: ['program'],
        summary: 'Hold seats back from sale (house, press, guests, broken)',
        params: PerfParams,
        body: BlockSeatsBody,
        response: { 200: Type.Array(SeatSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const perf = await getPerformance(db, hub.id, req.params.id, { drafts: true });
      await db.tx(async (q) => {
        const res = await claimSeats(q, perf.id, req.body.seats, { kind: 'block', reason: req.body.reason });
        if (!res.ok)
          throw new HttpProblem(409, 'seat_taken', `These seats are not free: ${res.taken.join(', ')}.`);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'seats.block',
          entityType: 'performance',
          entityId: perf.id,
          details: { seats: req.body.seats, reason: req.body.reason },
        });
      });
      return listSeats(db, perf.id);
    },
  );

  api.post(
    '/hubs/:hub/performances/:id/unblock',
    {
      schema: {
        tags: ['program'],
        summary: 'Release held-back seats to sale',
        params: PerfParams,
        body: UnblockSeatsBody,
        response: { 200: Type.Array(SeatSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const perf = await getPerformance(db, hub.id, req.params.id, { drafts: true });
      await db.tx(async (q) => {
        const n = await unblockSeats(q, perf.id, req.body.seats);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'seats.unblock',
          entityType: 'performance',
          entityId: perf.id,
          details: { seats: req.body.seats, released: n },
        });
      });
      return listSeats(db, perf.id);
    },
  );

  api.get(
    '/hubs/:hub/spaces/:space/seat-maps',
    {
      schema: {
        tags: ['program'],
        summary: 'Seat maps of a space',
        params: SpaceParams,
        response: { 200: Type.Array(SeatMapSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const space = await getSpace(db, hub.id, req.params.space);
      return (await listSeatMaps(db, hub.id, space.id)).map((m) => ({ ...m, spaceSlug: space.slug }));
    },
  );

  api.post(
    '/hubs/:hub/spaces/:space/seat-maps',
    {
      schema: {
        tags: ['program'],
        summary: 'Create or import a seat map (JSON format in the README)',
        params: SpaceParams,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }), layout: SeatMapLayoutSchema },
          { additionalProperties: false },
        ),
        response: { 201: SeatMapSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const space = await getSpace(db, hub.id, req.params.space);
      const map = await db.tx(async (q) => {
        let created: { id: string; seatCount: number };
        try {
          created = await createSeatMap(q, hub.id, space.id, req.body.name, req.body.layout);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('The seat map'))
            throw new HttpProblem(400, 'validation_failed', err.message);
          throw err;
        }
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'seat_map.create',
          entityType: 'seat_map',
          entityId: created.id,
          details: { space: space.slug, name: req.body.name, seats: created.seatCount },
        });
        return created;
      });
      return reply.status(201).send({ ...map, spaceSlug: space.slug, name: req.body.name });
    },
  );
}
