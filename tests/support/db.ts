// Test databases: always a fresh in-memory PGlite; also a fresh database on a real PostgreSQL
// server when TEST_DATABASE_URL is set (CI sets it).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/server/platform/db/db.ts';
import { migrate } from '../../src/server/platform/db/migrate.ts';
import { openPglite } from '../../src/server/platform/db/pglite.ts';
import { openPostgres } from '../../src/server/platform/db/postgres.ts';

export type Driver = 'pglite' | 'postgres';

export const DRIVERS: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDb {
  db: Db;
  url: string | undefined;
  drop(): Promise<void>;
}

/** A brand-new empty database (not migrated). */
export async function createEmptyDb(driver: Driver): Promise<TestDb> {
  if (driver === 'pglite') {
    const db = await openPglite(undefined);
    return { db, url: undefined, drop: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `ozge_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 20);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestDb(driver: Driver): Promise<TestDb> {
  const t = await createEmptyDb(driver);
  await migrate(t.db);
  return t;
}
