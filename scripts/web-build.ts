// Builds the web app when dist/web is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function webIsStale(root = process.cwd()): boolean {
  const index = path.join(root, 'dist/web/index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'src/web')),
    newestMtime(path.join(root, 'src/common')),
  );
  return sources > statSync(index).mtimeMs;
}

export function buildWeb(root = process.cwd()): void {
  console.log('Building the web app…');
  const vite = path.join(root, 'node_modules/.bin/vite');
  const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The web app failed to build (see above).');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--force') || webIsStale()) buildWeb();
  else console.log('The web app is up to date.');
}
