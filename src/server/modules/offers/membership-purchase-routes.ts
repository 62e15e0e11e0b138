import { Type } from '@sinclair/typebox';
import { MyMembershipSchema, PurchaseBody, PurchaseSchema } from '../../../common/api/memberships.ts';
import { HubParams, IdempotencyHeaders, ProblemSchema, Uuid } from '../../../common/api/schemas.ts';
import { localize } from '../../../common/content.ts';
import { requireUser } from '../../platform/auth.ts';
import type { Api, AppContext } from '../../platform/context.ts';
import { sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { notFound } from '../../platform/errors.ts';
import { getHubById, getHubBySlug } from '../hubs/service.ts';
import { deliverMembershipPurchases } from './membership-delivery.ts';
import {
  assertOnlineProvider,
  createPurchase,
  findPurchaseByKey,
  getPurchase,
  type Purchase,
  setPurchasePayment,
} from './membership-purchases.ts';
import { listUserMemberships } from './memberships.ts';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

const dto = ({ hubId: _h, userId: _u, locale: _l, ...p }: Purchase) => p;

export function membershipPurchaseRoutes(api: Api, ctx: AppContext): void {
  const { db, payments, config } = ctx;

  api.post(
    '/hubs/:hub/membership-purchases',
    {
      schema: {
        tags: ['offers'],
        summary:
          'Buy a membership card online (signed in): answers with the provider’s payment page; the card is issued when the payment is confirmed. Send an Idempotency-Key so a repeated request makes one purchase.',
        params: HubParams,
        headers: IdempotencyHeaders,
        body: PurchaseBody,
        response: { 200: PurchaseSchema, 201: PurchaseSchema, ...problems },
      },
    },
    async (req, reply) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requireUser(req);
      const provider = payments.get(req.body.payment.provider);
      assertOnlineProvider(provider, req.body.payment.provider);
      const key = req.headers['idempotency-key']?.trim() || null;
      /**
       * Registers the payment with the provider; sent again with the same key after a failure
       * there, it asks again (the provider knows the payment by our id and answers the same page).
       */
      const startPayment = async (p: Purchase): Promise<Purchase> => {
        if (p.status !== 'pending_payment' || p.redirectUrl || !provider) return p;
        const started = await provider.start({
          paymentId: p.id,
          orderId: p.id,
          orderNumber: p.number,
          amountTiyn: p.priceTiyn,
          description: `${localize(hub.name, 'en')}: ${localize(p.plan.name, 'en')}`,
          returnUrl: `${config.publicUrl}/${hub.slug}/memberships/purchases/${p.id}`,
          method: req.body.payment.method,
        });
        await setPurchasePayment(db, p.id, {
          providerRef: started.providerRef,
          redirectUrl: started.redirectUrl ?? null,
        });
        return getPurchase(db, hub.id, p.id);
      };
      const earlier = key ? await findPurchaseByKey(db, hub.id, auth.user.id, key) : undefined;
      if (earlier) return reply.status(200).send(dto(await startPayment(earlier)));
      let purchase: Purchase;
      try {
        purchase = await db.tx((q) =>
          createPurchase(q, hub.id, {
            planSlug: req.body.plan,
            userId: auth.user.id,
            holderName: req.body.holderName ?? auth.user.name,
            holderEmail: auth.user.email,
            locale: req.body.locale ?? auth.user.locale ?? 'kk',
            provider: req.body.payment.provider,
            method: req.body.payment.method,
            idempotencyKey: key,
          }),
        );
      } catch (err) {
        // Two presses raced: the second finds the first one's purchase.
        const first =
          key && sqlState(err) === UNIQUE_VIOLATION
            ? await findPurchaseByKey(db, hub.id, auth.user.id, key)
            : undefined;
        if (first) return reply.status(200).send(dto(first));
        throw err;
      }
      purchase = await startPayment(purchase);
      // A free card is issued at once: its mail goes now (the worker retries a failure).
      if (purchase.status === 'paid')
        await deliverMembershipPurchases(ctx, { purchaseId: purchase.id, log: req.log });
      return reply.status(201).send(dto(purchase));
    },
  );

  api.get(
    '/hubs/:hub/membership-purchases/:id',
    {
      schema: {
        tags: ['offers'],
        summary: 'A membership purchase of yours: its payment, the card once paid, and the receipt with VAT',
        params: Type.Object({ hub: HubParams.properties.hub, id: Uuid }),
        response: { 200: PurchaseSchema, ...problems },
      },
    },
    async (req) => {
      const hub = await getHubBySlug(db, req.params.hub);
      const auth = requireUser(req);
      const purchase = await getPurchase(db, hub.id, req.params.id);
      if (purchase.userId !== auth.user.id)
        throw notFound('There is no such membership purchase in this hub.');
      return dto(purchase);
    },
  );

  api.get(
    '/me/memberships',
    {
      schema: {
        tags: ['offers'],
        summary: 'Your membership cards across the network: code, entries left, valid until',
        response: { 200: Type.Array(MyMembershipSchema), ...problems },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      const cards = await listUserMemberships(db, auth.user.id);
      const slugs = new Map<string, string>();
      for (const id of new Set(cards.map((c) => c.hubId))) slugs.set(id, (await getHubById(db, id)).slug);
      return cards.map((c) => ({ ...c, hubSlug: slugs.get(c.hubId) ?? '' }));
    },
  );
}
