// Migrations are plain SQL files kept by the module that owns the tables
// (src/server/modules/<module>/migrations/NNNN_name.sql). The NNNN prefix is global, so the
// history is one ordered list across modules. Applied names are recorded in schema_migrations.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Migration {
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  const modules = path.join(serverDir, 'modules');
  const files = readdirSync(modules).flatMap((m) => {
    const dir = path.join('modules', m, 'migrations');
    return existsSync(path.join(serverDir, dir))
      ? readdirSync(path.join(serverDir, dir))
          .filter((f) => f.endsWith('.sql'))
          .map((f) => path.join(dir, f))
      : [];
  });
  const migrations = files
    .map((f) => ({ name: path.basename(f, '.sql'), file: path.join(serverDir, f) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set<string>();
  for (const m of migrations) {
    const prefix = m.name.split('_')[0] ?? '';
    if (!/^\d{4}$/.test(prefix)) throw new Error(`Migration ${m.file} must start with a four-digit number`);
    if (seen.has(prefix)) throw new Error(`Two migrations share the number ${prefix}`);
    seen.add(prefix);
  }
  return migrations.map((m) => ({ name: m.name, sql: readFileSync(m.file, 'utf8') }));
}

/** Applies pending migrations in one transaction; an advisory lock keeps several processes from racing. */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
  return db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock(7355608)');
    await q.query(`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`);
    const applied = new Set(
      (await q.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
    );
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await q.exec(m.sql);
      await q.query('insert into schema_migrations (name) values ($1)', [m.name]);
      done.push(m.name);
    }
    return done;
  });
}
