import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';

// "Mine oplysninger": the citizen's rights over their own data in one place —
// who has read it, a copy of all of it, and their reminder settings.
export default function MyData({ user }) {
  const [download, setDownload] = useState(null);
  const [state, setState] = useState('idle');

  async function exportData() {
    setState('busy');
    try {
      const data = await api.get('/me/export');
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      if (download) URL.revokeObjectURL(download);
      setDownload(URL.createObjectURL(blob));
      setState('ready');
    } catch {
      setState('error');
    }
  }

  return (
    <Page title={t('ui.citizen.mydata.title')}>
      <p>{t('ui.citizen.mydata.intro')}</p>
      <h2>{t('ui.citizen.mydata.who_title')}</h2>
      <p>{t('ui.citizen.mydata.who_text')}</p>
      <p>
        <a href="/adgang" class="link-block">
          {t('ui.citizen.mydata.who_link')}
        </a>
      </p>
      <h2>{t('ui.citizen.mydata.export_title')}</h2>
      <p>{t('ui.citizen.mydata.export_text')}</p>
      <p>
        <button type="button" class="button button-secondary" onClick={exportData} disabled={state === 'busy'}>
          {t('ui.citizen.mydata.export_button')}
        </button>
      </p>
      <div aria-live="polite">
        {state === 'ready' && (
          <p>
            <a href={download} download="trappen-mine-data.json" class="link-block">
              {t('ui.citizen.mydata.export_ready')}
            </a>
          </p>
        )}
        {state === 'error' && <p class="form-error-message">{t('ui.citizen.mydata.export_failed')}</p>}
      </div>
      <h2>{t('ui.citizen.sharing.title')}</h2>
      <p>
        <a href="/arbejdsgiver" class="link-block">
          {t('ui.citizen.sharing.link')}
        </a>
      </p>
      <h2>{t('ui.citizen.mydata.reminders_title')}</h2>
      <p>
        <a href="/paamindelser" class="link-block">
          {t('ui.citizen.reminders.link')}
        </a>
      </p>
      <h2>{t('ui.password.mydata_title')}</h2>
      {user.has_password === false ? (
        <p>{t('ui.password.none')}</p>
      ) : (
        <p>
          <a href="/adgangskode" class="link-block">
            {t('ui.password.link')}
          </a>
        </p>
      )}
    </Page>
  );
}
