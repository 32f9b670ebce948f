// Who is signed in. Screens read it with useSession(); auth calls change it.
import { useEffect, useState } from 'preact/hooks';
import { api, refresh, setAccessToken, setUnauthorisedHandler } from './api.js';
import { browserLanguage, setLanguage } from './i18n.js';

// status: 'loading' until the start-up refresh answers, then 'in' or 'out'.
let state = { status: 'loading', user: null };
const listeners = new Set();

function set(next) {
  state = next;
  listeners.forEach((fn) => fn(state));
}

export function getSession() {
  return state;
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

async function signedIn(session) {
  setAccessToken(session.access_token);
  await setLanguage(session.user.locale).catch(() => {});
  set({ status: 'in', user: session.user });
  return session.user;
}

async function signedOut() {
  setAccessToken(null);
  await setLanguage(browserLanguage()).catch(() => {});
  set({ status: 'out', user: null });
}

setUnauthorisedHandler(() => {
  signedOut();
});

// restore is called once at start-up: the refresh cookie may still be valid.
export async function restore() {
  try {
    await signedIn(await refresh());
  } catch {
    await signedOut();
  }
}

export async function login(email, password) {
  return signedIn(await api.post('/auth/login', { email, password }));
}

export async function activate(inviteCode, password) {
  return signedIn(await api.post('/auth/activate', { invite_code: inviteCode, password }));
}

export async function logout() {
  try {
    await api.post('/auth/logout');
  } finally {
    await signedOut();
  }
}
