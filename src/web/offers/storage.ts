// Places in waiting lists this browser joined, so a visitor finds their place again; with the
// entry's key, which lets them leave the list without an account.
const key = (performanceId: string) => `waitlist:${performanceId}`;

export interface JoinedPlace {
  id: string;
  key?: string | undefined;
}

export function rememberWaitlist(performanceId: string, place: JoinedPlace | undefined): void {
  try {
    if (place) localStorage.setItem(key(performanceId), JSON.stringify(place));
    else localStorage.removeItem(key(performanceId));
  } catch {
    // storage may be off: the link in the confirmation still works
  }
}

export function joinedWaitlist(performanceId: string): JoinedPlace | undefined {
  try {
    const stored = localStorage.getItem(key(performanceId));
    if (!stored) return undefined;
    // Earlier versions kept the bare id.
    if (!stored.startsWith('{')) return { id: stored };
    const place = JSON.parse(stored) as Partial<JoinedPlace>;
    return typeof place.id === 'string' ? { id: place.id, key: place.key } : undefined;
  } catch {
    return undefined;
  }
}

/** The key this browser kept when it joined the list with this entry, if it did. */
export function rememberedKey(entryId: string): string | undefined {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith('waitlist:')) continue;
      const place = joinedWaitlist(name.slice('waitlist:'.length));
      if (place?.id === entryId) return place.key;
    }
  } catch {
    // no storage: the key comes from the link or not at all
  }
  return undefined;
}

/**
 * Hands a hold offered from the waiting list to the booking page, which picks up a hold it
 * finds for its performance (the same key it keeps its own holds under). A guest also hands
 * over the email the offer went to, where the tickets are sent.
 */
export function handOverHold(performanceId: string, holdId: string, guestEmail?: string): void {
  try {
    sessionStorage.setItem(`hold:${performanceId}`, holdId);
    if (guestEmail) sessionStorage.setItem(`hold-email:${performanceId}`, guestEmail);
    else sessionStorage.removeItem(`hold-email:${performanceId}`);
  } catch {
    // without storage the booking page cannot see the hold; the offer page says so
  }
}

/** The email handed over with a waiting-list hold, for a guest's checkout. */
export function handedOverEmail(performanceId: string): string | undefined {
  try {
    return sessionStorage.getItem(`hold-email:${performanceId}`) ?? undefined;
  } catch {
    return undefined;
  }
}
