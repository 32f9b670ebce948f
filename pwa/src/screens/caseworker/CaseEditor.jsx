import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Field, Select, Status, useFormState } from './fields.jsx';
import { formatDate } from './format.js';

const EMPLOYMENTS = ['employed', 'self_employed', 'unemployed'];
const EXEMPT_REASONS = ['illness', 'treatment', 'pregnancy', 'other'];
const CLOSE_REASONS = ['returned_to_work', 'jobafklaring', 'moved_municipality', 'other'];

// CaseEditor changes the case's facts (PATCH /citizens/{id}); the API keeps
// the category's history.
export function CaseEditor({ citizen: c, onChange }) {
  const [v, setV] = useState(() => ({
    category: String(c.category),
    first_sick_day: c.first_sick_day,
    expected_weeks: c.expected_weeks ? String(c.expected_weeks) : '',
    employment: c.employment || 'employed',
    employer_name: c.employer_name || '',
    exempt_reason: c.exempt?.reason || '',
    exempt_until: c.exempt?.until || '',
  }));
  const [done, setDone] = useState('');
  const form = useFormState('case', {
    category: t('ui.cw.case.category'),
    first_sick_day: t('ui.cw.case.first_sick_day'),
    expected_weeks: t('ui.cw.case.expected_weeks'),
    employment: t('ui.cw.case.employment'),
    employer_name: t('ui.cw.case.employer_name'),
    exempt: t('ui.cw.case.exempt_reason'),
  });
  const set = (k) => (val) => setV({ ...v, [k]: val });
  const closed = c.status === 'closed';
  function submit(e) {
    e.preventDefault();
    setDone('');
    form.run(null, async () => {
      const body = {
        category: Number(v.category),
        first_sick_day: v.first_sick_day,
        employment: v.employment,
        employer_name: v.employer_name,
        exempt: v.exempt_reason ? { reason: v.exempt_reason, until: v.exempt_until || null } : null,
      };
      if (v.expected_weeks) body.expected_weeks = Number(v.expected_weeks);
      await api.patch(`/citizens/${c.id}`, body);
      setDone(t('ui.cw.case.saved'));
      onChange();
    });
  }
  return (
    <div>
      <h3>{t('ui.cw.case.heading')}</h3>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={form.summary} />
        <fieldset disabled={closed}>
          <legend class="sr-only">{t('ui.cw.case.heading')}</legend>
          <Select id="case-category" label={t('ui.cw.case.category')} error={form.errors.category} value={v.category} onValue={set('category')} options={[1, 2, 3].map((n) => ({ value: String(n), label: t('ui.cw.category.short', { n }) }))} />
          <Field id="case-first_sick_day" type="date" width="input-width-s" label={t('ui.cw.case.first_sick_day')} error={form.errors.first_sick_day} value={v.first_sick_day} onValue={set('first_sick_day')} />
          <Field id="case-expected_weeks" type="number" inputMode="numeric" min="1" max="520" width="input-width-xs" label={t('ui.cw.case.expected_weeks')} error={form.errors.expected_weeks} value={v.expected_weeks} onValue={set('expected_weeks')} />
          <Select id="case-employment" label={t('ui.cw.case.employment')} hint={t('ui.cw.case.employment_hint')} error={form.errors.employment} value={v.employment} onValue={set('employment')} options={EMPLOYMENTS.map((k) => ({ value: k, label: t(`ui.cw.employment.${k}`) }))} />
          <Field id="case-employer_name" label={t('ui.cw.case.employer_name')} error={form.errors.employer_name} value={v.employer_name} onValue={set('employer_name')} />
          <Select id="case-exempt" label={t('ui.cw.case.exempt_reason')} hint={t('ui.cw.case.exempt_hint')} error={form.errors.exempt} value={v.exempt_reason} onValue={set('exempt_reason')} options={[{ value: '', label: t('ui.cw.case.not_exempt') }, ...EXEMPT_REASONS.map((k) => ({ value: k, label: t(`ui.cw.exempt.${k}`) }))]} />
          {v.exempt_reason && <Field id="case-exempt_until" type="date" width="input-width-s" label={t('ui.cw.case.exempt_until')} value={v.exempt_until} onValue={set('exempt_until')} />}
          <div class="form-actions">
            <button type="submit" class="button button-secondary" id="case-save" disabled={form.busy}>
              {t('ui.cw.case.save')}
            </button>
          </div>
        </fieldset>
      </form>
      <Status text={done} />
      <h4>{t('ui.cw.case.history')}</h4>
      <ul class="cw-history">
        {(c.category_history || []).map((h, i) => (
          <li key={i}>{t('ui.cw.case.history_item', { n: h.category, date: formatDate(h.from) })}</li>
        ))}
      </ul>
    </div>
  );
}

