// Work done after a commit (a mail, a fiscal receipt, a card's delivery) that fails is tried
// again later: 1, 2, 4 … minutes apart, at most 6 hours, and given up after MAX_ATTEMPTS (about
// two days of retries) with its error kept for staff to see.

export const MAX_ATTEMPTS = 12;

/** SQL for when to try again after the attempt counted in the parameter `attempts` (e.g. '$4'). */
export const nextAttemptAt = (attempts: string) =>
  `now() + least(power(2, ${attempts}::int - 1), 360) * interval '1 minute'`;

/** The error as it is kept in a row: a message, not a stack, and not too long. */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);
