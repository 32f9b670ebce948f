import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { Field, Select, useFormState } from './fields.jsx';
import { formatDate } from './format.js';

const OUTCOMES = ['extended', 'jobafklaring', 'returned_to_work', 'other'];

// TimelineList shows the law's clock as the API computes it (timeline.go);
// the PWA never recomputes a date or a status.
export function TimelineList({ items, id = 'cw-timeline' }) {
  return (
    <ul class="cw-timeline" id={id}>
      {(items || []).map((it) => (
        <li key={it.key} class={`is-${it.status}`}>
          <span>{t(`ui.timeline.key.${it.key}`)}</span> <strong>{formatDate(it.due)}</strong>{' '}
          <span class="cw-timeline-status">
            {it.status === 'done' && it.done_on
              ? t('ui.timeline.done_on', { date: formatDate(it.done_on) })
              : t(`ui.timeline.status.${it.status}`)}
            {it.outcome && ` · ${t(`ui.cw.outcome.${it.outcome}`)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

// CaseTimeline is the caseworker's timeline section with the two steps
// recorded by hand: the doctor's consultation and the re-evaluation.
export function CaseTimeline({ citizen: c, onChange }) {
  const items = c.timeline || [];
  const open = (key) => items.some((it) => it.key === key && (it.status === 'open' || it.status === 'overdue'));
  const closed = c.status === 'closed';
  return (
    <div>
      <TimelineList items={items} />
      {!closed && open('doctor_consultation') && <RecordStep citizenId={c.id} step="doctor_consultation" onChange={onChange} />}
      {!closed && open('re_evaluation') && <RecordStep citizenId={c.id} step="re_evaluation" onChange={onChange} />}
    </div>
  );
}

function RecordStep({ citizenId, step, onChange }) {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
  const [doneOn, setDoneOn] = useState(today);
  const [outcome, setOutcome] = useState('');
  const prefix = `tl-${step}`;
  const labels = { done_on: t('ui.cw.timeline.done_on') };
  if (step === 're_evaluation') labels.outcome = t('ui.cw.timeline.outcome');
  const form = useFormState(prefix, labels);
  function submit(e) {
    e.preventDefault();
    form.run(
      () => (step === 're_evaluation' && !outcome ? { outcome: t('ui.cw.timeline.outcome_missing') } : {}),
      async () => {
        const body = step === 're_evaluation' ? { done_on: doneOn, outcome } : { done_on: doneOn };
        await api.post(`/citizens/${citizenId}/timeline/${step}`, body);
        onChange();
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate class="cw-inline-form">
      <h3 class="h4">{t(`ui.cw.timeline.record_${step}`)}</h3>
      <ErrorSummary items={form.summary} />
      <Field id={`${prefix}-done_on`} type="date" width="input-width-s" label={t('ui.cw.timeline.done_on')} error={form.errors.done_on} value={doneOn} onValue={setDoneOn} />
      {step === 're_evaluation' && (
        <Select id={`${prefix}-outcome`} label={t('ui.cw.timeline.outcome')} error={form.errors.outcome} value={outcome} onValue={setOutcome} options={[{ value: '', label: t('ui.cw.close.choose') }, ...OUTCOMES.map((k) => ({ value: k, label: t(`ui.cw.outcome.${k}`) }))]} />
      )}
      <div class="form-actions">
        <button type="submit" class="button button-secondary" id={`${prefix}-submit`} disabled={form.busy}>
          {t('ui.cw.timeline.record')}
        </button>
      </div>
    </form>
  );
}
