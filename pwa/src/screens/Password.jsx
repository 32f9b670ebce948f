import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorSummary } from '../components/ErrorSummary.jsx';
import { Page } from '../components/Page.jsx';
import { TextField } from '../components/TextField.jsx';
import { useForm } from '../components/useForm.js';
import { t } from '../i18n.js';
import { homeFor } from './homes.js';

const MIN_LENGTH = 10; // models.PasswordMinLen

// Change my password, for any signed-in user. The server signs out the
// user's other devices and keeps (or renews) this one's session.
export default function Password({ user }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const form = useForm({
    current_password: t('ui.password.current'),
    new_password: t('ui.password.new'),
    new_password_repeat: t('ui.password.repeat'),
  });

  function validate() {
    const e = {};
    if (!current) e.current_password = t('ui.password.current_missing');
    if (!next) e.new_password = t('ui.password.new_missing');
    else if ([...next].length < MIN_LENGTH) e.new_password = t('ui.password.too_short', { min: MIN_LENGTH });
    else if (current && next === current) e.new_password = t('ui.password.unchanged');
    if (!repeat) e.new_password_repeat = t('ui.password.repeat_missing');
    else if (next && repeat !== next) e.new_password_repeat = t('ui.password.mismatch');
    return e;
  }

  function submit(e) {
    e.preventDefault();
    form.run(validate, async () => {
      await api.put('/me/password', { current_password: current, new_password: next });
      setDone(true);
    });
  }

  if (done) return <Done user={user} />;
  if (user.has_password === false) {
    return (
      <Page title={t('ui.password.title')}>
        <p>{t('ui.password.none')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('ui.password.title')}>
      <p>{t('ui.password.intro')}</p>
      <ErrorSummary items={form.summary} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="current_password"
          label={t('ui.password.current')}
          error={form.errors.current_password}
          value={current}
          onValue={setCurrent}
          type="password"
          autocomplete="current-password"
          required
        />
        <TextField
          id="new_password"
          label={t('ui.password.new')}
          hint={t('ui.password.new_hint', { min: MIN_LENGTH })}
          error={form.errors.new_password}
          value={next}
          onValue={setNext}
          type="password"
          autocomplete="new-password"
          required
        />
        <TextField
          id="new_password_repeat"
          label={t('ui.password.repeat')}
          error={form.errors.new_password_repeat}
          value={repeat}
          onValue={setRepeat}
          type="password"
          autocomplete="new-password"
          required
        />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={form.busy}>
            {form.busy ? t('ui.password.busy') : t('ui.password.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}

// Done confirms the change and takes focus, so it is read out at once.
function Done({ user }) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current) ref.current.focus();
  }, []);
  return (
    <Page title={t('ui.password.title')}>
      <div class="alert alert-success" role="status" tabIndex={-1} ref={ref}>
        <div class="alert-body">
          <p class="alert-heading">{t('ui.password.done_title')}</p>
          <p class="alert-text">{t('ui.password.done_text')}</p>
        </div>
      </div>
      <p class="after-form">
        <a href={homeFor(user.role)} class="link-block">
          {t('ui.password.home_link')}
        </a>
      </p>
    </Page>
  );
}
