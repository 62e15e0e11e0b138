// Opens the database, migrates, seeds, and listens. Used by main.ts and by the browser tests.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { type BoxOfficeJobs, startBoxOfficeJobs } from './modules/box-office/jobs.ts';
import { startMembershipWorker } from './modules/offers/membership-delivery.ts';
import { runWaitlists } from './modules/offers/waitlist-job.ts';
import type { Db } from './platform/db/db.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDb } from './platform/db/open.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { seedDemo } from './seed/demo.ts';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  db: Db;
  config: Config;
  mailer: Mailer;
  outboxDir: string;
  seeded: boolean;
  /** The background jobs (sweeper, start-up recovery); stopped by close(). */
  jobs: BoxOfficeJobs;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<Config> {
  /** Shorthand for config.seed. */
  seed?: 'demo' | 'none';
}

export async function startServer(
  options: StartOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningServer> {
  const config = loadConfig(env, options);
  const db = await openDb(config);
  try {
    if (config.migrateOnStart) await migrate(db);
    const seeded = config.seed === 'demo' ? await seedDemo(db, config.scryptCost) : false;
    const mailer = createMailer({
      smtpUrl: config.smtpUrl,
      outboxDir: config.mailOutboxDir,
      from: config.mailFrom,
    });
    const app = await buildApp({ db, config, mailer });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    if (options.publicUrl === undefined && env.PUBLIC_URL === undefined) config.publicUrl = url;
    // After listening: payment callbacks the sandbox PSP sends to this server can then arrive.
    const jobs = startBoxOfficeJobs(app.appContext, app.log, {
      waitlists: () => runWaitlists(app.appContext),
    });
    // Membership cards paid online: receipt and mail, and the providers asked about lost callbacks.
    const cards = startMembershipWorker(app.appContext, { intervalMs: 3_000, log: app.log });
    return {
      url,
      app,
      db,
      config,
      mailer,
      outboxDir: config.mailOutboxDir,
      seeded,
      jobs,
      async close() {
        await jobs.stop();
        await cards.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}
