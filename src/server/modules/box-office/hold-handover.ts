// A hold handed to someone else: a waiting-list offer is held for the account that joined the
// list, and its mailed link lets whoever opens it (signed in as another account, or as a
// guest) take the hold over and check out with it.
import type { Queryable } from '../../platform/db/db.ts';

/** Gives an active hold to an account (or to a guest: null). False when the hold is no longer active. */
export async function handOverHold(
  q: Queryable,
  hubId: string,
  holdId: string,
  userId: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `update holds set user_id = $3 where id = $1 and hub_id = $2 and status = 'active' and expires_at > now() returning id`,
    [holdId, hubId, userId],
  );
  return rows.length === 1;
}
