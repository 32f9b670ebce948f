import { useState } from 'preact/hooks';
import { CitizenNav } from './components/CitizenNav.jsx';
import { EmployerNav } from './components/EmployerNav.jsx';
import { Footer } from './components/Footer.jsx';
import { t } from './i18n.js';
import { navigate } from './router.js';
import { homeFor } from './screens/homes.js';
import { changeLanguage, logout, useSession } from './session.js';
import { providerLogoutURL } from './signin.js';

export function Layout({ children }) {
  const { user } = useSession();
  return (
    <>
      <a class="skipnav" href="#main">
        {t('ui.skip_to_content')}
      </a>
      <header class="header">
        <div class="solution-info">
          <div class="container solution-info-inner">
            <div class="solution-heading">
              <a href={user ? homeFor(user.role) : '/login'}>Trappen</a>
            </div>
          </div>
        </div>
        {user && <SignedInBar user={user} />}
        {user && user.role === 'employer' && <EmployerNav />}
      </header>
      <main id="main" tabIndex={-1} class="container page">
        {children}
      </main>
      <Footer />
      {user && user.role === 'citizen' && <CitizenNav />}
    </>
  );
}

// LanguageSwitch offers the other language, named in that language.
function LanguageSwitch({ user }) {
  const [busy, setBusy] = useState(false);
  const other = user.locale === 'en' ? 'da' : 'en';
  async function onSwitch() {
    setBusy(true);
    try {
      await changeLanguage(other);
    } catch {
      // Offline or refused: the language stays as it was.
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" class="language-switch" lang={other} onClick={onSwitch} disabled={busy}>
      {t(`ui.language.${other}`)}
    </button>
  );
}

function SignedInBar({ user }) {
  const [busy, setBusy] = useState(false);
  async function onLogout() {
    setBusy(true);
    try {
      await logout();
    } finally {
      setBusy(false);
      // Signed in with MitID or the municipality's login: end that session too.
      const provider = providerLogoutURL();
      if (provider && navigator.onLine !== false) location.assign(provider);
      else navigate('/login', { replace: true });
    }
  }
  return (
    <div class="signed-in-bar">
      <div class="container signed-in-bar-inner">
        <p class="signed-in-user">
          <span class="sr-only">{t('ui.signed_in_as')} </span>
          <strong>{user.name}</strong>
          <span class="signed-in-role">{t(`ui.role.${user.role}`)}</span>
        </p>
        <div class="signed-in-actions">
          {/* Citizens find it under "Mine oplysninger", keeping their bar short. */}
          {user.role === 'caseworker' && (
            <>
              <a href="/sagsbehandler/kontakt" class="bar-link">
                {t('ui.contact_link')}
              </a>
              {user.has_password !== false && (
                <a href="/adgangskode" class="bar-link">
                  {t('ui.password.link_short')}
                </a>
              )}
            </>
          )}
          <LanguageSwitch user={user} />
          <button type="button" class="button button-secondary sign-out" onClick={onLogout} disabled={busy}>
            {t('ui.logout')}
          </button>
        </div>
      </div>
    </div>
  );
}
