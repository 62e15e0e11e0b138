import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDb, DRIVERS, type TestDb } from '../../../../tests/support/db.ts';
import { listMigrations, migrate } from './migrate.ts';

describe.each(DRIVERS)('migrations (%s)', (driver) => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('applies the whole history once, in order, and nothing the second time', async () => {
    t = await createEmptyDb(driver);
    const all = listMigrations().map((m) => m.name);
    expect(all[0]).toBe('0001_hubs');
    expect(await migrate(t.db)).toEqual(all);
    expect(await migrate(t.db)).toEqual([]);
    const tables = await t.db.query<{ t: string }>(
      `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.t)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'hub_roles',
        'hubs',
        'invitations',
        'sessions',
        'spaces',
        'users',
      ]),
    );
  });

  it('lets several processes start at once: exactly one applies each migration', async () => {
    t = await createEmptyDb(driver);
    const runs = await Promise.all([migrate(t.db), migrate(t.db), migrate(t.db)]);
    expect(runs.flat().sort()).toEqual(
      listMigrations()
        .map((m) => m.name)
        .sort(),
    );
  });
});
