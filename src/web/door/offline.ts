// The door scanner must open with no network once it has been visited: a service worker
// keeps the app shell (index.html and the built assets) and answers the API from its cache
// when the network is gone. The worker is plain JS served from the site root (public/sw.js).

/**
 * Registers the worker and hands it the assets this page loaded (lazy chunks included) and
 * the API answers it started from. Resolves true once the worker has kept them all.
 */
export async function registerAppShell(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return false;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const reg = await navigator.serviceWorker.ready;
    const worker = reg.active;
    if (!worker) return false;
    const urls = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && /^\/(assets|api)\//.test(u.pathname))
      .map((u) => u.pathname + u.search);
    const channel = new MessageChannel();
    const done = new Promise<boolean>((resolve) => {
      channel.port1.onmessage = (e: MessageEvent<{ ok?: boolean }>) => resolve(e.data?.ok === true);
    });
    worker.postMessage({ type: 'cache-assets', urls: [...new Set(urls)] }, [channel.port2]);
    return await done;
  } catch {
    // without a worker the scanner still works online, and offline once open
    return false;
  }
}
