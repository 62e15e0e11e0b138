// After a membership card is paid online: the fiscal receipt (queued with the payment, see
// box-office/fiscal.ts), then the card by mail. The purchase row is the mail's outbox (delivery
// = 'pending' is set in the payment's transaction), so a crash after the commit loses nothing;
// a worker leases due purchases, so several app processes never mail one card twice, and
// retries failures with a growing pause. The same worker asks the providers about purchases
// whose callback never came.

import { isLocale } from '../../../common/locales.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorText, MAX_ATTEMPTS, nextAttemptAt } from '../../platform/retry.ts';
import { issueFiscalReceiptsOf } from '../box-office/fiscal.ts';
import { applyPaymentEvent } from '../box-office/payments.ts';
import { getHubById } from '../hubs/service.ts';
import { membershipCardMail } from './membership-mail.ts';
import { getPurchase, openPurchases } from './membership-purchases.ts';

interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

type Deps = Pick<AppContext, 'db' | 'config' | 'mailer' | 'signer'>;

async function deliverOne(ctx: Deps, hubId: string, id: string): Promise<void> {
  const { db } = ctx;
  let purchase = await getPurchase(db, hubId, id);
  const card = purchase.card;
  if (purchase.status !== 'paid' || !card) return; // refunded before it went out
  if (!purchase.receipt && purchase.priceTiyn > 0) {
    // The card's sale receipt waits in the fiscal queue (under the purchase's id): issue it now.
    await issueFiscalReceiptsOf(ctx, hubId, card.id);
    purchase = await getPurchase(db, hubId, id);
    if (!purchase.receipt)
      throw new Error('The fiscal receipt is not issued yet; the card mail waits for it');
  }
  const hub = await getHubById(db, hubId);
  await ctx.mailer.send(
    membershipCardMail(purchase.holderEmail, isLocale(purchase.locale) ? purchase.locale : 'kk', {
      hubName: hub.name,
      planName: purchase.plan.name,
      code: card.code,
      holderName: card.holderName,
      entries: card.entriesLeft,
      discountPercent: purchase.plan.discountPercent,
      validUntil: card.validUntil,
      timeZone: hub.timeZone,
      priceTiyn: purchase.priceTiyn,
      vatTiyn: purchase.vatTiyn,
      vatRateBp: purchase.vatRateBp,
      receiptNumber: purchase.receipt?.number ?? String(purchase.number),
      link: `${ctx.config.publicUrl}/my/memberships`,
    }),
  );
}

/** Runs the due deliveries (or just one purchase's); resolves to how many succeeded. */
export async function deliverMembershipPurchases(
  ctx: Deps,
  opts: { purchaseId?: string; limit?: number; log?: Log } = {},
): Promise<number> {
  const due = await ctx.db.query<{ id: string; hubId: string; attempts: number }>(
    `update membership_purchases set delivery_locked_until = now() + interval '5 minutes', delivery_attempts = delivery_attempts + 1
      where id in (
        select id from membership_purchases
         where delivery = 'pending' and delivery_next_at <= now()
           and (delivery_locked_until is null or delivery_locked_until < now())
           and ($2::uuid is null or id = $2)
         order by delivery_next_at limit $1 for update skip locked)
      returning id, hub_id as "hubId", delivery_attempts as attempts`,
    [opts.limit ?? 20, opts.purchaseId ?? null],
  );
  let ok = 0;
  for (const p of due) {
    try {
      await deliverOne(ctx, p.hubId, p.id);
      await ctx.db.query(
        `update membership_purchases set delivery = 'done', delivery_locked_until = null, delivery_error = null where id = $1`,
        [p.id],
      );
      ok++;
    } catch (err) {
      const message = errorText(err);
      const failed = p.attempts >= MAX_ATTEMPTS;
      await ctx.db
        .query(
          `update membership_purchases set delivery = $2, delivery_error = $3, delivery_locked_until = null,
                  delivery_next_at = ${nextAttemptAt('$4')}
            where id = $1`,
          [p.id, failed ? 'failed' : 'pending', message, p.attempts],
        )
        .catch(() => {});
      opts.log?.[failed ? 'error' : 'warn'](
        { purchaseId: p.id, attempts: p.attempts, err: message },
        failed ? 'membership card delivery given up' : 'membership card delivery failed; will retry',
      );
    }
  }
  return ok;
}

/** Asks the providers about purchases still waiting for their word, and applies the answer once. */
export async function reconcileMembershipPurchases(
  ctx: Pick<AppContext, 'db' | 'payments'>,
  opts: { minAgeSeconds?: number; log?: Log } = {},
): Promise<number> {
  const askable = [...ctx.payments.values()].filter((p) => p.status).map((p) => p.id);
  let changed = 0;
  for (const p of await openPurchases(ctx.db, askable, opts.minAgeSeconds ?? 0)) {
    const provider = ctx.payments.get(p.provider);
    if (!provider?.status) continue;
    try {
      const outcome = await provider.status(p.providerRef);
      if (outcome === 'pending') continue;
      const event = {
        eventId: `reconcile:${p.id}:${outcome}`,
        providerRef: p.providerRef,
        outcome,
        amountTiyn: p.amountTiyn,
      };
      const r = await applyPaymentEvent(ctx, provider, event, { source: 'reconciliation', outcome });
      if (r !== 'duplicate' && r !== 'unchanged') changed++;
    } catch (err) {
      opts.log?.error({ err, purchaseId: p.id }, 'could not reconcile a membership purchase');
    }
  }
  return changed;
}

/** Delivers paid cards every few seconds and reconciles open purchases every few minutes. */
export function startMembershipWorker(
  ctx: AppContext,
  opts: { intervalMs: number; reconcileEvery?: number; log?: Log },
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let round = 0;
  const reconcileEvery = opts.reconcileEvery ?? 60;
  const tick = () => {
    running = (async () => {
      try {
        while (!stopped && (await deliverMembershipPurchases(ctx, { limit: 20, ...opts })) === 20) {}
        // Callbacks a provider gave up on: ask about purchases that have waited ten minutes.
        if (!stopped && round++ % reconcileEvery === 0)
          await reconcileMembershipPurchases(ctx, { minAgeSeconds: 600, ...opts });
      } catch (err) {
        if (!stopped) opts.log?.warn({ err }, 'the membership card worker could not read its queue');
      }
      if (!stopped) timer = setTimeout(tick, opts.intervalMs);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
