// The door scanner must open with no network once it has been visited: a service worker
// keeps the app shell (index.html and the built assets) and answers the API from its cache
// when the network is gone. The worker is plain JS served from the site root (public/sw.js).

/** Registers the worker and hands it the assets this page loaded (lazy chunks included). */
export function registerAppShell(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(async () => {
      const reg = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
        .map((u) => u.pathname);
      reg.active?.postMessage({ type: 'cache-assets', urls: [...new Set(urls)] });
    })
    .catch(() => {
      // without a worker the scanner still works online, and offline once open
    });
}
