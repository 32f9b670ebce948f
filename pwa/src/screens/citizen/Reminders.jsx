// Påmindelser (/paamindelser): push reminders on this device (and the
// citizen's other devices), quiet hours, a pause, and the private calendar
// feed. Permission to show notifications is asked only when the citizen
// presses "Slå påmindelser til".
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { TextField } from '../../components/TextField.jsx';
import { addDays, formatDay, formatInstantDate, todayInCopenhagen } from '../../format.js';
import { t } from '../../i18n.js';
import { useResource } from '../../offline/resource.js';
import { isNetworkError } from '../../session.js';
import { CitizenPage } from './common.jsx';
import { currentEndpoint, pushSupport, serviceOf, turnOff, turnOn } from './pushDevice.js';

export default function Reminders() {
  return (
    <CitizenPage title={t('ui.citizen.reminders.title')}>
      <ThisDevice />
      <Settings />
      <CalendarFeed />
    </CitizenPage>
  );
}

// Notice is a status region that is always in the page, so what appears in
// it is read out.
function Notice({ msg }) {
  return (
    <div role="status" class="reminders-notice">
      {msg && (
        <div class={`alert alert-${msg.kind}`}>
          <div class="alert-body">
            <p class="alert-text">{msg.text}</p>
          </div>
        </div>
      )}
    </div>
  );
}

function failure(err, fallbackKey) {
  if (isNetworkError(err)) return t('ui.citizen.reminders.offline');
  return err && err.status ? err.message : t(fallbackKey);
}

// ---- This device and the others -------------------------------------------

