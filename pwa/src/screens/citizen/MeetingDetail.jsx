import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { formatDateTime } from '../../format.js';
import { enqueue, useOutbox } from '../../offline/outbox.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage, meetingKind, pendingFor } from './common.jsx';
import { ContactCard } from './ContactCard.jsx';
import { Reflection } from './Reflection.jsx';

// One meeting: time, place, who and what; the reply; and before a roundtable
// the three empowerment questions, private until the citizen shares them.
// Read from GET /me/meetings (one cached answer serves list and detail).
export default function MeetingDetail({ params, focus }) {
  const res = useResource('/me/meetings');
  const lists = res.data;
  const all = lists ? [...(lists.upcoming || []), ...(lists.past || []), ...(lists.cancelled || [])] : [];
  const m = all.find((x) => x.id === params.id);
  const title = m ? meetingKind(m.kind) : t('ui.citizen.meetings.meeting');
  // Links from I dag point at #svar or #refleksion, the preparation push at
  // /moeder/{id}/forberedelse: go there once it exists.
  useEffect(() => {
    const id = focus || (location.hash && location.hash.slice(1));
    const target = m && id && document.getElementById(id);
    if (target) {
      target.scrollIntoView();
      target.focus({ preventScroll: true });
    }
  }, [!!m]);
  return (
    <CitizenPage title={title} res={res}>
      {lists && !m && <p>{t('ui.citizen.meetings.not_found')}</p>}
      {m && <Meeting m={m} upcoming={(lists.upcoming || []).includes(m)} />}
      {m && <ContactCard />}
      <p>
        <a href="/moeder" class="link-block">
          {t('ui.citizen.meetings.back')}
        </a>
      </p>
    </CitizenPage>
  );
}

// MeetingPreparation is the meeting opened at its three questions: where the
// push "Forbered dig til mødet" leads (/moeder/{id}/forberedelse).
export function MeetingPreparation(props) {
  return <MeetingDetail {...props} focus="refleksion" />;
}

function Meeting({ m, upcoming }) {
  const cancelled = m.status === 'cancelled';
  return (
    <>
      {cancelled && (
        <div class="alert alert-warning">
          <div class="alert-body">
            <p class="alert-text">{t('ui.citizen.meetings.is_cancelled')}</p>
          </div>
        </div>
      )}
      {m.moved_at && !cancelled && <p class="meeting-moved">{t('ui.citizen.meetings.moved')}</p>}
      <dl class="meeting-facts">
        <dt>{t('ui.citizen.meetings.when')}</dt>
        <dd>{formatDateTime(m.starts_at)}</dd>
        <dt>{t('ui.citizen.meetings.where')}</dt>
        <dd>{m.location}</dd>
        {(m.participants || []).length > 0 && (
          <>
            <dt>{t('ui.citizen.meetings.who')}</dt>
            <dd>{m.participants.join(', ')}</dd>
          </>
        )}
        {m.agenda && (
          <>
            <dt>{t('ui.citizen.meetings.agenda')}</dt>
            <dd class="pre-line">{m.agenda}</dd>
          </>
        )}
      </dl>
      {upcoming && !cancelled && <Reply m={m} />}
      {m.reflection_wanted && !cancelled && (upcoming || m.reflection) && <Reflection m={m} />}
    </>
  );
}

const RESPONSES = ['attending', 'another_time', 'cannot_come'];

function SavedStatus({ state }) {
  return (
    <p role="status" class="form-status">
      {state === 'sent' && t('ui.citizen.saved_sent')}
      {state === 'waiting' && t('ui.citizen.saved_waiting')}
    </p>
  );
}

function Reply({ m }) {
  const outbox = useOutbox();
  const pending = pendingFor(outbox, 'reply', m.id);
  const given = pending ? pending.body : m.reply;
  const [response, setResponse] = useState(given ? given.response : '');
  const [reason, setReason] = useState(given ? given.reason || '' : '');
  const [state, setState] = useState(null);

  async function submit(e) {
    e.preventDefault();
    if (!response) return setState('error');
    const body = { response, reason: response === 'attending' ? '' : reason.trim() };
    const sent = await enqueue({ key: `reply:${m.id}`, kind: 'reply', meeting_id: m.id, method: 'PUT', path: `/me/meetings/${m.id}/reply`, body });
    setState(sent ? 'sent' : 'waiting');
  }

  return (
    <section aria-labelledby="svar" class="meeting-reply">
      <h2 id="svar" tabIndex={-1}>
        {t('ui.citizen.meetings.reply')}
      </h2>
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={state === 'error' ? 'response-error' : undefined}>
          <legend class="form-label">{t('ui.citizen.meetings.reply_question')}</legend>
          {state === 'error' && (
            <span class="form-error-message" id="response-error">
              {t('ui.citizen.meetings.reply_missing')}
            </span>
          )}
          {RESPONSES.map((r) => (
            <div class="form-group-radio" key={r}>
              <input type="radio" class="form-radio" id={`response-${r}`} name="response" value={r} checked={response === r} onChange={() => setResponse(r)} />
              <label class="form-label" for={`response-${r}`}>
                {t(`ui.citizen.meetings.response.${r}`)}
              </label>
            </div>
          ))}
        </fieldset>
        {response && response !== 'attending' && (
          <div class="form-group">
            <label class="form-label" for="reply-reason">
              {t('ui.citizen.meetings.reason')}
            </label>
            <span class="form-hint" id="reply-reason-hint">
              {t('ui.citizen.meetings.reason_hint', { left: 300 - reason.length })}
            </span>
            <textarea class="form-input" id="reply-reason" rows={3} maxLength={300} aria-describedby="reply-reason-hint" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t('ui.citizen.meetings.reply_submit')}
          </button>
        </div>
        <SavedStatus state={state} />
      </form>
    </section>
  );
}