// CaseClosing ends, reopens and deletes the case, each with a confirmation.
export function CaseClosing({ citizen: c, onChange }) {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useFormState('close', { date: t('ui.cw.close.date'), reason: t('ui.cw.close.reason') });
  if (c.status === 'closed') {
    const run = (what, call) => form.run(null, async () => {
      if (confirm !== what) return setConfirm(what);
      await call();
    });
    return (
      <div>
        <h3>{t('ui.cw.close.heading')}</h3>
        <p id="case-closed-note">{t('ui.cw.close.closed_on', { date: formatDate(c.closed_on), reason: t(`ui.cw.close_reason.${c.close_reason}`) })}</p>
        <p>{t('ui.cw.close.retention')}</p>
        <ErrorSummary items={form.summary} />
        {confirm === 'delete' && <p role="status" class="cw-overdue">{t('ui.cw.close.delete_confirm', { name: c.name })}</p>}
        {confirm === 'reopen' && <p role="status">{t('ui.cw.close.reopen_confirm')}</p>}
        <div class="form-actions">
          <button type="button" class="button button-secondary" id="case-reopen" disabled={form.busy} onClick={() => run('reopen', async () => { await api.post(`/citizens/${c.id}/reopen`); setConfirm(''); onChange(); })}>
            {confirm === 'reopen' ? t('ui.cw.close.reopen_yes') : t('ui.cw.close.reopen')}
          </button>
          <button type="button" class="button button-secondary" id="case-delete" disabled={form.busy} onClick={() => run('delete', async () => { await api.del(`/citizens/${c.id}`); navigate('/sagsbehandler'); })}>
            {confirm === 'delete' ? t('ui.cw.close.delete_yes') : t('ui.cw.close.delete')}
          </button>
        </div>
      </div>
    );
  }
  function submit(e) {
    e.preventDefault();
    form.run(
      () => (reason ? {} : { reason: t('ui.cw.close.reason_missing') }),
      async () => {
        if (confirm !== 'close') return setConfirm('close');
        await api.post(`/citizens/${c.id}/close`, { date, reason });
        setConfirm('');
        onChange();
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('ui.cw.close.heading')}</h3>
      <p>{t('ui.cw.close.intro')}</p>
      <ErrorSummary items={form.summary} />
      <Field id="close-date" type="date" width="input-width-s" label={t('ui.cw.close.date')} error={form.errors.date} value={date} onValue={(x) => { setDate(x); setConfirm(''); }} />
      <Select id="close-reason" label={t('ui.cw.close.reason')} error={form.errors.reason} value={reason} onValue={(x) => { setReason(x); setConfirm(''); }} options={[{ value: '', label: t('ui.cw.close.choose') }, ...CLOSE_REASONS.map((k) => ({ value: k, label: t(`ui.cw.close_reason.${k}`) }))]} />
      {confirm === 'close' && <p role="status">{t('ui.cw.close.confirm', { name: c.name })}</p>}
      <div class="form-actions">
        <button type="submit" class="button button-secondary" id="close-submit" disabled={form.busy}>
          {confirm === 'close' ? t('ui.cw.close.yes') : t('ui.cw.close.submit')}
        </button>
      </div>
    </form>
  );
}
