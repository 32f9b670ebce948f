import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { Field, Select, Status, TextArea, useFormState } from './fields.jsx';
import { formatDateTime, fromLocalInput, toLocalInput } from './format.js';

const KINDS = ['roundtable', 'follow_up', 'status', 'other'];

// Meetings: book, move and cancel; the citizen's replies; shared reflections
// beside the roundtable they prepare.
export function Meetings({ citizenId, meetings, onChange, employed = true }) {
  const [booking, setBooking] = useState(false);
  const [status, setStatus] = useState('');
  const upcoming = meetings?.upcoming || [];
  const past = meetings?.past || [];
  const cancelled = meetings?.cancelled || [];
  const changed = (text) => {
    setStatus(text);
    onChange();
  };
  return (
    <div>
      <Status text={status} />
      <h3>{t('ui.cw.meetings.upcoming')}</h3>
      {!upcoming.length && <p>{t('ui.cw.meetings.none_upcoming')}</p>}
      {upcoming.map((m) => (
        <MeetingCard key={m.id} citizenId={citizenId} meeting={m} onChanged={changed} editable />
      ))}
      {booking ? (
        <MeetingForm citizenId={citizenId} employed={employed} onDone={(m) => { setBooking(false); changed(t('ui.cw.meetings.booked', { when: formatDateTime(m.starts_at) })); }} onCancel={() => setBooking(false)} />
      ) : (
        <button type="button" class="button button-secondary" id="meeting-book" onClick={() => setBooking(true)}>
          {t('ui.cw.meetings.book')}
        </button>
      )}
      {past.length > 0 && (
        <details class="cw-details">
          <summary>{t('ui.cw.meetings.past', { n: past.length })}</summary>
          {past.map((m) => (
            <MeetingCard key={m.id} citizenId={citizenId} meeting={m} />
          ))}
        </details>
      )}
      {cancelled.length > 0 && (
        <details class="cw-details">
          <summary>{t('ui.cw.meetings.cancelled', { n: cancelled.length })}</summary>
          {cancelled.map((m) => (
            <MeetingCard key={m.id} citizenId={citizenId} meeting={m} />
          ))}
        </details>
      )}
    </div>
  );
}

