// `npm start`: runs the hub and prints where it is and how to sign in.
import { ConfigError } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-content.ts';
import { startServer } from './start.ts';

try {
  const server = await startServer();
  const { config } = server;
  const lines = [
    '',
    // The loopback address is the same place people type as localhost.
    `ÓzgeEpic Hub is running at ${server.url.replace('//127.0.0.1:', '//localhost:')}`,
    `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  mail:     ${server.mailer.description}`,
    `  API docs: ${server.url}/api/v1/docs`,
  ];
  if (config.seed === 'demo') {
    lines.push('', `Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) {
      lines.push(`  ${(a.networkAdmin ? 'network admin' : `${a.role} · ${a.hub}`).padEnd(28)} ${a.email}`);
    }
  }
  console.log(lines.join('\n'));
  const stop = async (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
