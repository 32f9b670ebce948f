import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { AnswerRange } from '../../components/AnswerRange.jsx';
import { t } from '../../i18n.js';
import { Field, Radios, Select, Status, TextArea, useFormState } from './fields.jsx';
import { copenhagenDate, formatDate, formatDateTime, formatHours, formatShortDate } from './format.js';
import { DAYS, addDays, copyForward, isoWeek, mondayOf, newWeek, stepUp, validHours, weekTotal } from './planMath.js';

import { DIMENSIONS as SLIDERS, dimensionName, levelName } from '../../staircase.js';

export { SLIDERS };

function fromPlan(plan) {
  return (plan?.weeks || []).map((w) => ({
    week_start: w.week_start,
    hours: { ...w.hours },
    note: w.note || '',
    status_meeting: w.status_meeting || null,
  }));
}

export function weekLabel(weekStart) {
  return t('ui.cw.plan.week_label', { week: isoWeek(weekStart), date: formatShortDate(weekStart) });
}

// PlanEditor: the optrapningsplan as a weeks × weekdays grid with helpers,
// the tasks lists, the mixing desk, the history and the citizen's answer.
export function PlanEditor({ citizenId, plan, onChange }) {
  const [weeks, setWeeks] = useState(() => fromPlan(plan));
  const [allowed, setAllowed] = useState((plan?.allowed_tasks || []).join('\n'));
  const [avoid, setAvoid] = useState((plan?.avoid_tasks || []).join('\n'));
  const [desk, setDesk] = useState(plan?.mixing_desk || null);
  const [saved, setSaved] = useState('');
  const [dirty, setDirty] = useState(false);
  const form = useFormState('plan', {
    weeks: t('ui.cw.plan.grid'),
    allowed_tasks: t('ui.cw.plan.allowed'),
    avoid_tasks: t('ui.cw.plan.avoid'),
    mixing_desk: t('ui.cw.desk.title'),
  });

  // A newer version saved elsewhere replaces the grid unless work is unsaved.
  useEffect(() => {
    if (dirty) return;
    setWeeks(fromPlan(plan));
    setAllowed((plan?.allowed_tasks || []).join('\n'));
    setAvoid((plan?.avoid_tasks || []).join('\n'));
    setDesk(plan?.mixing_desk || null);
  }, [plan?.version]);

  const change = (next) => {
    setWeeks(next);
    setDirty(true);
    setSaved('');
  };
  const setDay = (i, day, value) =>
    change(weeks.map((w, j) => (j === i ? { ...w, hours: { ...w.hours, [day]: value === '' ? '' : Number(value) } } : w)));
  const setNote = (i, note) => change(weeks.map((w, j) => (j === i ? { ...w, note } : w)));
  const setMeeting = (i, d) => change(weeks.map((w, j) => (j === i ? { ...w, status_meeting: d || null } : w)));
  const remove = (i) => change(weeks.filter((_, j) => j !== i));
  const addWeek = () => {
    const last = weeks[weeks.length - 1];
    const start = last ? addDays(last.week_start, 7) : mondayOf(copenhagenDate());
    change([...weeks, newWeek(start)]);
  };

  function validate() {
    const bad = weeks.some((w) => DAYS.some((d) => !validHours(w.hours[d] === '' ? 0 : w.hours[d])));
    return bad ? { weeks: t('ui.cw.plan.hours_invalid') } : {};
  }

  function submit(e) {
    e.preventDefault();
    form.run(validate, async () => {
      const lines = (s) => s.split('\n').map((x) => x.trim()).filter(Boolean);
      const body = {
        weeks: weeks.map((w) => ({
          week_start: w.week_start,
          hours: Object.fromEntries(DAYS.map((d) => [d, Number(w.hours[d]) || 0])),
          note: w.note,
          status_meeting: w.status_meeting,
        })),
        allowed_tasks: lines(allowed),
        avoid_tasks: lines(avoid),
        mixing_desk: desk,
      };
      const next = await api.put(`/citizens/${citizenId}/plan`, body);
      setDirty(false);
      setSaved(t('ui.cw.plan.saved', { version: next?.version ?? '' }));
      onChange();
    });
  }

  return (
    <div>
      <PlanFeedback plan={plan} />
      <p class="cw-meta">
        {plan?.version
          ? t('ui.cw.plan.version', { version: plan.version, date: formatDateTime(plan.created_at), name: plan.created_by?.name || '' })
          : t('ui.cw.plan.no_plan')}
        {plan?.version > 0 && ` · ${t(plan.seen_by_citizen ? 'ui.cw.plan.seen' : 'ui.cw.plan.not_seen')}`}
      </p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={form.summary} />
        <h3 id="plan-grid-h">{t('ui.cw.plan.grid')}</h3>
        <p class="form-hint" id="plan-grid-hint">
          {t('ui.cw.plan.grid_hint')}
        </p>
        {/* Focusable, so a keyboard can scroll the grid where it is wider than the screen. */}
        <div class="cw-scroll" id="plan-weeks" tabIndex={0} role="region" aria-labelledby="plan-grid-h">
          <table class="table table--compact cw-plan-grid">
            <caption class="sr-only">{t('ui.cw.plan.grid')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.cw.plan.week')}</th>
                {DAYS.map((d) => (
                  <th scope="col" key={d}>
                    <abbr title={t(`ui.cw.day.${d}`)}>{t(`ui.cw.day_short.${d}`)}</abbr>
                  </th>
                ))}
                <th scope="col">{t('ui.cw.plan.total')}</th>
                <th scope="col">{t('ui.cw.plan.note')}</th>
                <th scope="col">{t('ui.cw.plan.status_meeting')}</th>
                <th scope="col">
                  <span class="sr-only">{t('ui.cw.col.tools')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w, i) => (
                <tr key={w.week_start} class={w.week_start === mondayOf(copenhagenDate()) ? 'is-current' : ''}>
                  <th scope="row">{weekLabel(w.week_start)}</th>
                  {DAYS.map((d) => (
                    <td key={d}>
                      <label class="sr-only" for={`plan-${i}-${d}`}>
                        {t(`ui.cw.day.${d}`)}, {weekLabel(w.week_start)}
                      </label>
                      <input
                        class={validHours(w.hours[d] === '' ? 0 : w.hours[d]) ? 'form-input cw-hours' : 'form-input cw-hours is-invalid'}
                        type="number"
                        inputMode="decimal"
                        min="0"
                        max="24"
                        step="0.25"
                        id={`plan-${i}-${d}`}
                        value={w.hours[d]}
                        aria-describedby="plan-grid-hint"
                        onInput={(e) => setDay(i, d, e.currentTarget.value)}
                      />
                    </td>
                  ))}
                  <td class="cw-total" id={`plan-${i}-total`}>
                    {formatHours(weekTotal(w.hours))}
                  </td>
                  <td>
                    <label class="sr-only" for={`plan-${i}-note`}>
                      {t('ui.cw.plan.note')}, {weekLabel(w.week_start)}
                    </label>
                    <input class="form-input cw-note-input" id={`plan-${i}-note`} value={w.note} maxLength={500} onInput={(e) => setNote(i, e.currentTarget.value)} />
                  </td>
                  <td>
                    <label class="sr-only" for={`plan-${i}-meeting`}>
                      {t('ui.cw.plan.status_meeting')}, {weekLabel(w.week_start)}
                    </label>
                    <input class="form-input cw-date-input" type="date" id={`plan-${i}-meeting`} value={w.status_meeting || ''} onInput={(e) => setMeeting(i, e.currentTarget.value)} />
                  </td>
                  <td>
                    <button type="button" class="button button-tertiary cw-small" onClick={() => remove(i)}>
                      {t('ui.cw.remove')}
                      <span class="sr-only"> {weekLabel(w.week_start)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <button type="button" class="button button-secondary" id="plan-add-week" onClick={addWeek}>
            {t('ui.cw.plan.add_week')}
          </button>
        </p>
        {weeks.length > 0 && <PlanHelpers weeks={weeks} onWeeks={change} />}

        <h3>{t('ui.cw.plan.tasks')}</h3>
        <div class="cw-two">
          <TextArea id="plan-allowed_tasks" label={t('ui.cw.plan.allowed')} hint={t('ui.cw.plan.one_per_line')} error={form.errors.allowed_tasks} value={allowed} onValue={(v) => { setAllowed(v); setDirty(true); }} rows={5} />
          <TextArea id="plan-avoid_tasks" label={t('ui.cw.plan.avoid')} hint={t('ui.cw.plan.one_per_line')} error={form.errors.avoid_tasks} value={avoid} onValue={(v) => { setAvoid(v); setDirty(true); }} rows={5} />
        </div>

        <MixingDesk desk={desk} onDesk={(d) => { setDesk(d); setDirty(true); }} error={form.errors.mixing_desk} />

        <div class="form-actions cw-save-bar">
          <button type="submit" class="button button-primary" id="plan-save" disabled={form.busy}>
            {t('ui.cw.plan.save')}
          </button>
          {dirty && <span class="cw-meta">{t('ui.cw.plan.unsaved')}</span>}
        </div>
        <Status text={saved} />
      </form>
      <PlanHistory citizenId={citizenId} version={plan?.version || 0} />
    </div>
  );
}

// PlanHelpers: copy a week forward, or step up from it.
function PlanHelpers({ weeks, onWeeks }) {
  const [from, setFrom] = useState(weeks[weeks.length - 1].week_start);
  const [mode, setMode] = useState('percent');
  const [amount, setAmount] = useState('25');
  const [count, setCount] = useState('1');
  const [note, setNote] = useState('');
  const start = weeks.some((w) => w.week_start === from) ? from : weeks[weeks.length - 1].week_start;
  const n = Math.max(1, Math.min(26, Number(count) || 1));

  function copy() {
    onWeeks(copyForward(weeks, start, n));
    setNote(t('ui.cw.plan.copied', { week: weekLabel(start), n }));
  }
  function step() {
    const a = Number(String(amount).replace(',', '.'));
    if (!Number.isFinite(a) || a <= 0) return setNote(t('ui.cw.plan.amount_invalid'));
    onWeeks(stepUp(weeks, start, { mode, amount: a, count: n }));
    setNote(t('ui.cw.plan.stepped', { week: weekLabel(start), n }));
  }
  return (
    <fieldset class="cw-helpers">
      <legend class="h4">{t('ui.cw.plan.helpers')}</legend>
      <p class="form-hint">{t('ui.cw.plan.helpers_hint')}</p>
      <div class="cw-helper-row">
        <Select id="plan-from" label={t('ui.cw.plan.from_week')} value={start} onValue={setFrom} options={weeks.map((w) => ({ value: w.week_start, label: weekLabel(w.week_start) }))} />
        <Field id="plan-count" type="number" inputMode="numeric" min="1" max="26" label={t('ui.cw.plan.count')} value={count} onValue={setCount} width="input-width-xs" />
      </div>
      <Radios name="plan-mode" legend={t('ui.cw.plan.step_by')} inline value={mode} onValue={setMode} options={[{ value: 'percent', label: t('ui.cw.plan.percent') }, { value: 'hours', label: t('ui.cw.plan.hours_per_week') }]} />
      <Field id="plan-amount" type="text" inputMode="decimal" label={mode === 'percent' ? t('ui.cw.plan.amount_percent') : t('ui.cw.plan.amount_hours')} value={amount} onValue={setAmount} width="input-width-xs" />
      <div class="form-actions">
        <button type="button" class="button button-secondary" id="plan-step-up" onClick={step}>
          {t('ui.cw.plan.step_up')}
        </button>
        <button type="button" class="button button-secondary" id="plan-copy" onClick={copy}>
          {t('ui.cw.plan.copy_forward')}
        </button>
      </div>
      <p role="status" class="cw-meta">
        {note}
      </p>
    </fieldset>
  );
}

// MixingDesk: six sliders from "needs accommodation" (1) to "ordinary terms"
// (5). Each is unset until the caseworker moves it: moving one never gives
// the other five a value.
function MixingDesk({ desk, onDesk, error }) {
  const values = desk || {};
  const set = (s, n) => {
    const next = { ...values, [s]: n };
    onDesk(SLIDERS.some((k) => next[k] != null) ? next : null);
  };
  return (
    <fieldset class="cw-desk" id="plan-mixing_desk" tabIndex={-1}>
      <legend class="h3">{t('ui.cw.desk.title')}</legend>
      <p class="form-hint">{t('ui.cw.desk.hint')}</p>
      {!desk && <p class="cw-meta">{t('ui.cw.desk.not_set')}</p>}
      {error && <p class="form-error-message">{error}</p>}
      {SLIDERS.map((s) => (
        <AnswerRange
          key={s}
          classes="cw-slider"
          id={`desk-${s}`}
          label={dimensionName(s)}
          value={values[s] ?? null}
          min={1}
          max={5}
          low={t('ui.mixing.low')}
          high={t('ui.mixing.high')}
          valueText={(n) => `${n} – ${levelName(n)}`}
          unsetText={t('ui.cw.desk.slider_unset')}
          clearLabel={t('ui.cw.desk.clear')}
          onValue={(n) => set(s, n)}
        />
      ))}
    </fieldset>
  );
}

// PlanFeedback: the citizen's "do you recognise yourself in the plan?".
function PlanFeedback({ plan }) {
  const fb = plan?.feedback;
  if (!plan?.version) return null;
  return (
    <div class={`cw-feedback cw-feedback-${fb?.recognises || 'none'}`}>
      <h3>{t('ui.cw.plan.feedback_title')}</h3>
      {fb ? (
        <>
          <p>
            <strong>{t(`ui.cw.plan.recognises.${fb.recognises}`)}</strong>{' '}
            <span class="cw-meta">
              {t('ui.cw.plan.feedback_on', { version: fb.plan_version, date: formatDateTime(fb.updated_at) })}
            </span>
          </p>
          {fb.comment && <blockquote class="cw-quote">{fb.comment}</blockquote>}
        </>
      ) : (
        <p>{t('ui.cw.plan.no_feedback')}</p>
      )}
    </div>
  );
}

// PlanHistory loads the versions on demand (each read is in the audit log).
function PlanHistory({ citizenId, version }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  async function toggle() {
    const next = !open;
    setOpen(next);
    if (next) {
      try {
        setItems((await api.get(`/citizens/${citizenId}/plan/versions`)).items || []);
      } catch (e) {
        setError(e);
      }
    }
  }
  if (!version) return null;
  return (
    <div class="cw-history">
      <button type="button" class="button button-tertiary" aria-expanded={open ? 'true' : 'false'} aria-controls="plan-history" onClick={toggle}>
        {open ? t('ui.cw.plan.history_hide') : t('ui.cw.plan.history_show')}
      </button>
      <div id="plan-history" hidden={!open}>
        {error && <p>{error.message}</p>}
        {open && !items && !error && <p>{t('ui.app.loading')}</p>}
        {items && (
          <ol class="cw-versions" reversed>
            {items.map((v) => (
              <li key={v.version}>
                <p>
                  <strong>{t('ui.cw.plan.version_short', { version: v.version })}</strong> · {formatDateTime(v.created_at)} · {v.created_by?.name} · {t('ui.cw.plan.total_hours', { hours: formatHours(v.total_hours) })}
                </p>
                {v.changes?.length > 0 && (
                  <ul>
                    {v.changes.map((c, i) => (
                      <li key={i}>{describeChange(c)}</li>
                    ))}
                  </ul>
                )}
                {v.feedback && (
                  <p class="cw-meta">
                    {t('ui.cw.plan.citizen_said', { answer: t(`ui.cw.plan.recognises.${v.feedback.recognises}`) })}
                    {v.feedback.comment && ` “${v.feedback.comment}”`}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

export function describeChange(c) {
  const week = c.week_start ? weekLabel(c.week_start) : '';
  switch (c.kind) {
    case 'week_added':
      return t('ui.cw.change.week_added', { week, hours: formatHours(c.to) });
    case 'week_removed':
      return t('ui.cw.change.week_removed', { week });
    case 'hours_changed':
      return t('ui.cw.change.hours_changed', {
        week,
        days: (c.days || []).map((d) => `${t(`ui.cw.day.${d.day}`)} ${formatHours(d.from)} → ${formatHours(d.to)}`).join(', '),
      });
    case 'note_changed':
      return t('ui.cw.change.note_changed', { week });
    case 'status_meeting_changed':
      return t('ui.cw.change.status_meeting_changed', { week, date: c.to ? formatDate(c.to) : '–' });
    case 'task_added':
    case 'task_removed':
      return t(`ui.cw.change.${c.kind}`, { task: c.task, list: t(`ui.cw.plan.list_${c.list}`) });
    case 'slider_moved':
      return t('ui.cw.change.slider_moved', { slider: dimensionName(c.slider), from: c.from ?? '–', to: c.to ?? '–' });
    default:
      return c.kind;
  }
}
