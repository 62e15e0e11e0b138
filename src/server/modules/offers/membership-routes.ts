import { Type } from '@sinclair/typebox';
import { MembershipSchema, PlanSchema } from '../../../common/api/memberships.ts';
import {
  HubParams,
  IdempotencyHeaders,
  LocalizedTextSchema,
  literals,
  ProblemSchema,
} from '../../../common/api/schemas.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { recordAudit } from '../audit/service.ts';
import { issuedFiscalReceipts, issueFiscalReceiptsOf } from '../box-office/fiscal.ts';
import { getHubBySlug } from '../hubs/service.ts';
import {
  createPlan,
  findMembershipByKey,
  getMembership,
  issueMembership,
  listMemberships,
  listPlans,
  type Membership,
  setPlanActive,
} from './memberships.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export function membershipRoutes(api: Api, ctx: AppContext): void {
  const { db } = ctx;
  /** A card with its fiscal receipts (without saying which exchange: cards have none). */
  const withFiscal = async (card: Membership) => ({
    ...card,
    fiscal: (await issuedFiscalReceipts(db, { membershipId: card.id })).map(({ exchangeId: _, ...f }) => f),
  });

  api.get(
    '/hubs/:hub/membership-plans',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Membership plans on sale (passes and discount cards); `all=true` adds those off sale, for program managers',
        params: HubParams,
        querystring: Type.Object(
          { all: Type.Optional(literals(['true', 'false'] as const)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(PlanSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const all = req.query.all === 'true';
      if (all) requirePermission(req, 'program.manage', hub.id);
      return listPlans(db, hub.id, { activeOnly: !all });
    },
  );

  api.post(
    '/hubs/:hub/membership-plans',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Create a membership plan: a pass with free entries, or a discount card (optionally needing proof at the door)',
        params: HubParams,
        body: Type.Object(
          {
            slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
            name: LocalizedTextSchema,
            kind: literals(['pass', 'discount'] as const),
            entries: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            discountPercent: Type.Optional(
              Type.Number({ exclusiveMinimum: 0, maximum: 100, multipleOf: 0.01 }),
            ),
            validDays: Type.Integer({ minimum: 1, maximum: 3660 }),
            priceTiyn: Type.Integer({ minimum: 0, maximum: 100_000_000_00 }),
            proof: Type.Optional(LocalizedTextSchema),
          },
          { additionalProperties: false },
        ),
        response: { 201: PlanSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      const plan = await db.tx(async (q) => {
        const created = await createPlan(q, hub.id, req.body);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'membership_plan.create',
          entityType: 'membership_plan',
          entityId: created.id,
          details: { slug: created.slug },
        });
        return created;
      });
      return reply.status(201).send(plan);
    },
  );

  api.patch(
    '/hubs/:hub/membership-plans/:slug',
    {
      schema: {
        tags: ['offers'],
        summary: 'Take a membership plan off sale or put it back (cards already sold stay valid)',
        params: Type.Object({
          hub: HubParams.properties.hub,
          slug: Type.String({ minLength: 1, maxLength: 63 }),
        }),
        body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: PlanSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'program.manage', hub.id);
      return db.tx(async (q) => {
        const plan = await setPlanActive(q, hub.id, req.params.slug, req.body.active);
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: req.body.active ? 'membership_plan.activate' : 'membership_plan.deactivate',
          entityType: 'membership_plan',
          entityId: plan.id,
          details: { slug: plan.slug },
        });
        return plan;
      });
    },
  );

  api.post(
    '/hubs/:hub/memberships',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Sell a membership card at the desk; its code is then used at checkout. An Idempotency-Key makes a repeated request sell one card.',
        params: HubParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            plan: Type.String({ minLength: 1, maxLength: 63 }),
            holderName: Type.String({ minLength: 1, maxLength: 100 }),
            holderEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
            payment: Type.Object(
              { method: literals(['cash', 'card'] as const) },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: MembershipSchema, 201: MembershipSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'boxOffice.sell', hub.id);
      const key = req.headers['idempotency-key']?.trim() || undefined;
      // The card's fiscal receipt now, so the desk can hand it over (the worker retries a failure).
      const answer = async (card: Membership) => {
        await issueFiscalReceiptsOf(ctx, hub.id, card.id, req.log);
        return withFiscal(card);
      };
      const earlier = key ? await findMembershipByKey(db, hub.id, key) : undefined;
      if (earlier) return reply.status(200).send(await answer(earlier));
      const sell = () =>
        db.tx(async (q) => {
          const issued = await issueMembership(q, hub.id, {
            planSlug: req.body.plan,
            holderName: req.body.holderName,
            holderEmail: req.body.holderEmail,
            paymentMethod: req.body.payment.method,
            issuedBy: auth.user.id,
            idempotencyKey: key,
          });
          await recordAudit(q, {
            hubId: hub.id,
            actorId: auth.user.id,
            action: 'membership.sell',
            entityType: 'membership',
            entityId: issued.id,
            details: { code: issued.code, plan: issued.plan.slug, priceTiyn: issued.priceTiyn },
          });
          return issued;
        });
      let card: Membership;
      try {
        card = await sell();
      } catch (err) {
        // Two presses raced: the second finds the first one's card.
        const first =
          key && sqlState(err) === UNIQUE_VIOLATION ? await findMembershipByKey(db, hub.id, key) : undefined;
        if (first) return reply.status(200).send(await answer(first));
        throw err;
      }
      return reply.status(201).send(await answer(card));
    },
  );

  api.get(
    '/hubs/:hub/memberships',
    {
      schema: {
        tags: ['offers'],
        summary: 'Membership cards sold in this hub',
        params: HubParams,
        response: { 200: Type.Array(MembershipSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      return listMemberships(db, hub.id);
    },
  );

  api.get(
    '/hubs/:hub/memberships/:code',
    {
      schema: {
        tags: ['offers'],
        summary: 'Look a card up by its code (entries left, validity)',
        params: Type.Object({
          hub: HubParams.properties.hub,
          code: Type.String({ minLength: 1, maxLength: 40 }),
        }),
        response: { 200: MembershipSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      return withFiscal(await getMembership(db, hub.id, { code: req.params.code }));
    },
  );
}
