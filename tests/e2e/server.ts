// Starts the real server with demo data, a fresh database and a mail outbox in a temporary
// folder, serving a build of the web app made from the current sources.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { startServer } from '../../src/server/start.ts';

export interface TestServer {
  url: string;
  outboxDir: string;
  close(): Promise<void>;
}

async function buildWeb(outDir: string): Promise<void> {
  // The test runner sets NODE_ENV=test, which would give React's development build;
  // the browser tests check what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.resolve('vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export async function startTestServer(): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ozgeepic-e2e-'));
  const webDir = path.join(dir, 'web');
  await buildWeb(webDir);
  const server = await startServer({
    port: 0,
    dataDir: path.join(dir, 'data'),
    mailOutboxDir: path.join(dir, 'outbox'),
    seed: 'demo',
    webDir,
    logLevel: 'silent',
  });
  return {
    url: server.url,
    outboxDir: server.outboxDir,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
