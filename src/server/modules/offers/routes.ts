import { Type } from '@sinclair/typebox';
import { HubParams, literals, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/service.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { getEvent } from '../program/service.ts';
import { createPromoCode, listPromoCodes, setPromoActive } from './service.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PromoCodeSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  kind: literals(['amount', 'percent', 'free_ticket'] as const),
  amountTiyn: Nullable(Type.Integer()),
  percent: Nullable(Type.Number()),
  maxUses: Nullable(Type.Integer()),
  uses: Type.Integer(),
  eventId: Nullable(Uuid),
  validUntil: Nullable(Type.String({ format: 'date-time' })),
  active: Type.Boolean(),
});

const CreatePromoBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{3,40}$' }),
    kind: literals(['amount', 'percent', 'free_ticket'] as const),
    amountTiyn: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_00 })),
    percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, multipleOf: 0.01 })),
    maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 81 })),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export function offerRoutes(api: Api, { db }: AppContext): void {
  api.get(
    '/hubs/:hub/promo-codes',
    {
      schema: {
        tags: ['offers'],
        summary: "The hub's promo codes with their uses",
        params: HubParams,
        response: { 200: Type.Array(PromoCodeSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'program.manage', hub.id);
      return listPromoCodes(db, hub.id);
    },
  );

  api.post(
    '/hubs/:hub/promo-codes',
    {
      schema: {
        tags: ['offers'],
        summary: 'Create a promo code: an amount or a percentage off, or a free ticket, with a limit on uses',
        params: HubParams,
        body: CreatePromoBody,
        response: { 201: PromoCodeSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const { event: eventSlug, ...input } = req.body;
      const event = eventSlug ? await getEvent(db, hub.id, eventSlug, { drafts: true }) : undefined;
      const created = await db.tx(async (q) => {
        const promo = await createPromoCode(q, hub.id, { ...input, eventId: event?.id });
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'promo.create',
          entityType: 'promo_code',
          entityId: promo.id,
          details: { code: promo.code, kind: promo.kind },
        });
        return promo;
      });
      return reply.status(201).send(created);
    },
  );

  api.patch(
    '/hubs/:hub/promo-codes/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'Switch a promo code off or on',
        params: Type.Object({ hub: HubParams.properties.hub, id: Uuid }),
        body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: PromoCodeSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      return db.tx(async (q) => {
        const promo = await setPromoActive(q, hub.id, req.params.id, req.body.active);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: req.body.active ? 'promo.activate' : 'promo.deactivate',
          entityType: 'promo_code',
          entityId: promo.id,
          details: { code: promo.code },
        });
        return promo;
      });
    },
  );
}
