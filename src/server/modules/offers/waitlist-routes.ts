import { Type } from '@sinclair/typebox';
import { HubParams, literals, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { claimOffer, entryAccess, getEntry, joinWaitlist, leaveWaitlist } from './waitlist.ts';
import { entryKey, isEntryKey, isOfferToken } from './waitlist-token.ts';

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
  /** whether this caller may take the place off the list (see DELETE) */
  mayLeave: Type.Boolean(),
});

/** Joining answers with the entry's key, which lets whoever joined leave the list without an account. */
export const WaitlistJoinedSchema = Type.Object({
  ...WaitlistEntrySchema.properties,
  key: Type.String(),
});

const EntryParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });

export const WaitlistClaimSchema = Type.Object({
  holdId: Uuid,
  performanceId: Uuid,
  /** Where the tickets go when buying as a guest. */
  email: Type.String(),
});

export function waitlistRoutes(api: Api, { db, config }: AppContext): void {
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
        response: { 201: WaitlistJoinedSchema, ...problems },
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
      return reply.status(201).send({ ...entry, mayLeave: true, key: entryKey(config.secret, entry.id) });
    },
  );

  // The offer's token (from the mailed link) or the account that joined may see and take the
  // held places; anyone else with the entry's id sees only where it stands. Leaving the list
  // takes the same, or the entry's key that joining gave.
  const OfferToken = Type.String({ minLength: 10, maxLength: 100 });
  const EntryKey = Type.String({ minLength: 10, maxLength: 100 });
  const access = async (
    req: { auth: { user: { id: string } } | null },
    hubId: string,
    id: string,
    credentials: { offer?: string | undefined; key?: string | undefined },
  ) => {
    const entry = await entryAccess(db, hubId, id);
    const owner = entry.userId !== null && entry.userId === req.auth?.user.id;
    const takeOffer = owner || isOfferToken(config.secret, id, entry.holdId, credentials.offer);
    return { takeOffer, leave: takeOffer || isEntryKey(config.secret, id, credentials.key) };
  };

  api.get(
    '/hubs/:hub/waitlist/:id',
    {
      schema: {
        tags: ['offers'],
        summary:
          'A place in a waiting list. The held places of an offer (holdId) show only with the offer link’s token or to the account that joined.',
        params: EntryParams,
        querystring: Type.Object(
          { offer: Type.Optional(OfferToken), key: Type.Optional(EntryKey) },
          { additionalProperties: false },
        ),
        response: { 200: WaitlistEntrySchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const entry = await getEntry(db, hub.id, req.params.id);
      const may = await access(req, hub.id, req.params.id, req.query);
      return { ...entry, holdId: may.takeOffer ? entry.holdId : null, mayLeave: may.leave };
    },
  );

  api.post(
    '/hubs/:hub/waitlist/:id/claim',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Take the places offered from a waiting list, to check out with them: signed in, or as a guest. Needs the offer link’s token, unless signed in as the account that joined.',
        params: EntryParams,
        body: Type.Object({ offer: Type.Optional(OfferToken) }, { additionalProperties: false }),
        response: { 200: WaitlistClaimSchema, ...problems, 410: ProblemSchema },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      if (!(await access(req, hub.id, req.params.id, req.body)).takeOffer)
        throw notFound('There is no such offer, or the link is not complete.');
      return db.tx((q) => claimOffer(q, hub.id, req.params.id, req.auth?.user.id ?? null));
    },
  );

  api.delete(
    '/hubs/:hub/waitlist/:id',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Leave a waiting list: signed in as the account that joined, or with the key joining gave or the offer link’s token',
        params: EntryParams,
        querystring: Type.Object(
          { offer: Type.Optional(OfferToken), key: Type.Optional(EntryKey) },
          { additionalProperties: false },
        ),
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      // Without a credential the entry is not there, as for an id nobody was given.
      if (!(await access(req, hub.id, req.params.id, req.query)).leave)
        throw notFound('There is no such place in a waiting list.');
      await db.tx((q) => leaveWaitlist(q, hub.id, req.params.id));
      return reply.status(204).send(null);
    },
  );
}