// ThisDevice and Settings are shared with the employer's reminders screen;
// text overrides the sentences that say what is sent (what, discreet,
// quiet, pause), since the employer gets other messages.
export function ThisDevice({ text = {} }) {
  const list = useResource('/me/push-subscriptions');
  const [support, setSupport] = useState(pushSupport);
  const [endpoint, setEndpoint] = useState(undefined); // undefined: still looking
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState(null);
  useEffect(() => {
    currentEndpoint().then(setEndpoint, () => setEndpoint(null));
  }, []);
  const items = (list.data && list.data.items) || [];
  const on = !!endpoint && items.some((i) => i.endpoint === endpoint);

  async function onTurnOn() {
    setBusy(true);
    setMsg(null);
    try {
      const permission = await turnOn();
      setSupport(pushSupport());
      if (permission === 'granted') {
        setEndpoint(await currentEndpoint());
        list.reload();
        setMsg({ kind: 'success', text: t('ui.citizen.reminders.turned_on') });
      } else {
        setMsg({ kind: 'error', text: t(permission === 'denied' ? 'ui.citizen.reminders.denied' : 'ui.citizen.reminders.not_allowed') });
      }
    } catch (err) {
      setMsg({ kind: 'error', text: failure(err, 'ui.citizen.reminders.failed') });
    } finally {
      setBusy(false);
    }
  }

  async function onTurnOff(target) {
    setBusy(true);
    setMsg(null);
    try {
      await turnOff(target);
      if (target === endpoint) setEndpoint(null);
      list.reload();
      setMsg({ kind: 'success', text: t('ui.citizen.reminders.turned_off') });
    } catch (err) {
      setMsg({ kind: 'error', text: failure(err, 'ui.citizen.reminders.failed') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="rem-device-h">
      <h2 id="rem-device-h">{t('ui.citizen.reminders.device_h')}</h2>
      <p>{text.what || t('ui.citizen.reminders.what')}</p>
      <p>{text.discreet || t('ui.citizen.reminders.discreet')}</p>
      {support === 'unsupported' ? (
        <p class="reminders-state">{t('ui.citizen.reminders.unsupported')}</p>
      ) : on ? (
        <>
          <p class="reminders-state is-on">
            <strong>{t('ui.citizen.reminders.on_here')}</strong>
          </p>
          <button type="button" class="button button-secondary" id="reminders-off" onClick={() => onTurnOff(endpoint)} disabled={busy}>
            {t('ui.citizen.reminders.turn_off')}
          </button>
        </>
      ) : (
        <>
          <p class="reminders-state">
            <strong>{t('ui.citizen.reminders.off_here')}</strong>
          </p>
          {support === 'denied' ? (
            <p>{t('ui.citizen.reminders.denied')}</p>
          ) : (
            <>
              {support === 'default' && <p class="form-hint">{t('ui.citizen.reminders.ask_note')}</p>}
              <button type="button" class="button button-primary" id="reminders-on" onClick={onTurnOn} disabled={busy || endpoint === undefined}>
                {t('ui.citizen.reminders.turn_on')}
              </button>
            </>
          )}
        </>
      )}
      <Notice msg={msg} />
      {items.length > 0 && <Devices items={items} endpoint={endpoint} busy={busy} onTurnOff={onTurnOff} />}
    </section>
  );
}

function Devices({ items, endpoint, busy, onTurnOff }) {
  const name = (i) => (i.endpoint === endpoint ? t('ui.citizen.reminders.this_device') : t('ui.citizen.reminders.other_device', { service: t(`ui.citizen.reminders.service.${serviceOf(i.endpoint)}`) }));
  return (
    <>
      <h3 class="h4">{t('ui.citizen.reminders.devices_h')}</h3>
      <ul class="reminders-devices">
        {items.map((i) => (
          <li key={i.endpoint}>
            <span>
              <strong>{name(i)}</strong>
              <br />
              {t('ui.citizen.reminders.since', { date: formatInstantDate(i.created_at) })}
            </span>
            {i.endpoint !== endpoint && (
              <button type="button" class="button button-secondary" onClick={() => onTurnOff(i.endpoint)} disabled={busy} aria-label={t('ui.citizen.reminders.remove_device_label', { device: name(i) })}>
                {t('ui.citizen.reminders.remove_device')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

// ---- Quiet hours and pause ---------------------------------------------------

export function Settings({ text = {} }) {
  const res = useResource('/me/notification-settings');
  const [saved, setSaved] = useState(null); // the answer to our last PUT
  const settings = saved || res.data;
  if (!settings) return null;
  return (
    <>
      <QuietHours settings={settings} onSaved={setSaved} text={text.quiet} />
      <Pause settings={settings} onSaved={setSaved} text={text.pause} />
    </>
  );
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

// fieldErrors maps the server's field names to our inputs.
function fieldErrors(err, map) {
  const out = {};
  for (const [field, text] of Object.entries(err.fields || {})) {
    const id = map[field] || Object.values(map)[0];
    out[id] = out[id] || text;
  }
  if (!Object.keys(out).length) out[Object.values(map)[0]] = err.message;
  return out;
}

function QuietHours({ settings, onSaved, text }) {
  const q = settings.quiet_hours;
  const [useQuiet, setUseQuiet] = useState(!!q);
  const [start, setStart] = useState(q ? q.start : '21:00');
  const [end, setEnd] = useState(q ? q.end : '08:00');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState(null);

  async function submit(e) {
    e.preventDefault();
    setMsg(null);
    const errs = {};
    if (useQuiet && !CLOCK.test(start)) errs['qh-start'] = t('ui.citizen.reminders.quiet_missing');
    if (useQuiet && !CLOCK.test(end)) errs['qh-end'] = t('ui.citizen.reminders.quiet_missing');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const r = await api.put('/me/notification-settings', { quiet_hours: useQuiet ? { start, end } : null });
      onSaved(r);
      setMsg({ kind: 'success', text: t('ui.citizen.reminders.saved') });
    } catch (err) {
      if (err.status === 422 || err.status === 400) setErrors(fieldErrors(err, { 'quiet_hours.start': 'qh-start', 'quiet_hours.end': 'qh-end', quiet_hours: 'qh-start' }));
      else setMsg({ kind: 'error', text: failure(err, 'ui.error.generic') });
    } finally {
      setBusy(false);
    }
  }
  const summary = useMemo(() => Object.entries(errors).map(([id, message]) => ({ id, message })), [errors]);
  return (
    <section aria-labelledby="rem-quiet-h">
      <h2 id="rem-quiet-h">{t('ui.citizen.reminders.quiet_h')}</h2>
      <p>{text || t('ui.citizen.reminders.quiet_text')}</p>
      <p class="reminders-state">
        <strong>{q ? t('ui.citizen.reminders.quiet_now', { start: q.start, end: q.end }) : t('ui.citizen.reminders.quiet_none')}</strong>
      </p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={summary} />
        <div class="form-group form-group-checkbox">
          <input type="checkbox" class="form-checkbox" id="qh-on" checked={useQuiet} onChange={(e) => setUseQuiet(e.currentTarget.checked)} />
          <label for="qh-on" class="form-label">
            {t('ui.citizen.reminders.quiet_on')}
          </label>
        </div>
        {useQuiet && (
          <div class="reminders-times">
            <TextField id="qh-start" type="time" label={t('ui.citizen.reminders.quiet_start')} value={start} onValue={setStart} error={errors['qh-start']} />
            <TextField id="qh-end" type="time" label={t('ui.citizen.reminders.quiet_end')} value={end} onValue={setEnd} error={errors['qh-end']} />
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="button button-primary" id="qh-save" disabled={busy}>
            {t('ui.citizen.reminders.save')}
          </button>
        </div>
      </form>
      <Notice msg={msg} />
    </section>
  );
}

// copenhagenMidnight is the instant a Copenhagen calendar day begins
// (midnight always exists there: the clocks change at 02:00 and 03:00).
function copenhagenMidnight(date) {
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${date}T00:00:00${offset}`);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', hourCycle: 'h23' }).format(d);
    if (todayInCopenhagen(d) === date && Number(hour) === 0) return d.toISOString();
  }
  return new Date(`${date}T00:00:00+01:00`).toISOString();
}

function Pause({ settings, onSaved, text }) {
  const until = settings.paused_until ? Date.parse(settings.paused_until) : 0;
  const paused = until > Date.now();
  // The last day of the pause: the Copenhagen day before it ends.
  const lastDay = paused ? todayInCopenhagen(new Date(until - 1)) : '';
  const today = todayInCopenhagen();
  const [date, setDate] = useState(addDays(today, 7));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState(null);
  const summary = useMemo(() => (error ? [{ id: 'pause-date', message: error }] : []), [error]);

  async function save(value) {
    setBusy(true);
    setMsg(null);
    try {
      const r = await api.put('/me/notification-settings', { paused_until: value });
      onSaved(r);
      setMsg({ kind: 'success', text: t('ui.citizen.reminders.saved') });
    } catch (err) {
      if (err.status === 422 || err.status === 400) setError(fieldErrors(err, { paused_until: 'pause-date' })['pause-date']);
      else setMsg({ kind: 'error', text: failure(err, 'ui.error.generic') });
    } finally {
      setBusy(false);
    }
  }
  function submit(e) {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < today) {
      setError(t('ui.citizen.reminders.pause_missing'));
      return;
    }
    setError('');
    save(copenhagenMidnight(addDays(date, 1)));
  }
  return (
    <section aria-labelledby="rem-pause-h">
      <h2 id="rem-pause-h">{t('ui.citizen.reminders.pause_h')}</h2>
      <p>{text || t('ui.citizen.reminders.pause_text')}</p>
      {paused ? (
        <>
          <p class="reminders-state">
            <strong>{t('ui.citizen.reminders.paused_now', { date: formatDay(lastDay) })}</strong>
          </p>
          <button type="button" class="button button-secondary" id="pause-stop" onClick={() => save(null)} disabled={busy}>
            {t('ui.citizen.reminders.pause_stop')}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorSummary items={summary} />
          <TextField id="pause-date" type="date" min={today} label={t('ui.citizen.reminders.pause_until')} hint={t('ui.citizen.reminders.pause_hint')} value={date} onValue={setDate} error={error} />
          <div class="form-actions">
            <button type="submit" class="button button-secondary" id="pause-save" disabled={busy}>
              {t('ui.citizen.reminders.pause_start')}
            </button>
          </div>
        </form>
      )}
      <Notice msg={msg} />
    </section>
  );
}

// ---- Calendar feed ---------------------------------------------------------

function CalendarFeed() {
  const res = useResource('/me/calendar-token');
  const [fresh, setFresh] = useState(null); // {url, webcal_url} just made: shown once
  const [revoked, setRevoked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState(null);
  const active = !revoked && (fresh || (res.data && res.data.active));

  async function make() {
    const rotating = !!active;
    setBusy(true);
    setMsg(null);
    try {
      const r = await api.post('/me/calendar-token');
      setFresh(r);
      setRevoked(false);
      if (rotating) setMsg({ kind: 'success', text: t('ui.citizen.reminders.calendar_new_shown') });
      requestAnimationFrame(() => document.getElementById('cal-url')?.focus());
    } catch (err) {
      setMsg({ kind: 'error', text: failure(err, 'ui.error.generic') });
    } finally {
      setBusy(false);
    }
  }
  async function revoke() {
    setBusy(true);
    setMsg(null);
    try {
      await api.del('/me/calendar-token');
      setFresh(null);
      setRevoked(true);
      setMsg({ kind: 'success', text: t('ui.citizen.reminders.calendar_revoked') });
    } catch (err) {
      setMsg({ kind: 'error', text: failure(err, 'ui.error.generic') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="rem-cal-h">
      <h2 id="rem-cal-h">{t('ui.citizen.reminders.calendar_h')}</h2>
      <p>{t('ui.citizen.reminders.calendar_text')}</p>
      <div class="alert alert-warning">
        <div class="alert-body">
          <p class="alert-text">{t('ui.citizen.reminders.calendar_warning')}</p>
        </div>
      </div>
      {fresh ? <FeedLink feed={fresh} /> : active && res.data && res.data.created_at && (
        <>
          <p class="reminders-state">
            <strong>{t('ui.citizen.reminders.calendar_active', { date: formatInstantDate(res.data.created_at) })}</strong>
          </p>
          <p>{t('ui.citizen.reminders.calendar_hidden')}</p>
        </>
      )}
      <div class="form-actions">
        <button type="button" class={active ? 'button button-secondary' : 'button button-primary'} id="cal-make" onClick={make} disabled={busy || res.loading}>
          {active ? t('ui.citizen.reminders.calendar_rotate') : t('ui.citizen.reminders.calendar_create')}
        </button>
        {active && (
          <button type="button" class="button button-secondary" id="cal-revoke" onClick={revoke} disabled={busy}>
            {t('ui.citizen.reminders.calendar_revoke')}
          </button>
        )}
      </div>
      <Notice msg={msg} />
    </section>
  );
}

function FeedLink({ feed }) {
  const [copied, setCopied] = useState(null);
  async function copy() {
    const input = document.getElementById('cal-url');
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied({ kind: 'success', text: t('ui.citizen.reminders.copied') });
    } catch {
      input.select();
      const ok = document.execCommand && document.execCommand('copy');
      setCopied(ok ? { kind: 'success', text: t('ui.citizen.reminders.copied') } : { kind: 'error', text: t('ui.citizen.reminders.copy_failed') });
    }
  }
  return (
    <div class="reminders-feed">
      <TextField id="cal-url" label={t('ui.citizen.reminders.calendar_url')} hint={t('ui.citizen.reminders.calendar_url_hint')} value={feed.url} onValue={() => {}} readOnly onFocus={(e) => e.currentTarget.select()} />
      <div class="form-actions">
        <button type="button" class="button button-primary" id="cal-copy" onClick={copy}>
          {t('ui.citizen.reminders.copy')}
        </button>
        <a class="button button-secondary" href={feed.webcal_url}>
          {t('ui.citizen.reminders.open_calendar')}
        </a>
      </div>
      <Notice msg={copied} />
    </div>
  );
}