function MeetingCard({ citizenId, meeting: m, editable, onChanged }) {
  const [moving, setMoving] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const beside = m.kind === 'roundtable' && m.reflection;

  async function cancel() {
    setBusy(true);
    try {
      await api.del(`/citizens/${citizenId}/meetings/${m.id}`);
      onChanged(t('ui.cw.meetings.cancelled_done', { when: formatDateTime(m.starts_at) }));
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <article class={beside ? 'cw-meeting cw-meeting-with-reflection' : 'cw-meeting'} aria-labelledby={`m-${m.id}`}>
      <div>
        <h4 id={`m-${m.id}`}>
          {t(`ui.cw.kind.${m.kind}`)} · {formatDateTime(m.starts_at)}
          {m.status === 'cancelled' && ` · ${t('ui.cw.meetings.is_cancelled')}`}
        </h4>
        <dl class="cw-dl">
          <dt>{t('ui.cw.meetings.location')}</dt>
          <dd>{m.location}</dd>
          {m.participants?.length > 0 && (
            <>
              <dt>{t('ui.cw.meetings.participants')}</dt>
              <dd>{m.participants.join(', ')}</dd>
            </>
          )}
          {m.agenda && (
            <>
              <dt>{t('ui.cw.meetings.agenda')}</dt>
              <dd class="cw-pre">{m.agenda}</dd>
            </>
          )}
          <dt>{t('ui.cw.meetings.reply')}</dt>
          <dd>
            {m.reply ? (
              <>
                <strong>{t(`ui.cw.reply.${m.reply.response}`)}</strong>
                {m.reply.reason && <> – “{m.reply.reason}”</>}
              </>
            ) : (
              t('ui.cw.meetings.no_reply')
            )}
          </dd>
          {m.moved_at && (
            <>
              <dt>{t('ui.cw.meetings.moved')}</dt>
              <dd>{formatDateTime(m.moved_at)}</dd>
            </>
          )}
        </dl>
        {m.kind === 'roundtable' && !m.reflection && m.status !== 'cancelled' && <p class="cw-meta">{t('ui.cw.meetings.no_reflection')}</p>}
        {error && <p class="form-error-message">{error}</p>}
        {editable && !moving && !confirm && (
          <div class="cw-card-actions">
            <button type="button" class="button button-secondary" onClick={() => setMoving(true)}>
              {t('ui.cw.meetings.move')}
              <span class="sr-only"> {formatDateTime(m.starts_at)}</span>
            </button>
            <button type="button" class="button button-tertiary" onClick={() => setConfirm(true)}>
              {t('ui.cw.meetings.cancel_meeting')}
              <span class="sr-only"> {formatDateTime(m.starts_at)}</span>
            </button>
          </div>
        )}
        {confirm && (
          <div class="cw-confirm" role="group" aria-label={t('ui.cw.meetings.cancel_confirm')}>
            <p>{t('ui.cw.meetings.cancel_confirm')}</p>
            <button type="button" class="button button-primary" disabled={busy} onClick={cancel}>
              {t('ui.cw.meetings.cancel_yes')}
            </button>{' '}
            <button type="button" class="button button-secondary" onClick={() => setConfirm(false)}>
              {t('ui.cw.meetings.cancel_no')}
            </button>
          </div>
        )}
        {moving && <MeetingForm citizenId={citizenId} meeting={m} onDone={(n) => { setMoving(false); onChanged(t('ui.cw.meetings.moved_done', { when: formatDateTime(n.starts_at) })); }} onCancel={() => setMoving(false)} />}
      </div>
      {beside && <Reflection r={m.reflection} />}
    </article>
  );
}

export function Reflection({ r, level = 5 }) {
  const H = `h${level}`;
  return (
    <aside class="cw-reflection" aria-label={t('ui.cw.reflection.title')}>
      <H>{t('ui.cw.reflection.title')}</H>
      <dl>
        <dt>{t('ui.cw.reflection.came_from')}</dt>
        <dd>{r.came_from || '–'}</dd>
        <dt>{t('ui.cw.reflection.heading_to')}</dt>
        <dd>{r.heading_to || '–'}</dd>
        <dt>{t('ui.cw.reflection.proposal')}</dt>
        <dd>{r.proposal || '–'}</dd>
      </dl>
      {r.shared_at && <p class="cw-meta">{t('ui.cw.reflection.shared_at', { when: formatDateTime(r.shared_at) })}</p>}
    </aside>
  );
}

// MeetingForm books a meeting, or moves/edits `meeting`.
function MeetingForm({ citizenId, meeting, onDone, onCancel, employed = true }) {
  const key = meeting ? meeting.id.slice(0, 8) : 'new';
  // Without an employer there is no roundtable with one to suggest (issue 8).
  const [kind, setKind] = useState(meeting?.kind || (employed ? 'roundtable' : 'follow_up'));
  const [when, setWhen] = useState(meeting ? toLocalInput(meeting.starts_at) : '');
  const [duration, setDuration] = useState(String(meeting?.duration_minutes || 60));
  const [location, setLocation] = useState(meeting?.location || '');
  const [participants, setParticipants] = useState((meeting?.participants || []).join('\n'));
  const [agenda, setAgenda] = useState(meeting?.agenda || '');
  const form = useFormState(`mt-${key}`, {
    kind: t('ui.cw.meetings.kind'),
    starts_at: t('ui.cw.meetings.when'),
    duration_minutes: t('ui.cw.meetings.duration'),
    location: t('ui.cw.meetings.location'),
    participants: t('ui.cw.meetings.participants'),
    agenda: t('ui.cw.meetings.agenda'),
  });
  function submit(e) {
    e.preventDefault();
    form.run(
      () => {
        const err = {};
        if (!when) err.starts_at = t('ui.cw.meetings.when_missing');
        if (!location.trim()) err.location = t('ui.cw.meetings.location_missing');
        return err;
      },
      async () => {
        const body = {
          kind,
          starts_at: fromLocalInput(when),
          duration_minutes: Number(duration) || 60,
          location: location.trim(),
          participants: participants.split('\n').map((s) => s.trim()).filter(Boolean),
          agenda: agenda.trim(),
        };
        const res = meeting ? await api.patch(`/citizens/${citizenId}/meetings/${meeting.id}`, body) : await api.post(`/citizens/${citizenId}/meetings`, body);
        onDone(res || body);
      },
    );
  }
  return (
    <form class="cw-inline-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend class="h4">{meeting ? t('ui.cw.meetings.move_title') : t('ui.cw.meetings.book_title')}</legend>
        <ErrorSummary items={form.summary} />
        <Select id={form.id('kind')} label={t('ui.cw.meetings.kind')} value={kind} onValue={setKind} options={KINDS.map((k) => ({ value: k, label: t(`ui.cw.kind.${k}`) }))} />
        <div class="cw-helper-row">
          <Field id={form.id('starts_at')} type="datetime-local" label={t('ui.cw.meetings.when')} hint={t('ui.cw.meetings.when_hint')} error={form.errors.starts_at} value={when} onValue={setWhen} width="input-width-m" step="900" />
          <Field id={form.id('duration_minutes')} type="number" inputMode="numeric" min="5" max="600" step="5" label={t('ui.cw.meetings.duration')} error={form.errors.duration_minutes} value={duration} onValue={setDuration} width="input-width-xs" />
        </div>
        <Field id={form.id('location')} label={t('ui.cw.meetings.location')} error={form.errors.location} value={location} onValue={setLocation} />
        <TextArea id={form.id('participants')} label={t('ui.cw.meetings.participants')} hint={t('ui.cw.plan.one_per_line')} error={form.errors.participants} value={participants} onValue={setParticipants} rows={3} />
        <TextArea id={form.id('agenda')} label={t('ui.cw.meetings.agenda')} hint={t('ui.cw.meetings.agenda_hint')} error={form.errors.agenda} value={agenda} onValue={setAgenda} rows={3} />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={form.busy}>
            {meeting ? t('ui.cw.meetings.move_save') : t('ui.cw.meetings.book_save')}
          </button>
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t('ui.cw.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
