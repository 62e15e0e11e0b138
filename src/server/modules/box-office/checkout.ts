// Checkout: a hold becomes an order and is paid, at the desk or through an online provider.
import type { FastifyRequest } from 'fastify';
import type { OrderDto } from '../../../common/api/box-office.ts';
import type { HubDto } from '../../../common/api/schemas.ts';
import { localize } from '../../../common/content.ts';
import { can } from '../../../common/permissions.ts';
import { requirePermission } from '../../platform/auth.ts';
import type { AppContext } from '../../platform/context.ts';
import { sqlState, UNIQUE_VIOLATION } from '../../platform/db/db.ts';
import { HttpProblem } from '../../platform/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { deliverTickets } from './delivery.ts';
import { findOrderByIdempotencyKey, getOrder, placeOrder } from './orders.ts';

export interface CheckoutInput {
  holdId: string;
  buyer: { email?: string | undefined; name?: string | undefined };
  payment: { provider: string; method: string };
  complimentary?: { reason: string } | undefined;
  locale?: string | undefined;
  promoCode?: string | undefined;
  membershipCode?: string | undefined;
  voucherCode?: string | undefined;
}

export async function checkout(
  ctx: AppContext,
  req: FastifyRequest,
  hub: HubDto,
  input: CheckoutInput,
  idempotencyKey: string | undefined,
): Promise<{ order: OrderDto; created: boolean }> {
  const { db, payments, signer, config } = ctx;
  const provider = payments.get(input.payment.provider);
  if (!provider)
    throw new HttpProblem(
      400,
      'validation_failed',
      `Payment provider "${input.payment.provider}" is not available here.`,
    );
  // The desk and free tickets are for box-office staff; online buyers must say where to send tickets.
  const atDesk = provider.immediate || input.complimentary !== undefined;
  const auth = atDesk ? requirePermission(req, 'boxOffice.sell', hub.id) : req.auth;
  if (!atDesk && !input.buyer.email && !auth?.user.email) {
    throw new HttpProblem(400, 'validation_failed', 'Give an email address to send the tickets to.', {
      errors: [{ path: 'body/buyer/email', message: 'is required' }],
    });
  }
  // A repeated key is found when the repeat fails: on the key's unique index, or on the hold
  // the first request already turned into an order.
  const key = idempotencyKey?.trim() || null;
  let placed: { orderId: string; paymentId: string; totalTiyn: number };
  try {
    placed = await db.tx(async (q) => {
      const result = await placeOrder(q, {
        hubId: hub.id,
        holdId: input.holdId,
        channel: atDesk ? 'desk' : 'online',
        userId: atDesk ? null : (auth?.user.id ?? null),
        createdBy: auth?.user.id ?? null,
        buyer: {
          email: input.buyer.email ?? (atDesk ? undefined : auth?.user.email),
          name: input.buyer.name ?? (atDesk ? undefined : auth?.user.name),
        },
        locale: input.locale ?? auth?.user.locale ?? 'kk',
        idempotencyKey: key,
        paidNow: provider.immediate || input.complimentary !== undefined,
        complimentary: input.complimentary !== undefined,
        provider: provider.id,
        method: input.payment.method,
        promoCode: input.promoCode,
        membershipCode: input.membershipCode,
        voucherCode: input.voucherCode,
      });
      if (atDesk && auth && can(auth.grants, 'boxOffice.sell', hub.id)) {
        await recordAudit(q, {
          hubId: hub.id,
          actorId: auth.user.id,
          action: input.complimentary ? 'order.complimentary' : 'order.desk_sale',
          entityType: 'order',
          entityId: result.orderId,
          details: {
            totalTiyn: result.totalTiyn,
            method: input.payment.method,
            ...(input.complimentary ? { reason: input.complimentary.reason } : {}),
          },
        });
      }
      return result;
    });
  } catch (err) {
    // Two identical requests raced: the second finds the first one's order, whether it lost
    // on the idempotency key itself or on the hold the first had already turned into an order.
    if (
      key &&
      (sqlState(err) === UNIQUE_VIOLATION || (err instanceof HttpProblem && err.code === 'hold_expired'))
    ) {
      const existing = await findOrderByIdempotencyKey(db, hub.id, key);
      if (existing) return { order: await getOrder(db, hub.id, existing, signer), created: false };
    }
    throw err;
  }
  let order = await getOrder(db, hub.id, placed.orderId, signer);
  if (order.status === 'pending_payment') {
    const started = await provider.start({
      paymentId: placed.paymentId,
      orderId: order.id,
      orderNumber: order.number,
      // what a gift voucher left to pay
      amountTiyn: order.payments.find((p) => p.id === placed.paymentId)?.amountTiyn ?? order.totalTiyn,
      description: `${localize(hub.name, 'en')} #${order.number}`,
      returnUrl: `${config.publicUrl}/orders/${order.id}?hub=${hub.slug}`,
      method: input.payment.method,
    });
    await db.query(
      'update payments set provider_ref = $2, redirect_url = $3, updated_at = now() where id = $1',
      [placed.paymentId, started.providerRef, started.redirectUrl ?? null],
    );
    order = await getOrder(db, hub.id, placed.orderId, signer);
  }
  if (order.status === 'paid') await deliverTickets(ctx, hub.id, order.id, req.log);
  return { order, created: true };
}
