// Places in waiting lists this browser joined, so a visitor finds their place again.
const key = (performanceId: string) => `waitlist:${performanceId}`;

export function rememberWaitlist(performanceId: string, entryId: string | undefined): void {
  try {
    if (entryId) localStorage.setItem(key(performanceId), entryId);
    else localStorage.removeItem(key(performanceId));
  } catch {
    // storage may be off: the link in the confirmation still works
  }
}

export function joinedWaitlist(performanceId: string): string | undefined {
  try {
    return localStorage.getItem(key(performanceId)) ?? undefined;
  } catch {
    return undefined;
  }
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
