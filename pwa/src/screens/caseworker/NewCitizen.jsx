import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';
import { Field, Radios, useFormState } from './fields.jsx';
import { copenhagenDate } from './format.js';
import { InvitePanel } from './InvitePanel.jsx';

// Register a new citizen and hand over the invite.
export default function NewCitizen() {
  const [v, setV] = useState({ name: '', email: '', locale: 'da', first_sick_day: '', category: '', expected_weeks: '', employer_name: '' });
  const [created, setCreated] = useState(null);
  const set = (k) => (val) => setV((s) => ({ ...s, [k]: val }));
  const labels = {
    name: t('ui.cw.new.name'),
    email: t('ui.cw.new.email'),
    locale: t('ui.cw.new.locale'),
    first_sick_day: t('ui.cw.new.first_sick_day'),
    category: t('ui.cw.new.category'),
    expected_weeks: t('ui.cw.new.expected_weeks'),
    employer_name: t('ui.cw.new.employer'),
  };
  const form = useFormState('new', labels);

  function validate() {
    const e = {};
    if (!v.name.trim()) e.name = t('ui.cw.new.name_missing');
    if (!v.email.trim()) e.email = t('ui.cw.new.email_missing');
    if (!v.first_sick_day) e.first_sick_day = t('ui.cw.new.first_sick_day_missing');
    if (!v.category) e.category = t('ui.cw.new.category_missing');
    if (v.expected_weeks && !(Number(v.expected_weeks) >= 1)) e.expected_weeks = t('ui.cw.new.expected_weeks_invalid');
    return e;
  }

  function submit(e) {
    e.preventDefault();
    form.run(validate, async () => {
      const body = {
        name: v.name.trim(),
        email: v.email.trim(),
        locale: v.locale,
        first_sick_day: v.first_sick_day,
        category: Number(v.category),
        employer_name: v.employer_name.trim(),
      };
      if (v.expected_weeks) body.expected_weeks = Number(v.expected_weeks);
      setCreated(await api.post('/citizens', body));
    });
  }

  if (created) {
    return (
      <Page title={t('ui.cw.new.done_title')}>
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t('ui.cw.new.done', { name: created.name })}</p>
          </div>
        </div>
        <InvitePanel invite={created} name={created.name} />
        <p class="after-form">
          <a href={`/sagsbehandler/borger/${created.id}`}>{t('ui.cw.new.open_citizen', { name: created.name })}</a>
          <br />
          <a href="/sagsbehandler">{t('ui.cw.back_to_caseload')}</a>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t('ui.cw.new.title')}>
      <p>{t('ui.cw.new.intro')}</p>
      <ErrorSummary items={form.summary} />
      <form onSubmit={submit} noValidate class="cw-form">
        <Field id="new-name" label={labels.name} error={form.errors.name} value={v.name} onValue={set('name')} autocomplete="off" required />
        <Field id="new-email" type="email" label={labels.email} hint={t('ui.cw.new.email_hint')} error={form.errors.email} value={v.email} onValue={set('email')} autocomplete="off" spellcheck={false} required />
        <Radios name="new-locale" legend={labels.locale} error={form.errors.locale} value={v.locale} onValue={set('locale')} inline options={[{ value: 'da', label: 'Dansk' }, { value: 'en', label: 'English' }]} />
        <Field id="new-first_sick_day" type="date" label={labels.first_sick_day} error={form.errors.first_sick_day} value={v.first_sick_day} onValue={set('first_sick_day')} max={copenhagenDate()} width="input-width-s" required />
        <Radios
          name="new-category"
          legend={labels.category}
          error={form.errors.category}
          value={v.category}
          onValue={set('category')}
          options={[1, 2, 3].map((n) => ({ value: String(n), label: t('ui.cw.category.short', { n }), hint: t(`ui.cw.category.explain_${n}`) }))}
        />
        <Field id="new-expected_weeks" type="number" inputMode="numeric" min="1" max="104" label={labels.expected_weeks} hint={t('ui.cw.new.expected_weeks_hint')} error={form.errors.expected_weeks} value={v.expected_weeks} onValue={set('expected_weeks')} width="input-width-xs" />
        <Field id="new-employer_name" label={labels.employer_name} error={form.errors.employer_name} value={v.employer_name} onValue={set('employer_name')} autocomplete="off" />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={form.busy}>
            {t('ui.cw.new.submit')}
          </button>
          <a href="/sagsbehandler">{t('ui.cw.cancel')}</a>
        </div>
      </form>
    </Page>
  );
}
