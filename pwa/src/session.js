// Who is signed in. Screens read it with useSession(); auth calls change it.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, patient, refresh, setAccessToken, setUnauthorisedHandler } from './api.js';
import { browserLanguage, setLanguage } from './i18n.js';
import { clearAll, lastUser, logoutPending } from './offline/db.js';
import { clearDeviceData } from './privacy.js';
import { reportOffline, whenBackOnline } from './offline/net.js';

// status: 'loading' until the start-up refresh answers, then 'in' or 'out'.
// offline: signed in as the last user of this device because the server
// could not be reached at start-up; there is no access token until
// reconnect() succeeds, so screens show what they cached.
let state = { status: 'loading', user: null, offline: false };
const listeners = new Set();

function set(next) {
  state = next;
  listeners.forEach((fn) => fn(state));
}

export function getSession() {
  return state;
}

// onSession(fn) calls fn(state) on every change; returns an unsubscribe.
export function onSession(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useSession() {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => listeners.delete(setS);
  }, []);
  return s;
}

// isNetworkError tells "the server could not be reached" (no connection, or a
// proxy saying the server is down) from an answer such as 401.
export function isNetworkError(err) {
  return err instanceof ApiError && [0, 502, 503, 504].includes(err.status);
}

async function signedIn(session) {
  setAccessToken(session.access_token);
  await setLanguage(session.user.locale).catch(() => {});
  // Only citizens open offline as the last user; a caseworker's desk may be shared.
  if (session.user.role === 'citizen') await lastUser.set(session.user);
  else await lastUser.clear();
  set({ status: 'in', user: session.user, offline: false });
  return session.user;
}

async function signedOut() {
  setAccessToken(null);
  await setLanguage(browserLanguage()).catch(() => {});
  set({ status: 'out', user: null, offline: false });
}

// The session has ended on the server (refresh refused): this device no longer
// opens offline as that user. Cached data and the outbox stay, keyed by user,
// so nothing typed is lost and nobody else is shown it.
setUnauthorisedHandler(async () => {
  await lastUser.clear();
  signedOut();
});

// restore is called once at start-up: the refresh cookie may still be valid.
// Without a connection the app opens as the last user, on cached data; so it
// does when the server keeps the last user waiting longer than WAIT_MS.
export async function restore() {
  if (await logoutPending.get()) {
    await finishLogout();
    return signedOut();
  }
  const last = await lastUser.get();
  try {
    await signedIn(await (last ? patient(refresh()) : refresh()));
  } catch (err) {
    const user = isNetworkError(err) ? last : undefined;
    if (user) {
      await setLanguage(user.locale).catch(() => {});
      set({ status: 'in', user, offline: true });
      reportOffline();
      return;
    }
    if (!isNetworkError(err)) await lastUser.clear();
    await signedOut();
  }
}

let reconnecting = null;

// ensureOnline gets an access token when the app started offline. It throws
// the network error while the server is still out of reach; when the server
// refuses the session the user is signed out.
export function ensureOnline() {
  if (!(state.status === 'in' && state.offline)) return Promise.resolve();
  if (!reconnecting) {
    reconnecting = (async () => {
      try {
        await signedIn(await patient(refresh()));
      } catch (err) {
        if (isNetworkError(err)) throw err;
        await lastUser.clear();
        await signedOut();
      }
    })().finally(() => {
      reconnecting = null;
    });
  }
  return reconnecting;
}

whenBackOnline(ensureOnline);

export async function login(email, password) {
  return signedIn(await api.post('/auth/login', { email, password }));
}

export async function activate(inviteCode, password) {
  return signedIn(await api.post('/auth/activate', { invite_code: inviteCode, password }));
}

// changeLanguage saves the user's own language on the server (push messages
// follow it too) and switches the app to it.
export async function changeLanguage(locale) {
  const user = await api.patch('/me', { locale });
  await setLanguage(user.locale).catch(() => {});
  const next = { ...state.user, locale: user.locale };
  if (next.role === 'citizen') await lastUser.set(next);
  set({ ...state, user: next });
  return next;
}

// beforeLogout lets the outbox try to send what waits before it is cleared.
let beforeLogout = async () => {};
export function setBeforeLogout(fn) {
  beforeLogout = fn;
}

// logout forgets everything this device stored for the user. Offline, the
// server is told at the next start, so the refresh cookie cannot sign the
// user in again.
export async function logout() {
  try {
    await beforeLogout().catch(() => {});
    await finishLogout(true);
  } finally {
    await clearAll();
    await clearDeviceData();
    await signedOut();
  }
}

async function finishLogout(first) {
  try {
    await api.post('/auth/logout');
    await logoutPending.clear();
  } catch (err) {
    if (first && isNetworkError(err)) await logoutPending.set();
  }
}
