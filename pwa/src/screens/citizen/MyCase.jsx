import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import { formatDay } from '../../format.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage } from './common.jsx';

// Mit forløb: where the citizen is on the way back to work, what comes next
// and when, and what each meeting is for. The dates and their states come
// from GET /api/v1/me/timeline (the law's clock, computed in Go).
export default function MyCase() {
  const home = useResource('/me/home');
  const res = useResource('/me/timeline');
  const week = home.data?.milestones?.week_of_sickness;
  const closed = home.data?.profile?.status === 'closed';
  // Only the employed have an employer at a roundtable.
  const kinds = home.data?.profile?.employment && home.data.profile.employment !== 'employed' ? ['follow_up'] : ['follow_up', 'roundtable', 'status'];
  return (
    <CitizenPage title={t('ui.citizen.case.title')} res={res}>
      <p class="font-lead">{t('ui.citizen.case.lead')}</p>
      {week > 0 && <p class="sick-week">{t('ui.citizen.case.week', { n: week })}</p>}
      {closed && <p class="alert-text">{t('ui.citizen.case.closed')}</p>}
      {res.data && <Steps items={res.data.items || []} closed={closed} onChange={res.reload} />}
      <section aria-labelledby="meet-h">
        <h2 id="meet-h">{t('ui.citizen.case.meetings_heading')}</h2>
        <dl class="case-meetings">
          {kinds.map((k) => (
            <div key={k}>
              <dt>{t(`ui.meeting.kind.${k}`)}</dt>
              <dd>{t(`ui.citizen.case.meeting.${k}`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t('ui.citizen.case.bisidder')}</p>
      </section>
    </CitizenPage>
  );
}

function Steps({ items, closed, onChange }) {
  const shown = items.filter((it) => it.status !== 'not_applicable');
  return (
    <section aria-labelledby="steps-h">
      <h2 id="steps-h">{t('ui.citizen.case.steps_heading')}</h2>
      <ol class="case-steps" id="case-steps">
        {shown.map((it) => (
          <li key={it.key} class={`case-step is-${it.status}`}>
            <h3 class="h4">{t(`ui.citizen.case.step.${it.key}`)}</h3>
            <p>
              <strong>
                {it.status === 'done'
                  ? t('ui.citizen.case.done', { date: formatDay(it.done_on || it.due) })
                  : t(`ui.citizen.case.due_${it.status}`, { date: formatDay(it.due) })}
              </strong>
            </p>
            <p>{t(`ui.citizen.case.about.${it.key}`)}</p>
            {it.key === 'doctor_consultation' && it.status !== 'done' && !closed && <DoctorDone onChange={onChange} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

// DoctorDone lets the citizen tell that they have seen their own doctor.
function DoctorDone({ onChange }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function done() {
    setBusy(true);
    setError('');
    try {
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
      await api.post('/me/timeline/doctor_consultation', { done_on: today });
      onChange();
    } catch (err) {
      setError(err?.message || t('ui.error.generic'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" class="button button-secondary" id="doctor-done" disabled={busy} onClick={done}>
        {t('ui.citizen.case.doctor_done')}
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

const WELCOME_KEY = 'trappen.welcome.seen';

// Welcome is the short first-run introduction on I dag: what Trappen is, who
// sees what, what happens now. Dismissed once, remembered on this device.
export function Welcome() {
  const [seen, setSeen] = useState(() => {
    try {
      return localStorage.getItem(WELCOME_KEY) === '1';
    } catch {
      return false;
    }
  });
  if (seen) return null;
  function dismiss() {
    try {
      localStorage.setItem(WELCOME_KEY, '1');
    } catch {
      // Private mode: the welcome shows again next time, which is harmless.
    }
    setSeen(true);
  }
  return (
    <section class="card welcome" aria-labelledby="welcome-h" id="welcome">
      <div class="card-content">
        <h2 id="welcome-h">{t('ui.citizen.welcome.title')}</h2>
        <h3 class="h5">{t('ui.citizen.welcome.what_h')}</h3>
        <p>{t('ui.citizen.welcome.what')}</p>
        <h3 class="h5">{t('ui.citizen.welcome.who_h')}</h3>
        <p>{t('ui.citizen.welcome.who')}</p>
        <h3 class="h5">{t('ui.citizen.welcome.now_h')}</h3>
        <p>
          {t('ui.citizen.welcome.now')} <a href="/forloeb">{t('ui.citizen.case.link')}</a>
        </p>
        <button type="button" class="button button-secondary" id="welcome-dismiss" onClick={dismiss}>
          {t('ui.citizen.welcome.dismiss')}
        </button>
      </div>
    </section>
  );
}
