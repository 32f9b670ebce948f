import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/ErrorSummary.jsx';
import { Page } from '../components/Page.jsx';
import { TextField } from '../components/TextField.jsx';
import { useForm } from '../components/useForm.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { activate } from '../session.js';
import { forgetOIDC, startOIDC, useSignInMethods } from '../signin.js';
import { homeFor } from './homes.js';

// First sign-in: the invite code from the jobcentre, then MitID (when the
// municipality has it) or a new password. MitID carries the code through the
// provider and back, and links the person's MitID to the invited account.
export default function Activate() {
  const methods = useSignInMethods();
  // The caseworker's link and QR code carry the code as ?kode=…
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('kode') || '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const form = useForm({
    invite_code: t('ui.activate.code'),
    password: t('ui.activate.password'),
    password_repeat: t('ui.activate.password_repeat'),
  });

  function codeMissing() {
    return code.trim() ? {} : { invite_code: t('ui.activate.code_missing') };
  }

  function validate() {
    const e = codeMissing();
    if (!password) e.password = t('ui.activate.password_missing');
    if (!repeat) e.password_repeat = t('ui.activate.repeat_missing');
    else if (password && repeat !== password) e.password_repeat = t('ui.activate.mismatch');
    return e;
  }

  function submit(e) {
    e.preventDefault();
    form.run(validate, async () => {
      const user = await activate(code.trim(), password);
      forgetOIDC();
      navigate(homeFor(user.role), { replace: true });
    });
  }

  function withProvider(audience) {
    form.run(codeMissing, async () => startOIDC(audience, { inviteCode: code.trim() }));
  }

  if (!methods) {
    return (
      <Page title={t('ui.activate.title')}>
        <p role="status">{t('ui.app.loading')}</p>
      </Page>
    );
  }
  const mitid = methods.oidc.includes('citizen');
  const employer = methods.oidc.includes('employer');
  const codeField = (
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
  );
  return (
    <Page title={t('ui.activate.title')}>
      <p>{t(mitid ? 'ui.activate.intro_mitid' : 'ui.activate.intro')}</p>
      <ErrorSummary items={form.summary} />
      <form onSubmit={submit} noValidate>
        {codeField}
        {mitid && (
          <div class="form-actions">
            <button type="button" id="activate-mitid" class="button button-primary" onClick={() => withProvider('citizen')}>
              {t('ui.activate.mitid')}
            </button>
          </div>
        )}
        {employer && (
          <p>
            <button type="button" id="activate-employer" class="button button-tertiary" onClick={() => withProvider('employer')}>
              {t('ui.activate.employer')}
            </button>
          </p>
        )}
        {methods.password && (
          <>
            {mitid && <h2 class="h3">{t('ui.activate.password_heading')}</h2>}
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
              <button type="submit" class={mitid ? 'button button-secondary' : 'button button-primary'} disabled={form.busy}>
                {form.busy ? t('ui.activate.busy') : t('ui.activate.submit')}
              </button>
            </div>
          </>
        )}
      </form>
      <p class="after-form">
        <a href="/login">{t('ui.activate.login_link')}</a>
      </p>
    </Page>
  );
}
