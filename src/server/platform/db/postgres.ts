import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Row } from './db.ts';

// int8 (bigint, count(*)) arrives as a string by default; our values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

// Statements with parameters are prepared once per connection, named by their text: the
// server then skips parsing and planning them on every call, which is most of the cost of
// the small statements a checkout is made of.
const names = new Map<string, string>();
function prepared(text: string, values: readonly unknown[] | undefined): pg.QueryConfig {
  if (!values?.length) return { text };
  let name = names.get(text);
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text, values: values as unknown[] };
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  await pool.query('select 1');
  return {
    driver: 'postgres',
    async query<T = Row>(sql: string, params?: readonly unknown[]) {
      return (await pool.query(prepared(sql, params))).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async <T = Row>(sql: string, params?: readonly unknown[]) =>
            (await client.query(prepared(sql, params))).rows as T[],
          exec: async (sql: string) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
