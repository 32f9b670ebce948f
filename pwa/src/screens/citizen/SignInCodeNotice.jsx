import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import { formatDateTime } from '../../format.js';

// SignInCodeNotice tells the citizen that their caseworker made a new
// sign-in code for their account, and lets them remove it. The API decides
// when there is one (home.sign_in_code); this only shows it.
export default function SignInCodeNotice({ code, onRemoved }) {
  const [state, setState] = useState('idle');
  if (state === 'removed') {
    return (
      <div class="alert alert-success" role="status">
        <div class="alert-body">
          <p class="alert-text">{t('ui.signin_code.removed')}</p>
        </div>
      </div>
    );
  }
  if (!code) return null;
  async function remove() {
    setState('busy');
    try {
      await api.del('/me/sign-in-code');
      setState('removed');
      if (onRemoved) onRemoved();
    } catch {
      setState('error');
    }
  }
  return (
    <section class="alert alert-warning" aria-labelledby="signin-code-h">
      <div class="alert-body">
        <h2 id="signin-code-h" class="alert-heading">
          {t('ui.signin_code.title')}
        </h2>
        <p class="alert-text">
          {t('ui.signin_code.text', { name: code.caseworker_name, date: formatDateTime(code.issued_at) })}
        </p>
        {state === 'error' && (
          <p class="alert-text" role="alert">
            {t('ui.error.generic')}
          </p>
        )}
        <p>
          <button type="button" class="button button-secondary" onClick={remove} disabled={state === 'busy'}>
            {t('ui.signin_code.remove')}
          </button>
        </p>
      </div>
    </section>
  );
}
