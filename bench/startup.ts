// Start-up benchmark: time from spawning the server on PGlite to its first successful response,
// on an empty data folder (creates the database, migrates, seeds) and again on the existing one;
// then the idle resident memory. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const rssMiB = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
};

async function run(dataDir: string, label: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let firstOk = 0;
  while (performance.now() - started < 60_000) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.ok) {
        firstOk = performance.now() - started;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  await fetch(`http://127.0.0.1:${port}/api/v1/hubs/astana`);
  await new Promise((r) => setTimeout(r, 3000));
  const rss = child.pid ? rssMiB(child.pid) : 0;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  console.log(
    `${label.padEnd(34)} first response ${(firstOk / 1000).toFixed(2)} s   idle RSS ${rss.toFixed(0)} MiB`,
  );
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'ozge-bench-'));
console.log(`Node ${process.version}, PGlite in ${dataDir}`);
await run(dataDir, 'first start (create, migrate, seed)');
await run(dataDir, 'second start (existing data)');
rmSync(dataDir, { recursive: true, force: true });
