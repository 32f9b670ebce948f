// Fast track (/fast-track): every request with its record — who changed
// what, when, from which state — and, for an acceptance, the way to take it
// back. GET /api/v1/me/fast-track.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { formatDateTime, formatDay } from '../../format.js';
import { t } from '../../i18n.js';
import { useResource } from '../../offline/resource.js';
import { isNetworkError } from '../../session.js';
import { CitizenPage } from './common.jsx';
import { Confirm, PendingRequest } from './FastTrackCard.jsx';

export default function FastTrack() {
  const res = useResource('/me/fast-track');
  const requests = (res.data && (res.data.requests || (res.data.request ? [res.data.request] : []))) || [];
  return (
    <CitizenPage title={t('ui.citizen.ft.page_title')} res={res}>
      {res.data && requests.length === 0 && <p>{t('ui.citizen.ft.none')}</p>}
      {requests.map((r) =>
        r.status === 'pending' ? (
          <PendingRequest key={r.id} request={r} onAnswered={res.reload} />
        ) : (
          <Request key={r.id} request={r} onChange={res.reload} />
        ),
      )}
      <p>
        <a href="/" class="link-block">
          {t('ui.citizen.ft.back_today')}
        </a>
      </p>
    </CitizenPage>
  );
}

function Request({ request: r, onChange }) {
  const byKey = r.requested_by === 'citizen' ? 'citizen' : 'employer';
  return (
    <section class="card ft-request" aria-labelledby={`ftr-h-${r.id}`}>
      <div class="card-content">
        <h2 id={`ftr-h-${r.id}`} class="h3">
          {t(`ui.citizen.ft.request_by.${byKey}`)}
        </h2>
        <p>{t('ui.citizen.ft.received', { when: formatDateTime(r.requested_at) })}</p>
        <p class={`ft-status ft-status-${r.status}`}>
          {t('ui.citizen.ft.status_label')} <strong>{t(`ui.citizen.ft.status.${r.status}`)}</strong>
        </p>
        {r.status === 'accepted' && (
          <p>
            <a href="/forloeb">{t('ui.citizen.ft.follow_up_on_timeline')}</a>
          </p>
        )}
        <Record events={r.events || []} id={r.id} />
        {r.status === 'accepted' && <Withdraw request={r} onDone={onChange} />}
      </div>
    </section>
  );
}

// Record lists the transitions oldest first, as they happened.
function Record({ events, id }) {
  if (!events.length) return null;
  const state = (s) => t(`ui.citizen.ft.state.${s}`);
  return (
    <>
      <h3 class="h4" id={`ftrec-${id}`}>
        {t('ui.citizen.ft.record')}
      </h3>
      <ol class="ft-record" aria-labelledby={`ftrec-${id}`}>
        {events.map((e, i) => (
          <li key={i}>
            <span class="ft-record-when">{formatDateTime(e.at)}</span>
            <span class="ft-record-who">{t(`ui.citizen.ft.actor.${e.actor}`)}</span>
            <span class="ft-record-what">
              {e.from ? t('ui.citizen.ft.event_change', { from: state(e.from), to: state(e.to) }) : t('ui.citizen.ft.event_new', { to: state(e.to) })}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

function Withdraw({ request, onDone }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const openerId = `ft-withdraw-${request.id}`;
  async function send() {
    setBusy(true);
    setError('');
    try {
      await api.post(`/me/fast-track/${request.id}/withdraw`);
      onDone();
    } catch (err) {
      setError(isNetworkError(err) ? t('ui.citizen.ft.offline') : err.message);
    } finally {
      setBusy(false);
    }
  }
  function cancel() {
    setOpen(false);
    setError('');
    requestAnimationFrame(() => document.getElementById(openerId)?.focus());
  }
  return (
    <div class="ft-withdraw">
      <h3 class="h4">{t('ui.citizen.ft.withdraw_title')}</h3>
      <p>{t('ui.citizen.ft.withdraw_text')}</p>
      {open ? (
        <Confirm
          id={`ft-confirm-${request.id}`}
          title={t('ui.citizen.ft.confirm_withdraw_title')}
          text={t('ui.citizen.ft.confirm_withdraw_text')}
          sendLabel={t('ui.citizen.ft.send_withdraw')}
          busy={busy}
          error={error}
          onSend={send}
          onCancel={cancel}
          headingLevel={4}
        />
      ) : (
        <button type="button" id={openerId} class="button button-secondary" onClick={() => setOpen(true)}>
          {t('ui.citizen.ft.withdraw')}
        </button>
      )}
    </div>
  );
}
