// A small History API router. Same-origin <a href> clicks are handled here,
// so screens use plain links.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();
let beforeNavigate = () => false;
let moved = false;

function notify() {
  moved = true;
  listeners.forEach((fn) => fn(location.pathname));
}

// takeFocusCue is true once after each in-app navigation: the new page then
// moves focus to its heading, so screen readers announce it.
export function takeFocusCue() {
  const v = moved;
  moved = false;
  return v;
}

// hook lets the service worker code turn the next navigation into a full
// page load when a new version is waiting (returns true if it did).
export function setBeforeNavigate(fn) {
  beforeNavigate = fn;
}

export function navigate(to, { replace = false } = {}) {
  if (beforeNavigate(to)) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

export function usePath() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    listeners.add(setPath);
    // A navigation between the first render and this effect (signing in
    // mounts the menus and moves on at once) would otherwise be missed.
    setPath(location.pathname);
    return () => listeners.delete(setPath);
  }, []);
  return path;
}

// match compiles '/sagsbehandler/borgere/:id' style patterns.
export function match(pattern, path) {
  if (pattern === '/') return path === '/' ? {} : null;
  const p = pattern.split('/');
  const a = path.replace(/\/+$/, '').split('/');
  if (p.length !== a.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}

function onClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest && e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.getAttribute('href').startsWith('#')) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export function startRouter() {
  addEventListener('popstate', notify);
  document.addEventListener('click', onClick);
}
