import { Type } from '@sinclair/typebox';
import { HubParams, literals, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { getEntry, joinWaitlist, leaveWaitlist } from './waitlist.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const WaitlistEntrySchema = Type.Object({
  id: Uuid,
  performanceId: Uuid,
  email: Type.String(),
  quantity: Type.Integer(),
  status: literals(['waiting', 'offered', 'fulfilled', 'expired', 'cancelled'] as const),
  /** When offered: the hold to check out with, until offerExpiresAt. */
  holdId: Nullable(Uuid),
  offerExpiresAt: Nullable(Type.String({ format: 'date-time' })),
  position: Nullable(Type.Integer()),
});

export function waitlistRoutes(api: Api, { db }: AppContext): void {
  api.post(
    '/hubs/:hub/performances/:id/waitlist',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Join the waiting list of a sold-out performance; released places are offered by mail, first come first served',
        params: Type.Object({ hub: HubParams.properties.hub, id: Uuid }),
        body: Type.Object(
          {
            email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            quantity: Type.Integer({ minimum: 1, maximum: 10 }),
            locale: Type.Optional(literals(['kk', 'kk-Latn', 'ru', 'en'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 201: WaitlistEntrySchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const email = req.body.email ?? req.auth?.user.email;
      if (!email) {
        throw new HttpProblem(
          400,
          'validation_failed',
          'Give an email address to be told when places come back.',
          {
            errors: [{ path: 'body/email', message: 'is required' }],
          },
        );
      }
      const entry = await db.tx((q) =>
        joinWaitlist(q, hub.id, req.params.id, {
          email,
          name: req.body.name ?? req.auth?.user.name,
          quantity: req.body.quantity,
          locale: req.body.locale ?? req.auth?.user.locale ?? 'kk',
          userId: req.auth?.user.id ?? null,
        }),
      );
      return reply.status(201).send(entry);
    },
  );

  const EntryParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });
  api.get(
    '/hubs/:hub/waitlist/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'A place in a waiting list (the link in the mail)',
        params: EntryParams,
        response: { 200: WaitlistEntrySchema, ...problems },
      },
    },
    async (req) => getEntry(db, (await getHubBySlug(db, req.params.hub)).id, req.params.id),
  );

  api.delete(
    '/hubs/:hub/waitlist/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'Leave a waiting list',
        params: EntryParams,
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      await db.tx((q) => leaveWaitlist(q, hub.id, req.params.id));
      return reply.status(204).send(null);
    },
  );
}
