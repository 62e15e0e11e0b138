// `npm test`: the whole suite — type check, lint, unit and integration tests (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set), then browser tests in Chromium when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildWeb } from './web-build.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const bin = (name: string) => `node_modules/.bin/${name}`;
const results: { step: string; ok: boolean; note?: string }[] = [];

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n━━ ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ step: name, ok });
  return ok;
}

const dbUrl = process.env.TEST_DATABASE_URL;
step('type check', bin('tsc'), ['--noEmit']);
step('lint and format', bin('biome'), ['check', '.']);
step(
  `unit and integration tests (PGlite${dbUrl ? ' and PostgreSQL' : ''})`,
  bin('vitest'),
  ['run', ...process.argv.slice(2)],
  { NODE_ENV: 'test' },
);
if (!dbUrl) {
  results.push({
    step: 'PostgreSQL tests',
    ok: true,
    note: 'skipped: set TEST_DATABASE_URL=postgres://… to run them too',
  });
}

if (existsSync(CHROMIUM)) {
  let built = true;
  try {
    buildWeb();
  } catch {
    built = false;
    results.push({ step: 'web build', ok: false });
  }
  if (built)
    step('browser tests (Chromium)', bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts'], {
      CHROMIUM_PATH: CHROMIUM,
    });
} else if (process.env.CI) {
  results.push({
    step: 'browser tests',
    ok: false,
    note: `Chromium is missing at ${CHROMIUM}; CI must install it`,
  });
} else {
  results.push({
    step: 'browser tests',
    ok: true,
    note: `skipped: no Chromium at ${CHROMIUM}. Install it with: sudo apt-get install chromium`,
  });
}

console.log('\n━━ Summary');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.step}${r.note ? ` (${r.note})` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
