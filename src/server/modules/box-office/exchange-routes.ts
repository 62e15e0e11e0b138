// Exchanges at the desk over HTTP: make one (with an Idempotency-Key, so a double-pressed
// button makes one exchange), and list an order's exchanges.
import { Type } from '@sinclair/typebox';
import { ExchangeBody, ExchangeResultSchema, ExchangeSchema } from '../../../common/api/exchanges.ts';
import { HubParams, IdempotencyHeaders, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { maybeOne, sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { getHubBySlug } from '../hubs/service.ts';
import { deliverTickets } from './delivery.ts';
import { exchangeTickets, findExchangeByKey, listExchanges } from './exchanges.ts';
import { getOrder } from './orders.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
};
const IdParams = Type.Object({ hub: HubParams.properties.hub, id: Uuid });

export function exchangeRoutes(api: Api, ctx: AppContext): void {
  const { db, signer } = ctx;

  const result = async (hubId: string, orderId: string, exchangeId: string) => {
    const [exchange] = await listExchanges(db, hubId, orderId, exchangeId);
    if (!exchange) throw new Error(`Exchange ${exchangeId} vanished`);
    const { userId: _, ...order } = await getOrder(db, hubId, orderId, signer);
    return { exchange, order };
  };

  api.post(
    '/hubs/:hub/orders/:id/exchanges',
    {
      schema: {
        tags: ['box office'],
        summary:
          'Exchange tickets of a paid order for other seats or places (same performance or another) with a reason; the price difference is paid or handed back at the desk. Send an Idempotency-Key so a repeated request makes one exchange.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ExchangeBody,
        response: { 200: ExchangeResultSchema, 201: ExchangeResultSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requirePermission(req, 'boxOffice.sell', hub.id);
      const body = req.body;
      if ((body.holdId === undefined) === (body.performanceId === undefined))
        throw new HttpProblem(
          400,
          'validation_failed',
          'Give either a hold with the new places or a performance.',
          {
            errors: [{ path: 'body/holdId', message: 'give holdId or performanceId, not both' }],
          },
        );
      if (body.holdId && (body.seats || body.areas || body.best))
        throw new HttpProblem(
          400,
          'validation_failed',
          'A hold already says which places; send no seats with it.',
          {
            errors: [{ path: 'body/seats', message: 'not with holdId' }],
          },
        );
      const key = req.headers['idempotency-key']?.trim() || null;
      const earlier = async () => {
        const found = key ? await findExchangeByKey(db, hub.id, key) : undefined;
        if (found && found.orderId !== req.params.id)
          throw new HttpProblem(
            409,
            'conflict',
            'This Idempotency-Key was used for an exchange of another order.',
          );
        return found;
      };
      const before = await earlier();
      if (before) return reply.status(200).send(await result(hub.id, req.params.id, before.id));
      let exchangeId: string;
      try {
        exchangeId = await db.tx(async (q) => {
          const id = await exchangeTickets(q, {
            hubId: hub.id,
            orderId: req.params.id,
            ticketIds: body.tickets,
            target: body.holdId
              ? { holdId: body.holdId }
              : {
                  performanceId: body.performanceId as string,
                  seats: body.seats,
                  areas: body.areas,
                  best: body.best,
                },
            reason: body.reason,
            method: body.payment?.method,
            createdBy: auth.user.id,
            idempotencyKey: key,
          });
          const [x] = await listExchanges(q, hub.id, req.params.id, id);
          await recordAudit(q, {
            hubId: hub.id,
            actorId: auth.user.id,
            action: 'order.exchange',
            entityType: 'order',
            entityId: req.params.id,
            details: {
              reason: body.reason,
              exchangeId: id,
              returnedTickets: x?.returnedTickets ?? [],
              issuedTickets: x?.issuedTickets ?? [],
              performanceId: x?.performanceId,
              differenceTiyn: x?.differenceTiyn ?? 0,
              ...(x?.method ? { method: x.method } : {}),
            },
          });
          return id;
        });
      } catch (err) {
        // Two identical requests raced: the second waited for the first and found its tickets
        // already exchanged (or its hold used): answer with the first one's exchange.
        if (key && (sqlState(err) === UNIQUE_VIOLATION || err instanceof HttpProblem)) {
          const raced = await earlier();
          if (raced) return reply.status(200).send(await result(hub.id, req.params.id, raced.id));
        }
        throw err;
      }
      // The new tickets by mail now (the outbox retries if this fails).
      await deliverTickets(ctx, hub.id, req.params.id, req.log);
      return reply.status(201).send(await result(hub.id, req.params.id, exchangeId));
    },
  );

  api.get(
    '/hubs/:hub/orders/:id/exchanges',
    {
      schema: {
        tags: ['box office'],
        summary: "An order's exchanges: tickets given back, tickets issued, the difference and the reason",
        params: IdParams,
        response: { 200: Type.Array(ExchangeSchema), ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      requirePermission(req, 'boxOffice.sell', hub.id);
      const order = await maybeOne(db, 'select 1 from orders where id = $1 and hub_id = $2', [
        req.params.id,
        hub.id,
      ]);
      if (!order) throw notFound('There is no such order in this hub.');
      return listExchanges(db, hub.id, req.params.id);
    },
  );
}
