// How people can sign in (issue 11): the server says which methods are on,
// the sign-in pages offer them. Signing in with an identity provider is a
// full-page trip: /api/v1/auth/oidc/{audience}/start → the provider → the
// callback, which sets the refresh cookie and sends the browser back; the
// app then picks the session up with POST /auth/refresh as on any start.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

let methods = null;

// The default while the server has not answered (or cannot be reached):
// the password form, as before identity providers existed.
const FALLBACK = { password: true, oidc: [] };

export function useSignInMethods() {
  const [m, setM] = useState(methods);
  useEffect(() => {
    if (methods) return;
    let live = true;
    api
      .get('/auth/methods')
      .then((res) => {
        methods = { password: res.password !== false, oidc: Array.isArray(res.oidc) ? res.oidc : [] };
        if (live) setM(methods);
      })
      .catch(() => live && setM(FALLBACK));
    return () => {
      live = false;
    };
  }, []);
  return m;
}

const MARK = 'trappen-oidc-audience';

// oidcStartURL is where a sign-in button goes. returnTo must be a path of the
// app; the server also refuses anything else.
export function oidcStartURL(audience, { returnTo = '/', inviteCode = '' } = {}) {
  const q = new URLSearchParams({ return_to: returnTo });
  if (inviteCode) q.set('invite_code', inviteCode);
  return `/api/v1/auth/oidc/${encodeURIComponent(audience)}/start?${q}`;
}

// startOIDC remembers the audience (so that logging out can end the
// provider's session too) and leaves for the provider.
export function startOIDC(audience, opts) {
  try {
    localStorage.setItem(MARK, audience);
  } catch {
    // Private mode without storage: logging out then ends only Trappen's session.
  }
  location.assign(oidcStartURL(audience, opts));
}

// forgetOIDC is called after a password sign-in.
export function forgetOIDC() {
  try {
    localStorage.removeItem(MARK);
  } catch {
    // Nothing to forget.
  }
}

// providerLogoutURL is where to go after logging out to end the provider's
// session too, or null when the user did not sign in with one.
export function providerLogoutURL() {
  let audience = null;
  try {
    audience = localStorage.getItem(MARK);
    localStorage.removeItem(MARK);
  } catch {
    return null;
  }
  return audience ? `/api/v1/auth/oidc/${encodeURIComponent(audience)}/logout` : null;
}

// The ?error= codes the callback sends to /login with.
const ERRORS = ['not_registered', 'not_allowed', 'oidc_failed'];

export function signInError() {
  const code = new URLSearchParams(location.search).get('error');
  return ERRORS.includes(code) ? code : null;
}
