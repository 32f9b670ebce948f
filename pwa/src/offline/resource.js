// useResource reads a GET endpoint network-first and keeps the answer in
// IndexedDB per user; when the server cannot be reached it gives the cached
// copy, marked offline with the time it was fetched.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ensureOnline, isNetworkError, useSession } from '../session.js';
import { responseCache } from './db.js';
import { isOnline, onConnectivity, probeNow, reportOffline } from './net.js';

// state: { data, at (ISO time fetched), offline, error, loading }
export function useResource(path) {
  const { user } = useSession();
  const uid = user && user.id;
  const [state, setState] = useState({ data: undefined, at: null, offline: false, error: null, loading: true });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!uid || !path) return undefined;
    let live = true;
    (async () => {
      const cached = await responseCache.get(uid, path);
      if (live && cached) setState((s) => (s.data === undefined ? { ...s, data: cached.body, at: cached.at } : s));
      try {
        await ensureOnline();
        const body = await api.get(path);
        if (!live) return;
        responseCache.set(uid, path, body);
        setState({ data: body, at: new Date().toISOString(), offline: false, error: null, loading: false });
        if (!isOnline()) probeNow();
      } catch (err) {
        if (!live) return;
        if (isNetworkError(err)) {
          reportOffline();
          setState({ data: cached && cached.body, at: cached && cached.at, offline: true, error: cached ? null : err, loading: false });
        } else {
          setState((s) => ({ ...s, error: err, loading: false }));
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [uid, path, tick]);

  // Back online: fetch fresh data.
  useEffect(() => onConnectivity((on) => on && setTick((n) => n + 1)), []);

  return { ...state, reload: () => setTick((n) => n + 1) };
}
