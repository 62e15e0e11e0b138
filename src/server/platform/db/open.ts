import type { Db } from './db.ts';

/** PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or in memory). */
export async function openDb(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Db> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(opts.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(opts.dataDir);
}
