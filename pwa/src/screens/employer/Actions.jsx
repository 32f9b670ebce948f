// What the employer does for one employee: tick off their own agreement
// items, place the employee on the staircase, request fast track, and
// prepare for the roundtable. Refusals are the API's own (in the user's
// language); the rules themselves live in the server.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { formatShortDate } from '../../format.js';
import { t } from '../../i18n.js';
import { DIMENSIONS, STEPS, dimensionName, stepExplain, stepName } from '../../staircase.js';
import { Status } from './bits.jsx';

const failed = (e) => ({ kind: 'error', text: e.message || t('ui.error.generic') });

// OwnAgreements lists the shared agreement items; the employer's own can be
// ticked off (or opened again), the others are shown as they stand.
export function OwnAgreements({ employeeId, items, onChange }) {
  const [msg, setMsg] = useState(null);
  async function toggle(a, done) {
    try {
      await api.patch(`/employees/${employeeId}/agreements/${a.id}`, { status: done ? 'done' : 'open' });
      setMsg({ kind: 'success', text: done ? t('ui.employer.agreements.ticked') : t('ui.employer.agreements.reopened') });
      onChange();
    } catch (e) {
      setMsg(failed(e));
    }
  }
  const own = items.filter((a) => a.owner === 'employer');
  const others = items.filter((a) => a.owner !== 'employer');
  return (
    <section aria-labelledby="agreements-h">
      <h2 id="agreements-h">{t('ui.employer.agreements.title')}</h2>
      {items.length === 0 && <p>{t('ui.employer.agreements.none')}</p>}
      {own.length > 0 && (
        <fieldset>
          <legend>{t('ui.employer.agreements.own')}</legend>
          {own.map((a) => (
            <div class="form-group form-group-checkbox" key={a.id}>
              <input type="checkbox" class="form-checkbox" id={`agr-${a.id}`} checked={a.status === 'done'} onChange={(ev) => toggle(a, ev.currentTarget.checked)} />
              <label class="form-label" for={`agr-${a.id}`}>
                {a.text}
                {a.due_date && ` (${t('ui.employer.agreements.due', { date: formatShortDate(a.due_date) })})`}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {others.length > 0 && (
        <>
          <h3>{t('ui.employer.agreements.others')}</h3>
          <ul>
            {others.map((a) => (
              <li key={a.id}>
                {a.text} – {a.status === 'done' ? t('ui.employer.agreements.done') : t('ui.employer.agreements.open')}
              </li>
            ))}
          </ul>
        </>
      )}
      <Status msg={msg} />
    </section>
  );
}

// StaircasePlacement records where the employer sees the employee today.
export function StaircasePlacement({ employeeId, onChange }) {
  const [step, setStep] = useState(null);
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState(null);
  async function submit(ev) {
    ev.preventDefault();
    if (!step) return setMsg({ kind: 'error', text: t('ui.employer.staircase.missing') });
    try {
      await api.post(`/employees/${employeeId}/placements`, { step, note: note.trim() || null });
      setMsg({ kind: 'success', text: t('ui.employer.staircase.saved', { step, name: stepName(step) }) });
      setStep(null);
      setNote('');
      onChange();
    } catch (e) {
      setMsg(failed(e));
    }
  }
  return (
    <section aria-labelledby="staircase-h">
      <h2 id="staircase-h">{t('ui.employer.staircase.title')}</h2>
      <p>{t('ui.employer.staircase.intro')}</p>
      <form id="staircase-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('ui.employer.staircase.legend')}</legend>
          {STEPS.map((n) => (
            <div class="form-group form-group-radio" key={n}>
              <input type="radio" class="form-radio" name="step" id={`step-${n}`} checked={step === n} onChange={() => setStep(n)} aria-describedby={`step-${n}-explain`} />
              <label class="form-label" for={`step-${n}`}>
                {n}. {stepName(n)}
              </label>
              <p class="form-hint" id={`step-${n}-explain`}>
                {stepExplain(n)}
              </p>
            </div>
          ))}
        </fieldset>
        <div class="form-group">
          <label class="form-label" for="staircase-note">
            {t('ui.employer.staircase.note')}
          </label>
          <textarea class="form-input" id="staircase-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button-primary">
          {t('ui.employer.staircase.save')}
        </button>
      </form>
      <Status msg={msg} />
    </section>
  );
}

// FastTrackRequest asks the jobcentre for early follow-up.
export function FastTrackRequest({ employeeId }) {
  const [weeks, setWeeks] = useState('');
  const [msg, setMsg] = useState(null);
  async function submit(ev) {
    ev.preventDefault();
    const n = Number.parseInt(weeks, 10);
    if (!Number.isInteger(n) || n < 1) return setMsg({ kind: 'error', text: t('ui.employer.ft.weeks_missing') });
    try {
      await api.post(`/employees/${employeeId}/fast-track`, { expected_weeks: n });
      setMsg({ kind: 'success', text: t('ui.employer.ft.sent') });
      setWeeks('');
    } catch (e) {
      setMsg(failed(e));
    }
  }
  return (
    <section aria-labelledby="ft-h">
      <h2 id="ft-h">{t('ui.employer.ft.title')}</h2>
      <p>{t('ui.employer.ft.rules')}</p>
      <form id="ft-form" onSubmit={submit} noValidate>
        <div class="form-group">
          <label class="form-label" for="ft-weeks">
            {t('ui.employer.ft.weeks')}
          </label>
          <input class="form-input input-width-xs" id="ft-weeks" type="number" inputMode="numeric" min="1" value={weeks} onInput={(e) => setWeeks(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button-secondary">
          {t('ui.employer.ft.send')}
        </button>
      </form>
      <Status msg={msg} />
    </section>
  );
}

// Preparation is a card to think through before the roundtable: what the
// workplace can offer, along the mixing desk's six dimensions.
export function Preparation({ mixing }) {
  return (
    <section aria-labelledby="prep-h" class="employer-prep">
      <h2 id="prep-h">{t('ui.employer.prep.title')}</h2>
      <p>{t('ui.employer.prep.intro')}</p>
      <ul>
        {DIMENSIONS.map((d) => (
          <li key={d}>
            <strong>{dimensionName(d)}</strong>: {t(`ui.employer.prep.${d}`)}
          </li>
        ))}
      </ul>
      {mixing && <p>{t('ui.employer.prep.plan_shared')}</p>}
    </section>
  );
}
