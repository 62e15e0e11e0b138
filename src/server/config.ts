// Configuration comes from environment variables only; every one has a safe default for the
// embedded mode, and production refuses to start with a default secret.
import path from 'node:path';

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where mail goes when no SMTP server is configured (one .eml file per message). */
  mailOutboxDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Public address of the site, used in links in mail. */
  publicUrl: string;
  secret: string;
  /** Seed demo content into an empty database on start. */
  seed: 'demo' | 'none';
  migrateOnStart: boolean;
  logLevel: string;
  /** Web app build served by the server; absent in API-only tests. */
  webDir: string | undefined;
  trustProxy: boolean;
  /** Maximum JSON body in bytes. */
  bodyLimit: number;
  /** Passwords hash cost; lowered only by tests to keep them quick. */
  scryptCost: number;
}

export const DEFAULT_SECRET = 'development-only-secret-change-me';

export class ConfigError extends Error {}

function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const mode =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got "${env.PORT}"`);
  const host = env.HOST ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1');
  const config: Config = {
    env: mode,
    host,
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    mailOutboxDir: path.resolve(env.MAIL_OUTBOX_DIR ?? path.join(dataDir, 'outbox')),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'ÓzgeEpic Hub <no-reply@ozgeepic.kz>',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    secret: env.SECRET ?? DEFAULT_SECRET,
    seed: env.SEED === 'none' ? 'none' : 'demo',
    migrateOnStart: bool(env.MIGRATE_ON_START, true),
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    webDir: path.resolve(env.WEB_DIR ?? 'dist/web'),
    trustProxy: bool(env.TRUST_PROXY, false),
    bodyLimit: Number(env.BODY_LIMIT ?? 1_048_576),
    scryptCost: 2 ** 15,
    ...overrides,
  };
  if (config.env === 'production') {
    if (config.secret === DEFAULT_SECRET || config.secret.length < 32) {
      throw new ConfigError(
        'Refusing to start in production: set SECRET to a random string of at least 32 characters.',
      );
    }
  }
  return config;
}
