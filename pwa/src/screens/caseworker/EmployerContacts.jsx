// The employer at the table: the caseworker invites the employee's manager
// or HR contact (name, e-mail), hands over the invite like the citizen's
// (code, link, QR code), sees who has access and ends it with a confirmation.
// What the employer sees is the citizen's choice, on the citizen's own screen.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { Field, LoadError, Status, useFormState, useLoad } from './fields.jsx';
import { formatDateTime } from './format.js';
import { InvitePanel } from './InvitePanel.jsx';

export function EmployerContacts({ citizen }) {
  const list = useLoad(`/citizens/${citizen.id}/employer-contacts`);
  const [invite, setInvite] = useState(null);
  const [ending, setEnding] = useState(null);
  const [done, setDone] = useState('');
  const items = list.data?.items || [];

  async function end(contact) {
    if (ending !== contact.id) return setEnding(contact.id);
    try {
      await api.del(`/citizens/${citizen.id}/employer-contacts/${contact.id}`);
      setDone(t('ui.cw.employer.ended', { name: contact.name }));
      if (invite?.id === contact.id) setInvite(null);
    } catch (e) {
      setDone(e.message || t('ui.error.generic'));
    }
    setEnding(null);
    list.reload();
  }

  return (
    <div id="employer-contacts">
      <p>{t('ui.cw.employer.intro')}</p>
      <LoadError error={list.error} />
      {items.length === 0 && !list.loading && <p>{t('ui.cw.employer.none')}</p>}
      {items.length > 0 && (
        <ul class="cw-list">
          {items.map((c) => (
            <li key={c.id}>
              <p>
                {c.name} ({c.email}) – {c.invite_pending ? t('ui.cw.employer.pending', { date: formatDateTime(c.invite_expires_at) }) : t('ui.cw.employer.active')}
              </p>
              {ending === c.id && <p role="status">{t('ui.cw.employer.confirm', { name: c.name, citizen: citizen.name })}</p>}
              <button type="button" class="button button-secondary" id={`end-${c.id}`} onClick={() => end(c)}>
                {ending === c.id ? t('ui.cw.employer.end_yes') : t('ui.cw.employer.end')}
              </button>
              {ending === c.id && (
                <button type="button" class="button button-tertiary" onClick={() => setEnding(null)}>
                  {t('ui.cw.employer.end_no')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <Status text={done} />
      {invite && <InvitePanel invite={invite} name={invite.name} heading="h3" idPrefix="employer-invite" intro={t('ui.cw.employer.invite_intro')} />}
      <NewContact citizenId={citizen.id} onCreated={(c) => { setInvite(c.invite_code ? c : null); setDone(c.invite_code ? '' : t('ui.cw.employer.linked', { name: c.name })); list.reload(); }} />
    </div>
  );
}

function NewContact({ citizenId, onCreated }) {
  const labels = { name: t('ui.cw.employer.name'), email: t('ui.cw.employer.email') };
  const form = useFormState('emp', labels);
  const [v, setV] = useState({ name: '', email: '' });
  const set = (k) => (x) => setV({ ...v, [k]: x });
  function submit(e) {
    e.preventDefault();
    form.run(
      () => {
        const errs = {};
        if (!v.name.trim()) errs.name = t('ui.cw.employer.name_missing');
        if (!v.email.trim()) errs.email = t('ui.cw.employer.email_missing');
        return errs;
      },
      async () => {
        const c = await api.post(`/citizens/${citizenId}/employer-contacts`, { name: v.name.trim(), email: v.email.trim() });
        setV({ name: '', email: '' });
        onCreated(c);
      },
    );
  }
  return (
    <form id="employer-contact-form" onSubmit={submit} noValidate>
      <h3>{t('ui.cw.employer.add')}</h3>
      <ErrorSummary items={form.summary} />
      <Field id="emp-name" label={labels.name} error={form.errors.name} value={v.name} onValue={set('name')} autocomplete="off" required />
      <Field id="emp-email" type="email" label={labels.email} error={form.errors.email} value={v.email} onValue={set('email')} autocomplete="off" spellcheck={false} required />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={form.busy}>
          {t('ui.cw.employer.invite')}
        </button>
      </div>
    </form>
  );
}
