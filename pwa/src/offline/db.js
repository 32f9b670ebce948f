// The app's own IndexedDB stores. Two databases, because idb-keyval keeps one
// object store per database:
//   trappen-data/kv     – the last signed-in user and cached GET responses,
//                         keyed "user" and "get:<user id>:<path>";
//   trappen-outbox/items – what the citizen saved while offline, read by the
//                         service worker too (sw.js opens it without idb-keyval).
import { clear, createStore, del, entries, get, set } from 'idb-keyval';

const data = createStore('trappen-data', 'kv');
export const outboxStore = createStore('trappen-outbox', 'items');

// IndexedDB can be missing or broken (private modes, full disks): the app
// then works online as before, so every call here swallows its errors.
function safe(p, fallback) {
  return p.catch(() => fallback);
}

export const lastUser = {
  get: () => safe(get('user', data), undefined),
  set: (user) => safe(set('user', { id: user.id, role: user.role, name: user.name, locale: user.locale }, data)),
  clear: () => safe(del('user', data)),
};

// logoutPending marks a sign-out made offline that the server has not heard of.
// It lives in its own store so clearAll() keeps it.
const flags = createStore('trappen-flags', 'kv');
export const logoutPending = {
  get: () => safe(get('logout-pending', flags), undefined),
  set: () => safe(set('logout-pending', true, flags)),
  clear: () => safe(del('logout-pending', flags)),
};

const cacheKey = (userId, path) => `get:${userId}:${path}`;

export const responseCache = {
  get: (userId, path) => safe(get(cacheKey(userId, path), data), undefined),
  set: (userId, path, body) => safe(set(cacheKey(userId, path), { body, at: new Date().toISOString() }, data)),
};

// clearAll forgets everything stored on this device (sign-out).
export async function clearAll() {
  await safe(clear(data));
  await safe(clear(outboxStore));
}

export { entries, get, set, del };
