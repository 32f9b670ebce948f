// Sign-out on a shared device: nothing of the session may stay behind. The
// IndexedDB stores are cleared by offline/db.js clearAll(); this clears the
// rest: session storage and every Cache Storage cache except the app shell
// (which holds no personal data).
export async function clearDeviceData() {
  try {
    sessionStorage.clear();
  } catch {
    // Storage can be disabled; then there is nothing to clear.
  }
  if (typeof caches === 'undefined') return;
  try {
    for (const name of await caches.keys()) {
      if (!name.startsWith('trappen-shell-')) await caches.delete(name);
    }
  } catch {
    // Cache Storage unavailable (e.g. insecure context): nothing stored there.
  }
}
