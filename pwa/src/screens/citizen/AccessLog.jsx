import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Page } from '../../components/Page.jsx';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n.js';

// "Hvem har set mine oplysninger": every read of the citizen's data by a
// caseworker or an employer contact, newest first (GET /me/access-log, paged with ?before=).
export default function AccessLog() {
  const [items, setItems] = useState([]);
  const [next, setNext] = useState(null);
  const [state, setState] = useState('loading');
  const [error, setError] = useState(null);

  async function load(before) {
    setState('loading');
    try {
      const res = await api.get(`/me/access-log${before ? `?before=${before}` : ''}`);
      setItems((list) => (before ? [...list, ...res.items] : res.items));
      setNext(res.next_before || null);
      setState('ready');
    } catch (e) {
      setError(e);
      setState('error');
    }
  }
  useEffect(() => {
    load();
  }, []);

  const what = (w) => {
    const key = `ui.access.what.${w}`;
    const text = t(key);
    return text === key ? t('ui.access.what.other') : text;
  };
  return (
    <Page title={t('ui.access.title')}>
      <p>{t('ui.access.intro')}</p>
      {state === 'error' && (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{error?.message || t('ui.error.generic')}</p>
          </div>
        </div>
      )}
      {state !== 'error' && !items.length && state === 'ready' && <p>{t('ui.access.empty')}</p>}
      {items.length > 0 && (
        <ul class="nobullet-list access-log" id="access-log">
          {items.map((e) => (
            <li key={e.id}>
              <p class="access-when">{formatDateTime(e.at)}</p>
              <p>
                {t(e.reader_role === 'employer' ? 'ui.access.entry_employer' : 'ui.access.entry', {
                  name: e.reader_name || e.caseworker_name,
                  what: what(e.what),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class={state === 'loading' ? '' : 'sr-only'}>
        {state === 'loading' ? t('ui.app.loading') : ''}
      </p>
      {next && state === 'ready' && (
        <button type="button" class="button button-secondary" onClick={() => load(next)}>
          {t('ui.access.more')}
        </button>
      )}
      <p class="after-form">
        <a href="/">{t('ui.access.back')}</a>
      </p>
    </Page>
  );
}
