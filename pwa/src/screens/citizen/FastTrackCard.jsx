// The fast-track card at the top of I dag (issue 4). fastTrack is
// home.fast_track from GET /api/v1/me/home: the request waiting for the
// citizen's answer, or null. While one waits: a live countdown to the consent
// deadline, what fast track means, what yes and no lead to, and two buttons
// that each ask for confirmation. Afterwards: a link to the record.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { addDays, formatDateTime, formatDay, todayInCopenhagen } from '../../format.js';
import { plural, t } from '../../i18n.js';
import { useResource } from '../../offline/resource.js';
import { isNetworkError } from '../../session.js';
import { ContactCard, ContactLink } from './ContactCard.jsx';

export default function FastTrackCard({ fastTrack, contact }) {
  const [result, setResult] = useState(null);
  if (result) return <Answered result={result} />;
  if (fastTrack && fastTrack.status === 'pending') return <PendingRequest request={fastTrack} onAnswered={setResult} contact={contact} />;
  return <RecordLink />;
}

// remainingText: "1 dag og 5 timer tilbage" — the two largest units, rounded
// down so the citizen never gets more time than there is.
export function remainingText(ms) {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return t('ui.citizen.ft.left_under_minute');
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const days = d && plural('ui.citizen.ft.days', d);
  const hours = h && plural('ui.citizen.ft.hours', h);
  const mins = m && plural('ui.citizen.ft.minutes', m);
  const parts = d ? [days, hours] : h ? [hours, mins] : [mins];
  return t('ui.citizen.ft.left', { time: parts.filter(Boolean).join(` ${t('ui.citizen.ft.and')} `) });
}

// stageOf groups the time left into steps worth announcing to a screen
// reader: each whole day, then under 12 hours, under 1 hour, and the end.
function stageOf(ms) {
  if (ms <= 0) return 'over';
  const hours = ms / 3600000;
  if (hours >= 24) return `d${Math.floor(hours / 24)}`;
  if (hours >= 12) return 'h12';
  return hours >= 1 ? 'h1' : 'm';
}

// useTimeLeft re-renders when the whole minutes left change (and when the
// phone wakes up: timers in a hidden tab are held back).
export function useTimeLeft(deadline) {
  const end = Date.parse(deadline);
  const [left, setLeft] = useState(() => end - Date.now());
  useEffect(() => {
    let timer;
    const tick = () => {
      const ms = end - Date.now();
      setLeft(ms);
      if (ms > 0) timer = setTimeout(tick, (ms % 60000) + 50);
    };
    const wake = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      tick();
    };
    tick();
    document.addEventListener('visibilitychange', wake);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', wake);
    };
  }, [end]);
  return left;
}

// useAnnouncement gives the text for a polite live region: empty at first
// (the card itself is read in place), then the countdown whenever its stage
// changes, so a screen reader hears a few calm updates, not one a minute.
function useAnnouncement(left, text) {
  const stage = stageOf(left);
  const first = useRef(stage);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (stage !== first.current) setSaid(text);
    first.current = stage;
  }, [stage]);
  return said;
}

function followUpDate(request) {
  if (request.follow_up && request.follow_up.due_date) return request.follow_up.due_date;
  return addDays(todayInCopenhagen(new Date(request.requested_at)), 14);
}

