import { Type } from '@sinclair/typebox';
import {
  HoldBody,
  HoldSchema,
  OrderSchema,
  PlaceOrderBody,
  RefundBody,
} from '../../../common/api/box-office.ts';
import { HubParams, IdempotencyHeaders, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { can } from '../../../common/permissions.ts';
import { requirePermission, requireUser } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { getSaleInfo } from '../program/service.ts';
import { checkout } from './checkout.ts';
import { deliverTickets } from './delivery.ts';
import { handedBackInExchange } from './exchanges.ts';
import { createHold, getHold, type Hold, releaseHold } from './holds.ts';
import { getOrder, refundOrder } from './orders.ts';
import { settleRefundsDue } from './payments.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
};
const PerfParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });
const IdParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });

export function boxOfficeRoutes(api: Api, ctx: AppContext): void {
  const { db, signer, payments } = ctx;

  const holdDto = (hold: Hold, prices: Record<string, number>) => {
    const { userId: _, ...rest } = hold;
    return {
      ...rest,
      totalTiyn: hold.items.reduce((n, i) => n + Number(prices[i.category] ?? 0) * i.quantity, 0),
    };
  };

  api.post(
    '/hubs/:hub/performances/:id/holds',
    {
      schema: {
        tags: ['box office'],
        summary: 'Hold seats or places (chosen, or the best available) for a few minutes',
        params: PerfParams,
        body: HoldBody,
        response: { 201: HoldSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const perf = await getSaleInfo(db, hub.id, req.params.id, {
        drafts: req.auth ? can(req.auth.grants, 'program.manage', hub.id) : false,
      });
      const hold = await db.tx((q) => createHold(q, perf, hub.id, req.auth?.user.id ?? null, req.body));
      return reply.status(201).send(holdDto(hold, perf.prices));
    },
  );

  api.get(
    '/hubs/:hub/holds/:id',
    {
      schema: {
        tags: ['box office'],
        summary: 'A hold and how long it lasts',
        params: IdParams,
        response: { 200: HoldSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const hold = await getHold(db, hub.id, req.params.id);
      return holdDto(hold, (await getSaleInfo(db, hub.id, hold.performanceId, { drafts: true })).prices);
    },
  );

  api.delete(
    '/hubs/:hub/holds/:id',
    {
      schema: {
        tags: ['box office'],
        summary: 'Give held seats back',
        params: IdParams,
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      await db.tx((q) => releaseHold(q, hub.id, req.params.id));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/hubs/:hub/orders',
    {
      schema: {
        tags: ['box office'],
        summary:
          'Check out a hold: pay at the desk, or online (answers with the provider’s payment page). Send an Idempotency-Key so a repeated request makes one order.',
        params: HubParams,
        headers: IdempotencyHeaders,
        body: PlaceOrderBody,
        response: { 200: OrderSchema, 201: OrderSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const { order, created } = await checkout(ctx, req, hub, req.body, req.headers['idempotency-key']);
      const { userId: _, ...dto } = order as typeof order & { userId?: string | null };
      return reply.status(created ? 201 : 200).send(dto);
    },
  );

  api.get(
    '/hubs/:hub/orders/:id',
    {
      schema: {
        tags: ['box office'],
        summary: 'An order with its tickets (the buyer, or box-office staff)',
        params: IdParams,
        response: { 200: OrderSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const { userId, ...order } = await getOrder(db, hub.id, req.params.id, signer);
      const staff = req.auth ? can(req.auth.grants, 'boxOffice.sell', hub.id) : false;
      // A guest order is reached by its unguessable id (the link in the mail); an account's order only by its owner.
      if (!staff && userId !== null && userId !== req.auth?.user.id)
        throw notFound('There is no such order in this hub.');
      return order;
    },
  );

  api.post(
    '/hubs/:hub/orders/:id/refund',
    {
      schema: {
        tags: ['box office'],
        summary: 'Refund a paid order with a reason; the seats go back on sale',
        params: IdParams,
        body: RefundBody,
        response: { 200: OrderSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'boxOffice.sell', hub.id);
      await db.tx(async (q) => {
        // Money taken online goes back through its provider; the desk hands cash back itself
        // (all of it when part was handed back in an exchange: providers refund whole payments).
        const atDesk = await handedBackInExchange(q, req.params.id);
        await refundOrder(q, hub.id, req.params.id, {
          owedBy: (p) => !atDesk && payments.get(p)?.immediate === false,
        });
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: 'order.refund',
          entityType: 'order',
          entityId: req.params.id,
          details: { reason: req.body.reason },
        });
      });
      await settleRefundsDue(ctx, req.log);
      // The refund receipt now, so the desk can print it at once (the worker retries a failure).
      await deliverTickets(ctx, hub.id, req.params.id, req.log);
      const { userId: _, ...order } = await getOrder(db, hub.id, req.params.id, signer);
      return order;
    },
  );

  api.get(
    '/hubs/:hub/orders',
    {
      schema: {
        tags: ['box office'],
        summary: 'Find an order by the number people read out at the desk, or list the latest 50',
        params: HubParams,
        querystring: Type.Object(
          { number: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(OrderSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      const rows = await db.query<{ id: string }>(
        `select id from orders where hub_id = $1 and ($2::bigint is null or number = $2::bigint) order by created_at desc limit 50`,
        [hub.id, req.query.number ?? null],
      );
      return Promise.all(
        rows.map(async (r) => {
          const { userId: _, ...o } = await getOrder(db, hub.id, r.id, signer);
          return o;
        }),
      );
    },
  );

  api.get(
    '/me/orders',
    {
      schema: {
        tags: ['box office'],
        summary: 'Your orders and tickets, newest first',
        response: { 200: Type.Array(OrderSchema), ...problems },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      const rows = await db.query<{ id: string; hubId: string }>(
        `select id, hub_id as "hubId" from orders where user_id = $1 and status in ('paid', 'pending_payment', 'refunded') order by created_at desc limit 100`,
        [auth.user.id],
      );
      return Promise.all(
        rows.map(async (r) => {
          const { userId: _, ...o } = await getOrder(db, r.hubId, r.id, signer);
          return o;
        }),
      );
    },
  );

  api.get(
    '/hubs/:hub/ticket-key',
    {
      schema: {
        tags: ['box office'],
        summary: "The hub's public Ed25519 key that verifies ticket QR codes offline",
        params: HubParams,
        response: {
          200: Type.Object({ algorithm: Type.Literal('Ed25519'), publicKey: Type.String() }),
          ...problems,
        },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      return { algorithm: 'Ed25519' as const, publicKey: signer.publicKey(hub.id) };
    },
  );
}
