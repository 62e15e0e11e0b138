// App-shell service worker. It lets the door scanner (and every page once visited) open with
// no network:
// - pages (navigations): network first; the last index.html is kept and served offline;
// - built assets (/assets/*, content-hashed names): from the cache, fetched and kept on a miss;
//   the assets index.html names are fetched when the worker installs and whenever a new
//   index.html arrives (old ones are dropped then), and pages post their lazy chunks and the
//   API answers they started from;
// - the API: network first, and for a few GETs a page needs to start (session, hubs, program,
//   performances) the last answer is kept for offline use. Writes are never cached; the door
//   scanner keeps its own queue in IndexedDB.
const SHELL = 'shell-v1';
const ASSETS = 'assets-v1';
const API = 'api-v1';
const KEEP = [SHELL, ASSETS, API];
const API_KEPT = /^\/api\/v1\/(session|hubs(\/[^/]+(\/program|\/performances\/[^/]+)?)?)$/;

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

async function takeShell(response) {
  const html = await response.clone().text();
  const shell = await caches.open(SHELL);
  const before = await shell.match('/');
  const old = before ? await before.text() : '';
  await shell.put('/', response.clone());
  if (old === html) return;
  // A new build: keep only its assets (lazy chunks come back as pages post them).
  const wanted = new Set(assetsOf(html));
  const assets = await caches.open(ASSETS);
  for (const req of await assets.keys()) {
    if (!wanted.has(new URL(req.url).pathname)) await assets.delete(req);
  }
  await assets.addAll([...wanted]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-store' })
      .then((res) => (res.ok ? takeShell(res) : undefined))
      .catch(() => {})
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => !KEEP.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string');
  const reply = event.ports[0];
  event.waitUntil(
    (async () => {
      const assets = await caches.open(ASSETS);
      const api = await caches.open(API);
      const results = await Promise.all(
        urls.map(async (url) => {
          try {
            if (url.startsWith('/assets/')) {
              if (!(await assets.match(url))) await assets.add(url);
            } else if (API_KEPT.test(new URL(url, self.location.origin).pathname)) {
              // fetched again, now through the worker, with the page's cookies
              const res = await fetch(url, { credentials: 'same-origin' });
              if (res.ok) await api.put(url, res);
            }
            return true;
          } catch {
            return false;
          }
        }),
      );
      // The page learns whether it can now open with no network.
      reply?.postMessage({ ok: results.every(Boolean) });
    })(),
  );
});

async function page(request) {
  try {
    const res = await fetch(request);
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) await takeShell(res.clone());
    return res;
  } catch {
    const kept = await caches.match('/', { cacheName: SHELL });
    return kept ?? Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function apiGet(request, keep) {
  try {
    const res = await fetch(request);
    if (keep && res.ok) await (await caches.open(API)).put(request, res.clone());
    return res;
  } catch {
    const kept = keep ? await caches.match(request, { cacheName: API }) : undefined;
    return kept ?? Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
  else if (url.pathname.startsWith('/api/')) event.respondWith(apiGet(request, API_KEPT.test(url.pathname)));
});