// PendingRequest is the card; the record screen shows it too.
export function PendingRequest({ request, onAnswered, headingLevel = 2, contact }) {
  const left = useTimeLeft(request.consent_deadline);
  const over = left <= 0;
  const countdown = over ? t('ui.citizen.ft.expired') : remainingText(left);
  const announcement = useAnnouncement(left, countdown);
  const [confirm, setConfirm] = useState(null); // 'accept' | 'decline'
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const opener = useRef(null);
  const H = `h${headingLevel}`;
  const byKey = request.requested_by === 'citizen' ? 'citizen' : 'employer';

  function ask(decision, e) {
    opener.current = e.currentTarget;
    setError('');
    setConfirm(decision);
  }
  function cancel() {
    const back = opener.current;
    setConfirm(null);
    setError('');
    if (back) requestAnimationFrame(() => document.getElementById(back.id)?.focus());
  }
  async function send() {
    setBusy(true);
    setError('');
    try {
      const r = await api.post(`/me/fast-track/${request.id}/decision`, { decision: confirm });
      onAnswered({ status: r.status, request: { ...request, ...r } });
    } catch (err) {
      if (isNetworkError(err)) setError(t('ui.citizen.ft.offline'));
      else if (err.code === 'fast_track_deadline_passed') onAnswered({ status: 'lapsed', request, message: err.message });
      else if (err.code === 'fast_track_already_decided') onAnswered({ status: 'other', request, message: err.message });
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card ft-card" aria-labelledby={`ft-h-${request.id}`}>
      <div class="card-content">
        <H id={`ft-h-${request.id}`} class="ft-title">
          {t(`ui.citizen.ft.title.${byKey}`)}
        </H>
        <p class={over ? 'ft-countdown is-over' : 'ft-countdown'}>
          <span class="sr-only">{t('ui.citizen.ft.time_left_label')} </span>
          <strong>{countdown}</strong>
          {!over && (
            <>
              <br />
              {t('ui.citizen.ft.deadline', { when: formatDateTime(request.consent_deadline) })}
            </>
          )}
        </p>
        <p class="sr-only" role="status">
          {announcement}
        </p>
        <p>{t('ui.citizen.ft.what')}</p>
        <ul class="ft-outcomes">
          <li>
            <strong>{t('ui.citizen.ft.if_yes_label')}</strong> {t('ui.citizen.ft.if_yes', { date: formatDay(followUpDate(request)) })}
          </li>
          <li>
            <strong>{t('ui.citizen.ft.if_no_label')}</strong> {t('ui.citizen.ft.if_no')}
          </li>
          <li>
            <strong>{t('ui.citizen.ft.if_silent_label')}</strong> {t('ui.citizen.ft.if_silent')}
          </li>
        </ul>
        <p>{t('ui.citizen.ft.ask')}</p>
        <ContactCard card={contact} headingLevel={headingLevel + 1} id={`ft-kontakt-${request.id}`} />
        {over ? (
          <p>
            <a href="/fast-track" class="link-block">
              {t('ui.citizen.ft.see_record')}
            </a>
          </p>
        ) : confirm ? (
          <Confirm
            title={t(`ui.citizen.ft.confirm_${confirm}_title`)}
            text={
              <>
                {t(`ui.citizen.ft.confirm_${confirm}_text`)}
                {confirm === 'decline' && (
                  <>
                    {' '}
                    <ContactLink text={t('ui.citizen.ft.regret_contact')} />
                  </>
                )}
              </>
            }
            sendLabel={t(`ui.citizen.ft.send_${confirm}`)}
            busy={busy}
            error={error}
            onSend={send}
            onCancel={cancel}
            headingLevel={headingLevel + 1}
          />
        ) : (
          <div class="ft-buttons">
            <button type="button" id={`ft-accept-${request.id}`} class="button button-secondary ft-accept" onClick={(e) => ask('accept', e)}>
              {t('ui.citizen.ft.accept')}
            </button>
            <button type="button" id={`ft-decline-${request.id}`} class="button button-secondary ft-decline" onClick={(e) => ask('decline', e)}>
              {t('ui.citizen.ft.decline')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

// Confirm is the inline confirmation step: it takes focus when it opens,
// and Escape cancels, returning focus to the button that opened it.
export function Confirm({ id = 'ft-confirm', title, text, sendLabel, busy, error, onSend, onCancel, headingLevel = 3 }) {
  const heading = useRef(null);
  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);
  const H = `h${headingLevel}`;
  const onKeyDown = (e) => {
    if (e.key === 'Escape' && !busy) onCancel();
  };
  return (
    <div class="ft-confirm" role="group" aria-labelledby={`${id}-h`} onKeyDown={onKeyDown}>
      <H id={`${id}-h`} class="h4 ft-confirm-title" tabIndex={-1} ref={heading}>
        {title}
      </H>
      <p>{text}</p>
      {error && (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{error}</p>
          </div>
        </div>
      )}
      <div class="ft-buttons">
        <button type="button" class="button button-primary ft-send" onClick={onSend} disabled={busy}>
          {busy ? t('ui.citizen.ft.sending') : sendLabel}
        </button>
        <button type="button" class="button button-secondary ft-cancel" onClick={onCancel} disabled={busy}>
          {t('ui.citizen.ft.cancel')}
        </button>
      </div>
    </div>
  );
}

// Answered replaces the card after a decision (home still holds the old
// request until it is fetched again).
function Answered({ result }) {
  const ref = useRef(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  const ok = result.status === 'accepted' || result.status === 'declined';
  const key = ['accepted', 'declined', 'lapsed', 'withdrawn'].includes(result.status) ? result.status : 'other';
  return (
    <div class={ok ? 'alert alert-success ft-answered' : 'alert alert-info ft-answered'} role="status" tabIndex={-1} ref={ref}>
      <div class="alert-body">
        <p class="alert-heading">{t(`ui.citizen.ft.done.${key}`)}</p>
        {result.status === 'accepted' && <p class="alert-text">{t('ui.citizen.ft.done_accepted_text', { date: formatDay(followUpDate(result.request)) })}</p>}
        {result.message && <p class="alert-text">{result.message}</p>}
        <p class="alert-text">
          <a href="/fast-track" class="link-block">
            {t('ui.citizen.ft.see_record')}
          </a>
        </p>
      </div>
    </div>
  );
}

// RecordLink: with no request waiting, one quiet line to the record of the
// latest one (nothing at all when there never was one).
function RecordLink() {
  const res = useResource('/me/fast-track');
  const r = res.data && res.data.request;
  if (!r || r.status === 'pending') return null;
  return (
    <p class="ft-record-link">
      <a href="/fast-track" class="link-block">
        {t('ui.citizen.ft.link', { status: t(`ui.citizen.ft.status.${r.status}`) })}
      </a>
    </p>
  );
}
