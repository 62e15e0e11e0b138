import { createUser } from '../modules/accounts/service.ts';
import { createHub, createSpace } from '../modules/hubs/service.ts';
import { grantRole } from '../modules/staff/service.ts';
import type { Db } from '../platform/db/db.ts';
import { DEMO_ACCOUNTS, DEMO_HUBS, DEMO_PASSWORD, DEMO_SPACES } from './demo-content.ts';
import { seedOffers } from './demo-offers.ts';
import { seedSeason } from './demo-season.ts';

/** Fills an empty database with the demo network; does nothing when any hub exists. */
export async function seedDemo(db: Db, scryptCost: number): Promise<boolean> {
  return db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock(7355609)');
    const [existing] = await q.query<{ n: number }>('select count(*)::int as n from hubs');
    if ((existing?.n ?? 0) > 0) return false;
    const hubIds = new Map<string, string>();
    for (const hub of DEMO_HUBS) {
      const created = await createHub(q, hub);
      hubIds.set(hub.slug, created.id);
      for (const [i, space] of DEMO_SPACES.entries()) {
        await createSpace(q, created.id, { ...space, sortOrder: (i + 1) * 10 });
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      const locale = account.email.startsWith('admin') ? 'en' : 'kk';
      const user = await createUser(q, { ...account, password: DEMO_PASSWORD, locale }, scryptCost);
      const hubId = account.hub ? hubIds.get(account.hub) : undefined;
      if (hubId && account.role) await grantRole(q, hubId, user.id, account.role);
    }
    await seedSeason(q, hubIds);
    await seedOffers(q, hubIds);
    return true;
  });
}
