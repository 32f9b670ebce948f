import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/ErrorSummary.jsx';
import { Page } from '../components/Page.jsx';
import { TextField } from '../components/TextField.jsx';
import { useForm } from '../components/useForm.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { login } from '../session.js';
import { homeFor } from './homes.js';

export default function Login() {
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
      navigate(homeFor(user.role), { replace: true });
    });
  }

  return (
    <Page title={t('ui.login.title')}>
      <p>{t('ui.login.intro')}</p>
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
          <button type="submit" class="button button-primary" disabled={form.busy}>
            {form.busy ? t('ui.login.busy') : t('ui.login.submit')}
          </button>
        </div>
      </form>
      <p class="after-form">
        <a href="/aktiver">{t('ui.login.activate_link')}</a>
      </p>
    </Page>
  );
}
