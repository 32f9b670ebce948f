import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { Page } from '../../components/Page.jsx';
import { t } from '../../i18n.js';
import { Field, LoadError, Status, TextArea, useFormState, useLoad } from './fields.jsx';

// The caseworker's contact card: the phone number and hours every citizen on
// the caseload sees on I dag, on each meeting and on the fast-track card.
export default function Profile() {
  const me = useLoad('/me');
  const [phone, setPhone] = useState('');
  const [hours, setHours] = useState('');
  const [done, setDone] = useState('');
  const form = useFormState('cp', { phone: t('ui.cw.contact.phone'), contact_hours: t('ui.cw.contact.hours') });
  useEffect(() => {
    if (!me.data) return;
    setPhone(me.data.phone || '');
    setHours(me.data.contact_hours || '');
  }, [me.data]);

  function submit(e) {
    e.preventDefault();
    setDone('');
    form.run(null, async () => {
      await api.patch('/me', { phone: phone.trim(), contact_hours: hours.trim() });
      setDone(t('ui.cw.contact.saved'));
    });
  }
  return (
    <Page title={t('ui.cw.contact.title')}>
      <p>{t('ui.cw.contact.intro')}</p>
      <LoadError error={me.error} />
      {me.data && (
        <form onSubmit={submit} noValidate>
          <ErrorSummary items={form.summary} />
          <Field id="cp-phone" type="tel" autocomplete="tel" label={t('ui.cw.contact.phone')} hint={t('ui.cw.contact.phone_hint')} error={form.errors.phone} value={phone} onValue={setPhone} width="input-width-m" />
          <TextArea id="cp-contact_hours" label={t('ui.cw.contact.hours')} hint={t('ui.cw.contact.hours_hint')} error={form.errors.contact_hours} value={hours} onValue={setHours} rows={2} maxLength={200} />
          <div class="form-actions">
            <button type="submit" class="button button-primary" id="cp-save" disabled={form.busy}>
              {t('ui.cw.contact.save')}
            </button>
          </div>
          <Status text={done} />
        </form>
      )}
      <p class="after-form">
        <a href="/sagsbehandler">{t('ui.cw.back_to_caseload')}</a>
      </p>
    </Page>
  );
}
