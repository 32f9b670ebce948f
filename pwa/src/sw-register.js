// Registers the service worker. A new version waits until the user moves to
// another screen; that navigation becomes a full page load on the new version,
// so nobody loses what they are typing.
import { navigate, setBeforeNavigate } from './router.js';

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  // A tapped notification (sw-push.js) asks the open window to show its screen.
  navigator.serviceWorker.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || msg.type !== 'open' || typeof msg.url !== 'string' || !msg.url.startsWith('/') || msg.url.startsWith('//')) return;
    if (event.ports[0]) event.ports[0].postMessage('ok');
    navigate(msg.url);
  });
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
