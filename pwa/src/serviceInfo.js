// Who runs this Trappen (GET /api/v1/service-info, anonymous): fetched once
// per page load and shared by the footer and the footer's pages.
import { useEffect, useState } from 'preact/hooks';

let info = null;
let pending = null;

function load() {
  if (!pending) {
    pending = fetch('/api/v1/service-info', { headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((v) => (info = v))
      .catch(() => {
        pending = null; // offline: try again on the next screen
        return null;
      });
  }
  return pending;
}

export function useServiceInfo() {
  const [v, setV] = useState(info);
  useEffect(() => {
    if (!info) load().then(setV);
  }, []);
  return v;
}
