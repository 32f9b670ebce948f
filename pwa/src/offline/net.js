// Whether the server can be reached. Anything that meets a network error calls
// reportOffline(); a probe of /healthz then runs with a growing pause (and at
// once on the browser's online event). When it answers, the back-online steps
// run in order (sign in again, send the outbox) and listeners hear about it.
import { fetchWithin } from '../api.js';

let online = true;
let timer = null;
let delay = 0;
let probing = null;
const listeners = new Set();
const steps = [];

const MAX_DELAY = 15000;

export function isOnline() {
  return online;
}

// onConnectivity(fn) calls fn(online) on every change; returns an unsubscribe.
export function onConnectivity(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// whenBackOnline adds a step run when the server answers again. A step that
// throws a network error puts the app back offline.
export function whenBackOnline(step) {
  steps.push(step);
}

function emit() {
  listeners.forEach((fn) => fn(online));
}

export function reportOffline() {
  if (online) {
    online = false;
    emit();
  }
  schedule();
}

function schedule() {
  if (timer || probing) return;
  delay = Math.min(delay ? delay * 2 : 2000, MAX_DELAY);
  timer = setTimeout(probe, delay);
}

// probeNow checks at once (the online event, the app coming to the front).
export function probeNow() {
  if (online) return Promise.resolve();
  clearTimeout(timer);
  timer = null;
  delay = 0;
  return probe();
}

function probe() {
  timer = null;
  if (!probing) {
    probing = (async () => {
      try {
        // A probe the network keeps waiting counts as a failed one, or the
        // app would never look again.
        const res = await fetchWithin('/healthz', { cache: 'no-store' });
        if (!res.ok) throw new Error(`healthz ${res.status}`);
        for (const step of steps) await step();
        delay = 0;
        online = true;
        emit();
      } catch {
        online = false;
      }
    })().finally(() => {
      probing = null;
      if (!online) schedule();
    });
  }
  return probing;
}

if (typeof addEventListener === 'function') {
  addEventListener('online', () => probeNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') probeNow();
  });
}
