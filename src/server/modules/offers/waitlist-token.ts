// The secret in a waiting-list offer's link: whoever opens the mailed link may buy the places
// held for that offer, from any browser, signed in or not. It is bound to the entry and to the
// hold of this offer, so an old link does not open a later offer.
import { hmac, safeEqual } from '../../platform/crypto.ts';

export const offerToken = (secret: string, entryId: string, holdId: string): string =>
  hmac(secret, `waitlist-offer:${entryId}:${holdId}`);

export function isOfferToken(
  secret: string,
  entryId: string,
  holdId: string | null,
  token: string | undefined,
): boolean {
  return holdId !== null && token !== undefined && safeEqual(offerToken(secret, entryId, holdId), token);
}
