// Registers the service worker. A new version waits until the user moves to
// another screen; that navigation becomes a full page load on the new version,
// so nobody loses what they are typing.
import { setBeforeNavigate } from './router.js';

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  addEventListener('load', async () => {
    let reg;
    try {
      reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    } catch {
      return; // No offline support, the app still works.
    }
    setBeforeNavigate((to) => {
      if (!reg.waiting || !navigator.serviceWorker.controller) return false;
      reg.waiting.postMessage({ type: 'skip-waiting' });
      location.assign(to);
      return true;
    });
  });
}
