import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { Field, Radios, Status, useFormState } from './fields.jsx';
import { formatDate, formatDateTime, fromLocalInput, toLocalInput } from './format.js';

// FastTrack: register a request, see its state and the record of every change.
export function FastTrack({ citizen, section, milestones, onChange }) {
  const current = section?.current || null;
  const requests = section?.requests || [];
  const [by, setBy] = useState('employer');
  const [at, setAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [weeks, setWeeks] = useState(citizen.expected_weeks ? String(citizen.expected_weeks) : '');
  const [done, setDone] = useState('');
  const form = useFormState('ft', { requested_by: t('ui.cw.ft.requested_by'), requested_at: t('ui.cw.ft.requested_at'), expected_weeks: t('ui.cw.ft.expected_weeks') });

  function submit(e) {
    e.preventDefault();
    form.run(
      () => {
        const err = {};
        if (!at) err.requested_at = t('ui.cw.ft.requested_at_missing');
        if (!(Number(weeks) >= 1)) err.expected_weeks = t('ui.cw.ft.expected_weeks_missing');
        return err;
      },
      async () => {
        const r = await api
          .post(`/citizens/${citizen.id}/fast-track`, { requested_by: by, requested_at: fromLocalInput(at), expected_weeks: Number(weeks) })
          .catch((err) => {
            throw onField(err);
          });
        setDone(t('ui.cw.ft.saved', { status: t(`ui.cw.ft.status.${r.status}`) }));
        onChange();
      },
    );
  }
  const pending = current?.status === 'pending';
  // Fast track needs an employer at the table (issue 8).
  const noEmployer = citizen.employment && citizen.employment !== 'employed';
  return (
    <div>
      {current ? <Request r={current} /> : <p>{t('ui.cw.ft.none')}</p>}
      {milestones && (
        <p class="cw-meta">
          {milestones.fast_track_open ? t('ui.cw.ft.open_until', { date: formatDate(milestones.fast_track_limit) }) : t('ui.cw.ft.closed', { date: formatDate(milestones.fast_track_limit) })}
        </p>
      )}
      {requests.length > 1 && (
        <details class="cw-details">
          <summary>{t('ui.cw.ft.earlier', { n: requests.length - 1 })}</summary>
          {requests.filter((r) => r.id !== current?.id).map((r) => <Request key={r.id} r={r} />)}
        </details>
      )}
      <Status text={done} />
      {noEmployer && <p id="ft-no-employer">{t('ui.cw.ft.no_employer')}</p>}
      {!pending && !noEmployer && (
        <form onSubmit={submit} noValidate class="cw-inline-form">
          <fieldset>
            <legend class="h4">{t('ui.cw.ft.register')}</legend>
            <p class="form-hint">{t('ui.cw.ft.rules')}</p>
            <ErrorSummary items={form.summary} />
            <Radios name="ft-requested_by" legend={t('ui.cw.ft.requested_by')} inline value={by} onValue={setBy} error={form.errors.requested_by} options={['employer', 'citizen'].map((p) => ({ value: p, label: t(`ui.cw.ft.by.${p}`) }))} />
            <Field id="ft-requested_at" type="datetime-local" label={t('ui.cw.ft.requested_at')} hint={t('ui.cw.ft.requested_at_hint')} error={form.errors.requested_at} value={at} onValue={setAt} width="input-width-m" />
            <Field id="ft-expected_weeks" type="number" inputMode="numeric" min="1" max="104" label={t('ui.cw.ft.expected_weeks')} error={form.errors.expected_weeks} value={weeks} onValue={setWeeks} width="input-width-xs" />
            <div class="form-actions">
              <button type="submit" class="button button-primary" disabled={form.busy}>
                {t('ui.cw.ft.save')}
              </button>
            </div>
          </fieldset>
        </form>
      )}
    </div>
  );
}

// The API refuses a late or short request with a code, not a field: put the
// message on the field it is about, so the error summary links to it.
const REFUSAL_FIELD = { fast_track_too_late: 'requested_at', fast_track_too_short: 'expected_weeks' };

function onField(err) {
  const field = REFUSAL_FIELD[err?.code];
  if (field && !Object.keys(err.fields || {}).length) err.fields = { [field]: err.message };
  return err;
}

function Request({ r }) {
  return (
    <div class={`cw-ft cw-ft-${r.status}`}>
      <p>
        <strong>{t(`ui.cw.ft.status.${r.status}`)}</strong> · {t(`ui.cw.ft.by.${r.requested_by}`)} · {t('ui.cw.ft.received', { when: formatDateTime(r.requested_at) })}
      </p>
      {r.status === 'pending' && <p>{t('ui.cw.ft.deadline', { when: formatDateTime(r.consent_deadline) })}</p>}
      {r.status === 'accepted' && (
        <p>
          <a href="#timeline">{t('ui.cw.ft.follow_up_on_timeline')}</a>
        </p>
      )}
      {r.events?.length > 0 && (
        <>
          <p class="cw-activities-label">{t('ui.cw.ft.record')}</p>
          <ol class="cw-record">
            {r.events.map((e, i) => (
              <li key={i}>
                {formatDateTime(e.at)}: {e.from ? `${t(`ui.cw.ft.status.${e.from}`)} → ` : ''}
                {t(`ui.cw.ft.status.${e.to}`)} ({t(`ui.cw.ft.actor.${e.actor}`)})
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
