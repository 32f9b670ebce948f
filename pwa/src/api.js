// Fetch wrapper for /api/v1. The access token lives only in memory; the
// refresh token is an HttpOnly cookie the browser sends to /auth/refresh.
import { currentLanguage, t } from './i18n.js';

const BASE = '/api/v1';

let accessToken = null;
let refreshing = null;
let onUnauthorised = () => {};

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields || {};
  }
}

export function setAccessToken(token) {
  accessToken = token || null;
}

// Called when a request stays 401 after a refresh: the session is over.
export function setUnauthorisedHandler(fn) {
  onUnauthorised = fn;
}

// WAIT_MS is how long the app waits for the server to start answering
// before it treats the connection as gone. On a bad mobile connection a
// request may neither answer nor fail for minutes ("lie-fi"); after a few
// seconds the citizen should see what the app cached, marked offline, while
// it keeps checking for the server (offline/net.js).
export const WAIT_MS = 6000;

// fetchWithin is fetch that gives up (rejects) when the server has not
// started to answer within WAIT_MS.
export function fetchWithin(url, init = {}) {
  if (typeof AbortController !== 'function') return fetch(url, init);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), WAIT_MS);
  return fetch(url, { ...init, signal: abort.signal }).finally(() => clearTimeout(timer));
}

function networkError() {
  return new ApiError(0, 'network_error', t('ui.error.network'));
}

// send makes one request. A GET that has not started to answer within
// WAIT_MS is aborted and counts as a network error; reading it again later
// is harmless. Writes are left to finish however long they take: one that
// reached the server may already have happened.
async function send(method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' };
  try {
    return await (method === 'GET' ? fetchWithin : fetch)(BASE + path, init);
  } catch {
    throw networkError();
  }
}

// patient gives promise's outcome, or a network error once it has taken
// longer than WAIT_MS; the request behind it goes on (it may be a refresh,
// which must not be abandoned half-way: a refresh token works only once).
// Every caller waiting on the same promise shares one deadline.
const waits = new WeakMap();
export function patient(promise) {
  if (!waits.has(promise)) {
    const slow = new Promise((resolve, reject) => {
      setTimeout(() => reject(networkError()), WAIT_MS);
    });
    promise.catch(() => {}); // it may settle after the wait gave up
    waits.set(promise, Promise.race([promise, slow]));
  }
  return waits.get(promise);
}

async function toError(res) {
  let err = null;
  try {
    err = (await res.json()).error;
  } catch {
    // Not our JSON error body (proxy page, empty body): use a generic text.
  }
  const fallback = res.status >= 500 ? t('ui.error.server') : t('ui.error.generic');
  return new ApiError(res.status, err?.code || `http_${res.status}`, err?.message || fallback, err?.fields);
}

async function parse(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

// The service worker may refresh too (to send the outbox in the background);
// a refresh token used twice revokes the session, so tabs and worker take
// turns under one Web Lock where the browser has them.
function withRefreshLock(fn) {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('trappen-refresh', fn);
  return fn();
}

// refresh asks for a new access token with the cookie. Concurrent callers
// share one request, because a refresh token works only once.
export function refresh() {
  if (!refreshing) {
    refreshing = withRefreshLock(async () => {
      const res = await send('POST', '/auth/refresh');
      if (!res.ok) throw await toError(res);
      const session = await parse(res);
      setAccessToken(session.access_token);
      return session;
    }).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

const NO_RETRY = ['/auth/login', '/auth/refresh', '/auth/activate', '/auth/logout'];

export async function request(method, path, body) {
  let res = await send(method, path, body);
  if (res.status === 401 && accessToken !== null && !NO_RETRY.includes(path)) {
    try {
      await refresh();
    } catch {
      setAccessToken(null);
      onUnauthorised();
      throw await toError(res);
    }
    res = await send(method, path, body);
  }
  if (!res.ok) throw await toError(res);
  return parse(res);
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path, body) => request('DELETE', path, body),
};
