// Min arbejdsgiver (/arbejdsgiver): the citizen decides what their employer
// contact sees. Each part is off until the citizen turns it on; what is
// never shared is said plainly (GET/PUT /me/employer-sharing).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import { CitizenPage } from './common.jsx';

const PARTS = ['plan', 'meetings', 'agreements', 'placements'];

export default function EmployerSharing() {
  const [data, setData] = useState(null);
  const [choice, setChoice] = useState({});
  const [msg, setMsg] = useState(null);

  useEffect(() => {
    api
      .get('/me/employer-sharing')
      .then((d) => {
        setData(d);
        setChoice({ plan: d.plan, meetings: d.meetings, agreements: d.agreements, placements: d.placements });
      })
      .catch((e) => setMsg({ kind: 'error', text: e.message || t('ui.error.generic') }));
  }, []);

  async function save(ev) {
    ev.preventDefault();
    try {
      setData(await api.put('/me/employer-sharing', choice));
      setMsg({ kind: 'success', text: t('ui.citizen.sharing.saved') });
    } catch (e) {
      setMsg({ kind: 'error', text: e.message || t('ui.error.generic') });
    }
  }

  return (
    <CitizenPage title={t('ui.citizen.sharing.title')}>
      {data && data.contacts.length === 0 && <p>{t('ui.citizen.sharing.no_contact')}</p>}
      {data && data.contacts.length > 0 && (
        <p>
          {t('ui.citizen.sharing.who', { names: data.contacts.map((c) => `${c.name} (${c.email})`).join(', ') })}
        </p>
      )}
      <p>{t('ui.citizen.sharing.never')}</p>
      {data && (
        <form onSubmit={save}>
          <fieldset>
            <legend>{t('ui.citizen.sharing.legend')}</legend>
            {PARTS.map((p) => (
              <div class="form-group form-group-checkbox" key={p}>
                <input
                  type="checkbox"
                  class="form-checkbox"
                  id={`share-${p}`}
                  checked={!!choice[p]}
                  onChange={(e) => setChoice({ ...choice, [p]: e.currentTarget.checked })}
                />
                <label class="form-label" for={`share-${p}`}>
                  {t(`ui.citizen.sharing.part.${p}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button button-primary">
            {t('ui.citizen.sharing.save')}
          </button>
        </form>
      )}
      <div role="status">
        {msg && (
          <div class={`alert alert-${msg.kind}`}>
            <div class="alert-body">
              <p class="alert-text">{msg.text}</p>
            </div>
          </div>
        )}
      </div>
    </CitizenPage>
  );
}
