// Trappen service worker. build.mjs prepends VERSION (a hash of the build)
// and PRECACHE (the shell: '/', hashed assets, icons, manifest, catalogs).
/* global VERSION, PRECACHE */

const SHELL_CACHE = `trappen-shell-${VERSION}`;
const OWN_CACHE_PREFIX = 'trappen-';
// Caches that survive a new version (e.g. offline API data) go here.
const KEEP_CACHES = [SHELL_CACHE];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(OWN_CACHE_PREFIX) && !KEEP_CACHES.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page asks a waiting worker to take over when it is safe (on navigation).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  // ---- API ------------------------------------------------------------
  // Not handled yet: /api/ goes straight to the network. Offline data
  // (cached GETs, the check-in outbox) will be added here.
  if (url.pathname.startsWith('/api/')) return;

  // ---- App shell ------------------------------------------------------
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/'));
    return;
  }
  if (url.pathname.startsWith('/i18n/')) {
    // Catalogs change without a new build, so fetch fresh and keep a copy.
    event.respondWith(networkFirst(request));
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) {
    event.respondWith(cacheFirst(request));
  }
});

// networkFirst answers from the network and refreshes the cached copy; offline
// it falls back to the cache (for navigations: the cached shell at `fallback`).
async function networkFirst(request, fallback) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !fallback) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(fallback || request);
    if (cached) return cached;
    throw err;
  }
}

// cacheFirst suits content-hashed files: a cached copy is never out of date.
async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
