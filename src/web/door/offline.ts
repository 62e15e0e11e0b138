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
      // What loaded before the worker took over: the assets, and the API answers the page
      // starts from (the session, the hub); the worker keeps those it is allowed to.
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name))
        .filter((u) => u.origin === location.origin && /^\/(assets|api)\//.test(u.pathname))
        .map((u) => u.pathname + u.search);
      reg.active?.postMessage({ type: 'cache-assets', urls: [...new Set(urls)] });
    })
    .catch(() => {
      // without a worker the scanner still works online, and offline once open
    });
}
