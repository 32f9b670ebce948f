// Web Push handlers for the service worker (issue 4). Include this file in
// sw.js (build.mjs concatenates or importScripts it); it has no imports.
//
// The server sends JSON {type, title, body, url, tag} in the citizen's own
// language. It never holds anything the lock screen may not show.

self.addEventListener('push', (event) => {
  let msg = {};
  try {
    msg = event.data ? event.data.json() : {};
  } catch (err) {
    msg = {};
  }
  const title = msg.title || 'Trappen';
  const options = {
    body: msg.body || '',
    // The same tag replaces an older notification about the same meeting or
    // request instead of stacking a second one.
    tag: msg.tag || msg.type || 'trappen',
    renotify: Boolean(msg.tag),
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: sameOriginPath(msg.url), type: msg.type },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = sameOriginPath(event.notification.data && event.notification.data.url);
  event.waitUntil(openOrFocus(path));
});

// sameOriginPath keeps a click inside Trappen: anything else opens the start.
function sameOriginPath(url) {
  try {
    const u = new URL(url || '/', self.location.origin);
    return u.origin === self.location.origin ? u.pathname + u.search + u.hash : '/';
  } catch (err) {
    return '/';
  }
}

// openOrFocus focuses an open Trappen window and takes it to path, or opens
// a new one. The page moves in-app (sw-register.js listens for 'open'), so
// nothing the citizen is typing is lost to a reload; a window that does not
// answer (an old version) is navigated instead.
async function openOrFocus(path) {
  const target = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const ours = windows.filter((c) => new URL(c.url).origin === self.location.origin);
  const client = ours.find((c) => c.focused) || ours[0];
  if (!client) {
    await self.clients.openWindow(target);
    return;
  }
  const focused = (await client.focus().catch(() => null)) || client;
  if (focused.url === target) return;
  if (await askToOpen(focused, path)) return;
  try {
    await focused.navigate(target);
  } catch (err) {
    // An uncontrolled client cannot be navigated; the focus is enough.
  }
}

// askToOpen posts {type: 'open', url} and waits briefly for the page's reply.
function askToOpen(client, path) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), 1000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.postMessage({ type: 'open', url: path }, [channel.port2]);
  });
}
