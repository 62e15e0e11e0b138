// Runs the waiting lists and mails each new offer (after its transaction has committed).
import type { AppContext } from '../../platform/context.ts';
import { getHubById } from '../hubs/service.ts';
import { processWaitlist } from './waitlist.ts';
import { waitlistOfferMail } from './waitlist-mail.ts';
import { offerToken } from './waitlist-token.ts';

export async function runWaitlists(ctx: Pick<AppContext, 'db' | 'config' | 'mailer'>): Promise<number> {
  const offers = await processWaitlist(ctx.db);
  for (const offer of offers) {
    const hub = await getHubById(ctx.db, offer.hubId);
    const [info] = await ctx.db.query<{ title: Record<string, string>; quantity: number }>(
      `select e.title, w.quantity from waitlist_entries w join performances p on p.id = w.performance_id
         join events e on e.id = p.event_id where w.id = $1`,
      [offer.entryId],
    );
    await ctx.mailer.send(
      waitlistOfferMail(offer.email, offer.locale, {
        eventTitle: info?.title ?? {},
        quantity: info?.quantity ?? 1,
        expiresAt: offer.expiresAt,
        timeZone: hub.timeZone,
        // The token in the link is what lets its reader buy, from any browser.
        link: `${ctx.config.publicUrl}/${hub.slug}/waitlist/${offer.entryId}?offer=${offerToken(ctx.config.secret, offer.entryId, offer.holdId)}`,
      }),
    );
  }
  return offers.length;
}
