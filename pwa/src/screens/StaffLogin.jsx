import { Page } from '../components/Page.jsx';
import { t } from '../i18n.js';
import { startOIDC, useSignInMethods } from '../signin.js';
import { SignInError } from './Login.jsx';

// Sign-in for staff: caseworkers with the municipality's login, employers
// with theirs. An employer's first sign-in starts from the activation page,
// which carries the invite code.
export default function StaffLogin() {
  const methods = useSignInMethods();
  if (!methods) {
    return (
      <Page title={t('ui.staff_login.title')}>
        <p role="status">{t('ui.app.loading')}</p>
      </Page>
    );
  }
  const caseworker = methods.oidc.includes('caseworker');
  const employer = methods.oidc.includes('employer');
  return (
    <Page title={t('ui.staff_login.title')}>
      <SignInError />
      {caseworker && (
        <>
          <h2 class="h3">{t('ui.staff_login.caseworker_heading')}</h2>
          <p>{t('ui.staff_login.caseworker_intro')}</p>
          <div class="form-actions">
            <button type="button" id="login-caseworker" class="button button-primary" onClick={() => startOIDC('caseworker', { returnTo: '/sagsbehandler' })}>
              {t('ui.staff_login.caseworker')}
            </button>
          </div>
        </>
      )}
      {employer && (
        <>
          <h2 class="h3">{t('ui.staff_login.employer_heading')}</h2>
          <p>{t('ui.staff_login.employer_intro')}</p>
          <div class="form-actions">
            <button type="button" id="login-employer" class="button button-secondary" onClick={() => startOIDC('employer')}>
              {t('ui.staff_login.employer')}
            </button>
          </div>
        </>
      )}
      {!caseworker && !employer && <p>{t('ui.staff_login.none')}</p>}
      <p class="after-form">
        <a href="/login">{t('ui.staff_login.back')}</a>
      </p>
    </Page>
  );
}
