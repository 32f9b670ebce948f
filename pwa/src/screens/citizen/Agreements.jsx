import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { formatDay } from '../../format.js';
import { t } from '../../i18n.js';
import { useResource } from '../../offline/resource.js';
import { isNetworkError } from '../../session.js';
import { CitizenPage } from './common.jsx';
import { ContactLink } from './ContactCard.jsx';

const OWNERS = ['citizen', 'employer', 'jobcenter', 'other'];

// Hvem gør hvad: every item of the roundtable's agreement, grouped by who
// does it, so the citizen knows what others have promised too. The citizen
// ticks off their own; the API answers not_yours for the others.
export default function Agreements() {
  const res = useResource('/me/agreements');
  const items = res.data?.items || [];
  const groups = OWNERS.map((owner) => ({ owner, items: items.filter((a) => a.owner === owner) })).filter((g) => g.items.length);
  return (
    <CitizenPage title={t('ui.agree.title')} res={res}>
      <p>{t('ui.agree.intro')}</p>
      {res.data && !groups.length && <p>{t('ui.agree.none')}</p>}
      {groups.map((g) => (
        <section key={g.owner} aria-labelledby={`ag-${g.owner}`}>
          <h2 id={`ag-${g.owner}`}>{t(`ui.agree.owner_you.${g.owner}`)}</h2>
          <ul class="nobullet-list agree-list">
            {g.items.map((a) => (
              <li key={a.id} class="agree-item">
                {a.owner === 'citizen' ? <OwnItem a={a} onChange={res.reload} /> : <OtherItem a={a} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        {t('ui.agree.questions')} <ContactLink />
      </p>
    </CitizenPage>
  );
}

function Due({ a }) {
  return (
    <>
      {a.due_date && <span class="agree-due">{t('ui.agree.due', { date: formatDay(a.due_date) })}</span>}
      {a.overdue && <strong class="agree-state agree-overdue"> · {t('ui.agree.overdue')}</strong>}
    </>
  );
}

function OtherItem({ a }) {
  return (
    <p>
      <span class={a.status === 'done' ? 'agree-text is-done' : 'agree-text'}>{a.text}</span>
      <br />
      <Due a={a} />
      {a.status === 'done' && <strong class="agree-state"> {t('ui.agree.done')}</strong>}
    </p>
  );
}

// OwnItem: a checkbox the citizen ticks when it is done (and can untick).
function OwnItem({ a, onChange }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const id = `ag-item-${a.id}`;
  async function toggle(e) {
    const done = e.currentTarget.checked;
    setBusy(true);
    setError('');
    try {
      await api.patch(`/me/agreements/${a.id}`, { status: done ? 'done' : 'open' });
      onChange();
    } catch (err) {
      setError(isNetworkError(err) ? t('ui.agree.offline') : err.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <div class="form-group-checkbox">
        <input class="form-checkbox" type="checkbox" id={id} checked={a.status === 'done'} disabled={busy} onChange={toggle} aria-describedby={`${id}-due`} />
        <label class="form-label" for={id}>
          {a.text}
        </label>
        <span class="form-hint" id={`${id}-due`}>
          <Due a={a} />
          {!a.due_date && !a.overdue && t('ui.agree.no_due')}
        </span>
      </div>
      {error && (
        <p class="form-error-message" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
