// Trappen service worker. build.mjs prepends VERSION (a hash of the build)
// and PRECACHE (the shell: '/', hashed assets, icons, manifest, catalogs).
/* global VERSION, PRECACHE */

const SHELL_CACHE = `trappen-shell-${VERSION}`;
const OWN_CACHE_PREFIX = 'trappen-';
// Caches that survive a new version (e.g. offline API data) go here.
const KEEP_CACHES = [SHELL_CACHE];
// API paths only caseworkers use (their responses are never cached).
const CASEWORKER_API = ['/api/v1/citizens', '/api/v1/caseworkers'];

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

  // ---- Caseworker data: network only, never cached ---------------------
  // A caseworker may sit at a shared desk: whatever the API section below
  // caches for citizens, these answers are never stored by the worker.
  if (CASEWORKER_API.some((p) => url.pathname.startsWith(p))) return;

  // ---- API ------------------------------------------------------------
  // /api/ goes straight to the network. Offline data is kept by the page in
  // IndexedDB, per user (src/offline/): cached GETs and the outbox, which the
  // 'sync' handler below sends when the app is closed.
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

// NETWORK_WAIT_MS is how long networkFirst waits for the network when it has
// a cached copy to give instead. On a bad mobile connection a request may
// neither answer nor fail for minutes ("lie-fi"); the citizen should get the
// app, and the data the app cached, after a few seconds instead. Once the
// network has kept it waiting, the next requests for SLOW_FOR_MS do not wait
// again (the page, then its catalogs, would each wait in turn) unless the
// network answers meanwhile.
const NETWORK_WAIT_MS = 4000;
const SLOW_FOR_MS = 30000;
let slowUntil = 0;

// networkFirst answers from the network and refreshes the cached copy; offline,
// or when the network keeps it waiting, it falls back to the cache (for
// navigations: the cached shell at `fallback`). Without a cached copy it
// waits for the network however long that takes.
async function networkFirst(request, fallback) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(fallback || request);
  // A navigation given up on is aborted; a catalog still arriving is kept.
  const abort = fallback ? new AbortController() : null;
  const network = fetch(request, abort ? { signal: abort.signal } : undefined).then(async (response) => {
    slowUntil = 0;
    if (response.ok && !fallback) await cache.put(request, response.clone());
    return response;
  });
  if (!cached) return network;
  let timer;
  const wait = Date.now() < slowUntil ? 0 : NETWORK_WAIT_MS;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, wait, 'slow');
  });
  try {
    const first = await Promise.race([network, slow]);
    if (first !== 'slow') return first;
    if (wait) slowUntil = Date.now() + SLOW_FOR_MS;
    if (abort) abort.abort();
    else network.catch(() => {});
    return cached;
  } catch {
    return cached;
  } finally {
    clearTimeout(timer);
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

// ---- Outbox (Background Sync) ------------------------------------------
// The page writes check-ins, replies and reflections to IndexedDB
// (trappen-outbox/items) and registers the 'trappen-outbox' sync. When the
// browser fires it: an open window sends them itself (it has the access
// token); with no window open the worker signs in with the refresh cookie and
// sends them. A check-in's client UUID and the PUTs make a resend harmless.
self.addEventListener('sync', (event) => {
  if (event.tag === 'trappen-outbox') event.waitUntil(syncOutbox());
});

async function syncOutbox() {
  const windows = await self.clients.matchAll({ type: 'window' });
  if (windows.length) {
    windows.forEach((w) => w.postMessage({ type: 'flush-outbox' }));
    return;
  }
  await withLock('trappen-outbox', async () => {
    const items = (await outbox('readonly', (s) => s.getAll())).filter((i) => !i.failed);
    if (!items.length) return;
    // A network error here rejects, and the browser tries the sync again later.
    const session = await withLock('trappen-refresh', async () => {
      const res = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return res.ok ? res.json() : null;
    });
    if (!session) return; // signed out: the items wait for the next sign-in
    items.sort((a, b) => (a.queued_at < b.queued_at ? -1 : 1));
    for (const item of items) {
      if (item.user_id !== session.user.id) continue;
      const res = await fetch(`/api/v1${item.path}`, {
        method: item.method,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${session.access_token}` },
        body: JSON.stringify(item.body),
      });
      if (res.ok) await outbox('readwrite', (s) => s.delete(item.key));
      else if (res.status >= 400 && res.status < 500 && ![401, 408, 429].includes(res.status)) {
        await outbox('readwrite', (s) => s.put({ ...item, failed: String(res.status) }, item.key));
      } else throw new Error(`outbox: ${res.status}`);
    }
  });
}

function withLock(name, fn) {
  return self.navigator.locks ? self.navigator.locks.request(name, fn) : fn();
}

// outbox runs one request on the outbox store and resolves to its result.
function outbox(mode, fn) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('trappen-outbox');
    open.onupgradeneeded = () => open.result.createObjectStore('items');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('items', mode);
      const req = fn(tx.objectStore('items'));
      tx.oncomplete = () => {
        db.close();
        resolve(req.result);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}


// ---- Push (issue 4) ---------------------------------------------------
// The push and notificationclick handlers are in sw-push.js; build.mjs
// appends that file to this one.
