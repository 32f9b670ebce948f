import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { Select, useFormState, useLoad } from './fields.jsx';
import { InvitePanel } from './InvitePanel.jsx';

// InviteTools says how the citizen signs in (MitID or password) and issues a
// new invite: while the citizen has not activated, or when an activated
// citizen has forgotten their password or needs to link a new MitID (the
// code lets them do either).
export function InviteTools({ citizen }) {
  const [invite, setInvite] = useState(null);
  const form = useFormState('inv', {});
  return (
    <div>
      {citizen.sign_in_method && <p id="sign-in-method">{t(`ui.cw.invite.method_${citizen.sign_in_method}`)}</p>}
      <p>{t(inviteHelp(citizen))}</p>
      <ErrorSummary items={form.summary} />
      {invite ? (
        <InvitePanel invite={invite} name={citizen.name} heading="h4" />
      ) : (
        <button type="button" class="button button-secondary" id="invite-reissue" disabled={form.busy} onClick={() => form.run(null, async () => setInvite(await api.post(`/citizens/${citizen.id}/invite`)))}>
          {t('ui.cw.invite.reissue')}
        </button>
      )}
    </div>
  );
}

function inviteHelp(citizen) {
  if (!citizen.activated) return 'ui.cw.invite.not_activated';
  return citizen.sign_in_method === 'mitid' ? 'ui.cw.invite.activated_mitid' : 'ui.cw.invite.activated_forgot';
}

// Reassign hands the citizen to another caseworker; they leave this caseload.
export function Reassign({ citizen, user }) {
  const list = useLoad('/caseworkers');
  const others = (list.data?.items || []).filter((c) => c.id !== user?.id);
  const [to, setTo] = useState('');
  const [confirm, setConfirm] = useState(false);
  const form = useFormState('ra', { caseworker_id: t('ui.cw.reassign.to') });
  if (list.loading) return <p>{t('ui.app.loading')}</p>;
  if (!others.length) return <p>{t('ui.cw.reassign.nobody')}</p>;
  const chosen = others.find((c) => c.id === to);
  function submit(e) {
    e.preventDefault();
    if (!confirm) {
      form.run(() => (to ? {} : { caseworker_id: t('ui.cw.reassign.to_missing') }), async () => setConfirm(true));
      return;
    }
    form.run(null, async () => {
      await api.post(`/citizens/${citizen.id}/reassign`, { caseworker_id: to });
      navigate('/sagsbehandler');
    });
  }
  return (
    <form id="reassign-form" onSubmit={submit} noValidate>
      <ErrorSummary items={form.summary} />
      <Select id="ra-caseworker_id" label={t('ui.cw.reassign.to')} error={form.errors.caseworker_id} value={to} onValue={(v) => { setTo(v); setConfirm(false); }} options={[{ value: '', label: t('ui.cw.reassign.choose') }, ...others.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))]} />
      {confirm && chosen && <p role="status">{t('ui.cw.reassign.confirm', { name: citizen.name, to: chosen.name })}</p>}
      <div class="form-actions">
        <button type="submit" class="button button-secondary" disabled={form.busy}>
          {confirm ? t('ui.cw.reassign.yes') : t('ui.cw.reassign.submit')}
        </button>
      </div>
    </form>
  );
}

