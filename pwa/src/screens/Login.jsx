import { useState } from 'preact/hooks';
import { AlertIcon, ErrorSummary } from '../components/ErrorSummary.jsx';
import { Page } from '../components/Page.jsx';
import { TextField } from '../components/TextField.jsx';
import { useForm } from '../components/useForm.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { login } from '../session.js';
import { forgetOIDC, signInError, startOIDC, useSignInMethods } from '../signin.js';
import { homeFor } from './homes.js';

export default function Login() {
  const methods = useSignInMethods();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm({ email: t('ui.login.email'), password: t('ui.login.password') });

  function validate() {
    const e = {};
    if (!email.trim()) e.email = t('ui.login.email_missing');
    if (!password) e.password = t('ui.login.password_missing');
    return e;
  }

  function submit(e) {
    e.preventDefault();
    form.run(validate, async () => {
      const user = await login(email.trim(), password);
      forgetOIDC();
      navigate(homeFor(user.role), { replace: true });
    });
  }

  if (!methods) {
    return (
      <Page title={t('ui.login.title')}>
        <p role="status">{t('ui.app.loading')}</p>
      </Page>
    );
  }
  const mitid = methods.oidc.includes('citizen');
  const staff = methods.oidc.includes('caseworker') || methods.oidc.includes('employer');
  return (
    <Page title={t('ui.login.title')}>
      <SignInError />
      {mitid && (
        <>
          <p>{t('ui.login.mitid_intro')}</p>
          <div class="form-actions">
            <button type="button" id="login-mitid" class="button button-primary" onClick={() => startOIDC('citizen')}>
              {t('ui.login.mitid')}
            </button>
          </div>
        </>
      )}
      {methods.password && (
        <>
          {mitid ? <h2 class="h3">{t('ui.login.password_heading')}</h2> : <p>{t('ui.login.intro')}</p>}
          <ErrorSummary items={form.summary} />
          <form onSubmit={submit} noValidate>
            <TextField
              id="email"
              label={t('ui.login.email')}
              error={form.errors.email}
              value={email}
              onValue={setEmail}
              type="email"
              autocomplete="email"
              inputMode="email"
              autoCapitalize="off"
              spellcheck={false}
              required
            />
            <TextField
              id="password"
              label={t('ui.login.password')}
              error={form.errors.password}
              value={password}
              onValue={setPassword}
              type="password"
              autocomplete="current-password"
              required
            />
            <div class="form-actions">
              <button type="submit" class={mitid ? 'button button-secondary' : 'button button-primary'} disabled={form.busy}>
                {form.busy ? t('ui.login.busy') : t('ui.login.submit')}
              </button>
            </div>
          </form>
        </>
      )}
      <ul class="after-form nobullet-list">
        <li>
          <a href="/aktiver">{t('ui.login.activate_link')}</a>
        </li>
        {staff && (
          <li>
            <a href="/login/medarbejder">{t('ui.login.staff_link')}</a>
          </li>
        )}
      </ul>
    </Page>
  );
}

// SignInError explains why a sign-in with an identity provider came back
// refused (the callback's ?error=).
export function SignInError() {
  const code = signInError();
  if (!code) return null;
  return (
    <div class="alert alert-error" role="alert">
      <AlertIcon />
      <div class="alert-body">
        <p class="alert-heading">{t(`ui.login.error.${code}.title`)}</p>
        <p class="alert-text">{t(`ui.login.error.${code}.text`)}</p>
      </div>
    </div>
  );
}
