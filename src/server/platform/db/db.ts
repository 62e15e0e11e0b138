// One small interface over both drivers: PGlite (embedded, the default) and node-postgres.
// Services take a `Queryable` so the same function runs alone or inside a caller's transaction.

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function one<T>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<T> {
  const rows = await q.query<T>(sql, params);
  const row = rows[0];
  if (!row) throw new Error(`Expected one row, got none: ${sql.slice(0, 80)}`);
  return row;
}

export async function maybeOne<T>(
  q: Queryable,
  sql: string,
  params?: readonly unknown[],
): Promise<T | undefined> {
  return (await q.query<T>(sql, params))[0];
}

/** SQLSTATE of a database error, whichever driver raised it. */
export function sqlState(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

export const UNIQUE_VIOLATION = '23505';
