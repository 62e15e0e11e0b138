// The secrets of a place in a waiting list. The offer's (in the mailed link): whoever opens it
// may buy the places held for that offer, from any browser, signed in or not; it is bound to the
// entry and to the hold of this offer, so an old link does not open a later offer. The entry's
// key, given only to whoever joined (in the answer to joining): it lets them leave the list
// without an account. Either one, or the account that joined, may take the place off the list.
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

export const entryKey = (secret: string, entryId: string): string =>
  hmac(secret, `waitlist-entry:${entryId}`);

export const isEntryKey = (secret: string, entryId: string, key: string | undefined): boolean =>
  key !== undefined && safeEqual(entryKey(secret, entryId), key);
