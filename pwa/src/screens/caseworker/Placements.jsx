import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { STEPS, stepExplain } from '../../staircase.js';
import { meetingOptions, stepName } from './bits.jsx';
import { Field, Radios, Select, Status, TextArea, useFormState } from './fields.jsx';
import { copenhagenDate, formatDate, formatDateTime } from './format.js';
import { StaircaseGap } from './Progression.jsx';

const PARTIES = ['citizen', 'employer', 'jobcenter'];

// Placements: where each party (the citizen too) places the citizen on the
// challenge staircase, each with a date and optionally the meeting it was
// said at. The gap between them comes from the API.
export function Placements({ citizenId, placements, gap, meetings, onChange }) {
  const [party, setParty] = useState('employer');
  const [step, setStep] = useState('');
  const [date, setDate] = useState(copenhagenDate());
  const [meeting, setMeeting] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const form = useFormState('pl', { party: t('ui.cw.place.party'), step: t('ui.cw.place.step'), date: t('ui.cw.place.date'), meeting_id: t('ui.cw.place.meeting'), note: t('ui.cw.place.note') });
  const list = [...(placements || [])].reverse();

  function submit(e) {
    e.preventDefault();
    form.run(
      () => {
        const err = {};
        if (!step) err.step = t('ui.cw.place.step_missing');
        if (!date) err.date = t('ui.cw.place.date_missing');
        return err;
      },
      async () => {
        await api.post(`/citizens/${citizenId}/placements`, { party, step: Number(step), date, note: note.trim(), meeting_id: meeting || null });
        setDone(t('ui.cw.place.saved', { party: t(`ui.cw.party.${party}`), step: stepName(Number(step)) }));
        setStep('');
        setNote('');
        onChange();
      },
    );
  }
  return (
    <>
      <StaircaseGap gap={gap} />
      <div class="cw-two">
        <form onSubmit={submit} noValidate>
          <h3>{t('ui.cw.place.record')}</h3>
          <ErrorSummary items={form.summary} />
          <Radios name="pl-party" legend={t('ui.cw.place.party')} inline value={party} onValue={setParty} options={PARTIES.map((p) => ({ value: p, label: t(`ui.cw.party.${p}`) }))} />
          <Radios name="pl-step" legend={t('ui.cw.place.step')} error={form.errors.step} value={step} onValue={setStep} options={STEPS.map((n) => ({ value: String(n), label: stepName(n), hint: stepExplain(n) }))} />
          <Field id="pl-date" type="date" label={t('ui.cw.place.date')} error={form.errors.date} value={date} onValue={setDate} max={copenhagenDate()} width="input-width-s" />
          <Select id="pl-meeting_id" label={t('ui.cw.place.meeting')} error={form.errors.meeting_id} value={meeting} onValue={setMeeting} options={meetingOptions(meetings, formatDateTime)} />
          <TextArea id="pl-note" label={t('ui.cw.place.note')} error={form.errors.note} value={note} onValue={setNote} rows={2} maxLength={1000} />
          <div class="form-actions">
            <button type="submit" class="button button-primary" id="pl-save" disabled={form.busy}>
              {t('ui.cw.place.save')}
            </button>
          </div>
          <Status text={done} />
        </form>
        <div>
          <h3>{t('ui.cw.place.recorded')}</h3>
          {!list.length ? <p>{t('ui.cw.place.none')}</p> : <PlacementTable list={list} />}
        </div>
      </div>
    </>
  );
}

export function PlacementTable({ list, notes = true }) {
  return (
    <table class="table table--compact" id="placements-table">
      <caption class="sr-only">{t('ui.cw.place.recorded')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.cw.place.date')}</th>
          <th scope="col">{t('ui.cw.place.party')}</th>
          <th scope="col">{t('ui.cw.place.step')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((p) => (
          <tr key={p.id}>
            <td>{formatDate(p.date)}</td>
            <td>{t(`ui.cw.party.${p.party}`)}</td>
            <td>
              {stepName(p.step)}
              {notes && p.note && <span class="cw-note">{p.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
