// The outbox: check-ins, meeting replies and reflections are written here
// first (IndexedDB, so they survive closing the app), then sent. Sending
// happens now if the server answers, else when the connection returns, at the
// next start, or from the service worker (Background Sync). A check-in carries
// the client's UUID and replies/reflections are PUTs, so sending one twice
// stores it once.
//
// item: { key, user_id, kind: 'checkin'|'reply'|'reflection', method, path,
//         body, meeting_id?, queued_at, failed?: message }
import { useEffect, useState } from 'preact/hooks';
import { patient, request } from '../api.js';
import { ensureOnline, getSession, isNetworkError, onSession, setBeforeLogout } from '../session.js';
import { del, entries, outboxStore, set } from './db.js';
import { reportOffline, whenBackOnline } from './net.js';

const listeners = new Set();
let items = [];
let flushing = null;

function notify() {
  listeners.forEach((fn) => fn(items));
}

async function reload() {
  try {
    items = (await entries(outboxStore)).map(([, v]) => v).sort((a, b) => (a.queued_at < b.queued_at ? -1 : 1));
  } catch {
    // No IndexedDB: items stays as it is in memory.
  }
  notify();
}

function mine() {
  const { user } = getSession();
  return user ? items.filter((i) => i.user_id === user.id) : [];
}

// enqueue stores an item (replacing one with the same key: a newer reply to
// the same meeting wins) and tries to send it. It resolves to true when the
// item reached the server, false when it waits.
export async function enqueue(item) {
  const full = { ...item, user_id: getSession().user.id, queued_at: new Date().toISOString() };
  try {
    await set(full.key, full, outboxStore);
  } catch {
    // Without IndexedDB the item lives in memory until sent.
  }
  items = [...items.filter((i) => i.key !== full.key), full];
  notify();
  registerSync();
  await flush();
  return !items.some((i) => i.key === full.key && !i.failed);
}

function registerSync() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready
    .then((reg) => reg.sync && reg.sync.register('trappen-outbox'))
    .catch(() => {});
}

// flush sends the signed-in user's waiting items, oldest first, one at a time;
// it resolves to 'offline' when the server could not be reached.
export function flush() {
  if (!flushing) {
    const run = () => sendAll().finally(reload);
    const locked = navigator.locks ? navigator.locks.request('trappen-outbox', run) : run();
    flushing = locked.finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

async function sendAll() {
  await reload();
  const { status } = getSession();
  if (status !== 'in') return;
  for (const item of mine()) {
    if (item.failed) continue;
    try {
      await ensureOnline();
      // Sending one twice stores it once, so a send the network keeps
      // waiting is given up on (it stays here) and tried again later.
      await patient(request(item.method, item.path, item.body));
      await del(item.key, outboxStore).catch(() => {});
      items = items.filter((i) => i.key !== item.key);
    } catch (err) {
      if (isNetworkError(err)) {
        reportOffline();
        return 'offline';
      }
      if (err.status === 401) return; // signed out; it waits for the next sign-in
      // Refused (e.g. the meeting was cancelled): keep it, marked, so the
      // citizen sees it and what they typed is not silently dropped.
      const failed = { ...item, failed: err.message || String(err.status) };
      await set(item.key, failed, outboxStore).catch(() => {});
      items = items.map((i) => (i.key === item.key ? failed : i));
    }
  }
}

// discard removes an item the server refused.
export async function discard(key) {
  await del(key, outboxStore).catch(() => {});
  items = items.filter((i) => i.key !== key);
  notify();
}

// useOutbox gives the signed-in user's items; it re-renders on changes.
export function useOutbox() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((n) => n + 1);
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, []);
  return mine();
}

// startOutbox is called once at start-up.
export function startOutbox() {
  let wasIn = false;
  onSession((s) => {
    const isIn = s.status === 'in' && !s.offline;
    if (isIn && !wasIn) flush();
    wasIn = isIn;
    notify();
  });
  whenBackOnline(async () => {
    if ((await flush()) === 'offline') throw new Error('still offline');
  });
  setBeforeLogout(flush);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'flush-outbox') flush();
    });
  }
  reload();
}
