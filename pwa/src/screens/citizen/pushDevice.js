// This device's Web Push subscription. Permission is asked only from
// turnOn, which runs when the citizen presses the button — never on load.
import { api } from '../../api.js';

// support: 'unsupported', or the notification permission ('default',
// 'granted', 'denied').
export function pushSupport() {
  if (typeof window === 'undefined' || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

async function registration() {
  const ready = navigator.serviceWorker.ready;
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no service worker')), 10000));
  return Promise.race([ready, timeout]);
}

// currentEndpoint is this device's subscription endpoint, or null.
export async function currentEndpoint() {
  if (pushSupport() === 'unsupported') return null;
  const reg = await navigator.serviceWorker.getRegistration('/');
  if (!reg) return null;
  const sub = await reg.pushManager.getSubscription();
  return sub ? sub.endpoint : null;
}

function fromBase64url(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function sameKey(a, b) {
  if (!a) return true; // unknown: keep the subscription
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

// turnOn asks for permission (call it straight from the click, before any
// await, so browsers see the citizen's gesture), subscribes and tells the
// server. Returns 'granted', 'denied' or 'default' (dismissed).
export async function turnOn() {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission;
  const reg = await registration();
  const { key } = await api.get('/push/public-key');
  const serverKey = fromBase64url(key);
  let sub = await reg.pushManager.getSubscription();
  if (sub && !sameKey(sub.options && sub.options.applicationServerKey, serverKey)) {
    await sub.unsubscribe();
    sub = null;
  }
  if (!sub) sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
  const { endpoint, keys } = sub.toJSON();
  await api.post('/me/push-subscriptions', { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
  return 'granted';
}

// turnOff removes a device: first on the server (so nothing more is sent),
// then, for this device, in the browser too.
export async function turnOff(endpoint) {
  await api.del('/me/push-subscriptions', { endpoint });
  try {
    const reg = await navigator.serviceWorker.getRegistration('/');
    const sub = reg && (await reg.pushManager.getSubscription());
    if (sub && sub.endpoint === endpoint) await sub.unsubscribe();
  } catch {
    // The server no longer sends to it; a stale browser subscription is harmless.
  }
}

// serviceOf names the push service behind an endpoint, for the device list.
export function serviceOf(endpoint) {
  let host = '';
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return 'other';
  }
  if (host.endsWith('googleapis.com')) return 'google';
  if (host.endsWith('apple.com')) return 'apple';
  if (host.endsWith('mozilla.com')) return 'mozilla';
  if (host.endsWith('windows.com')) return 'windows';
  return 'other';
}
