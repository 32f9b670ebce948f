import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/ErrorSummary.jsx';
import { Page } from '../components/Page.jsx';
import { TextField } from '../components/TextField.jsx';
import { useForm } from '../components/useForm.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { activate } from '../session.js';
import { homeFor } from './homes.js';

// First sign-in for a citizen: the invite code from the jobcentre and a new password.
export default function Activate() {
  // The caseworker's link and QR code carry the code as ?kode=…
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('kode') || '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const form = useForm({
    invite_code: t('ui.activate.code'),
    password: t('ui.activate.password'),
    password_repeat: t('ui.activate.password_repeat'),
  });

  function validate() {
    const e = {};
    if (!code.trim()) e.invite_code = t('ui.activate.code_missing');
    if (!password) e.password = t('ui.activate.password_missing');
    if (!repeat) e.password_repeat = t('ui.activate.repeat_missing');
    else if (password && repeat !== password) e.password_repeat = t('ui.activate.mismatch');
    return e;
  }

  function submit(e) {
    e.preventDefault();
    form.run(validate, async () => {
      const user = await activate(code.trim(), password);
      navigate(homeFor(user.role), { replace: true });
    });
  }

  return (
    <Page title={t('ui.activate.title')}>
      <p>{t('ui.activate.intro')}</p>
      <ErrorSummary items={form.summary} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="invite_code"
          label={t('ui.activate.code')}
          hint={t('ui.activate.code_hint')}
          error={form.errors.invite_code}
          value={code}
          onValue={setCode}
          autocomplete="one-time-code"
          autoCapitalize="off"
          spellcheck={false}
          required
        />
        <TextField
          id="password"
          label={t('ui.activate.password')}
          error={form.errors.password}
          value={password}
          onValue={setPassword}
          type="password"
          autocomplete="new-password"
          required
        />
        <TextField
          id="password_repeat"
          label={t('ui.activate.password_repeat')}
          error={form.errors.password_repeat}
          value={repeat}
          onValue={setRepeat}
          type="password"
          autocomplete="new-password"
          required
        />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={form.busy}>
            {form.busy ? t('ui.activate.busy') : t('ui.activate.submit')}
          </button>
        </div>
      </form>
      <p class="after-form">
        <a href="/login">{t('ui.activate.login_link')}</a>
      </p>
    </Page>
  );
}
