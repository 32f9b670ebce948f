import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { meetingOptions } from './bits.jsx';
import { Field, Radios, Select, Status, TextArea, useFormState } from './fields.jsx';
import { formatDate, formatDateTime } from './format.js';

export const OWNERS = ['citizen', 'employer', 'jobcenter', 'other'];

// byOwner groups the items in the order of OWNERS, leaving out empty groups.
export function byOwner(items) {
  return OWNERS.map((owner) => ({ owner, items: (items || []).filter((a) => a.owner === owner) })).filter((g) => g.items.length);
}

// AgreementLine: the text, when it is due, and whether it is done or overdue
// (the API says which), in words – never colour alone.
export function AgreementLine({ a }) {
  return (
    <>
      <span class={a.status === 'done' ? 'agree-text is-done' : 'agree-text'}>{a.text}</span>
      {a.due_date && <span class="agree-due"> · {t('ui.agree.due', { date: formatDate(a.due_date) })}</span>}
      {a.status === 'done' && <strong class="agree-state"> · {t('ui.agree.done')}</strong>}
      {a.overdue && <strong class="agree-state agree-overdue"> · {t('ui.agree.overdue')}</strong>}
    </>
  );
}

// Agreements: the roundtable's agreement on who does what, and when. Items
// are added and edited here, grouped by owner, each optionally tied to the
// meeting it was agreed at.
export function Agreements({ citizenId, items, meetings, onChange }) {
  const [editing, setEditing] = useState(null);
  const [status, setStatus] = useState('');
  const groups = byOwner(items);

  async function toggle(a) {
    const next = a.status === 'done' ? 'open' : 'done';
    await api.patch(`/citizens/${citizenId}/agreements/${a.id}`, { status: next });
    setStatus(t(next === 'done' ? 'ui.cw.agree.marked_done' : 'ui.cw.agree.reopened', { text: a.text }));
    onChange();
  }
  return (
    <div class="cw-two">
      <div>
        <h3>{t('ui.cw.agree.list')}</h3>
        {!groups.length && <p>{t('ui.cw.agree.none')}</p>}
        {groups.map((g) => (
          <section key={g.owner} aria-labelledby={`agree-owner-${g.owner}`}>
            <h4 id={`agree-owner-${g.owner}`}>{t(`ui.agree.owner.${g.owner}`)}</h4>
            <ul class="nobullet-list agree-list">
              {g.items.map((a) => (
                <li key={a.id} class="agree-item">
                  {editing === a.id ? (
                    <AgreementForm citizenId={citizenId} item={a} meetings={meetings} onDone={() => { setEditing(null); onChange(); }} onCancel={() => setEditing(null)} />
                  ) : (
                    <>
                      <p>
                        <AgreementLine a={a} />
                      </p>
                      <button type="button" class="button button-tertiary" onClick={() => toggle(a)}>
                        {t(a.status === 'done' ? 'ui.cw.agree.reopen' : 'ui.cw.agree.mark_done')}
                        <span class="sr-only">: {a.text}</span>
                      </button>{' '}
                      <button type="button" class="button button-tertiary" onClick={() => setEditing(a.id)}>
                        {t('ui.cw.agree.edit')}
                        <span class="sr-only">: {a.text}</span>
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
        <Status text={status} />
      </div>
      <AgreementForm citizenId={citizenId} meetings={meetings} onDone={onChange} />
    </div>
  );
}

// AgreementForm adds an item, or edits one (item given).
function AgreementForm({ citizenId, item, meetings, onDone, onCancel }) {
  const prefix = item ? `ag-${item.id.slice(0, 8)}` : 'ag';
  const [text, setText] = useState(item?.text || '');
  const [owner, setOwner] = useState(item?.owner || 'citizen');
  const [due, setDue] = useState(item?.due_date || '');
  const [meeting, setMeeting] = useState(item?.meeting_id || (meetings?.past || [])[0]?.id || '');
  const [done, setDone] = useState('');
  const form = useFormState(prefix, { text: t('ui.cw.agree.text'), owner: t('ui.cw.agree.owner'), due_date: t('ui.cw.agree.due_date'), meeting_id: t('ui.cw.agree.meeting') });

  function submit(e) {
    e.preventDefault();
    form.run(
      () => (text.trim() ? {} : { text: t('ui.cw.agree.text_missing') }),
      async () => {
        const body = { text: text.trim(), owner, due_date: due || null, meeting_id: meeting || null };
        if (item) await api.patch(`/citizens/${citizenId}/agreements/${item.id}`, body);
        else await api.post(`/citizens/${citizenId}/agreements`, body);
        if (!item) {
          setText('');
          setDue('');
          setDone(t('ui.cw.agree.saved', { owner: t(`ui.agree.owner.${owner}`) }));
        }
        onDone();
      },
    );
  }
  const H = item ? 'h5' : 'h3';
  return (
    <form onSubmit={submit} noValidate class={item ? 'agree-edit' : undefined}>
      <H>{t(item ? 'ui.cw.agree.edit_title' : 'ui.cw.agree.add')}</H>
      <ErrorSummary items={form.summary} />
      <TextArea id={form.id('text')} label={t('ui.cw.agree.text')} hint={t('ui.cw.agree.text_hint')} error={form.errors.text} value={text} onValue={setText} rows={2} maxLength={500} />
      <Radios name={form.id('owner')} legend={t('ui.cw.agree.owner')} error={form.errors.owner} value={owner} onValue={setOwner} options={OWNERS.map((o) => ({ value: o, label: t(`ui.agree.owner.${o}`) }))} />
      <Field id={form.id('due_date')} type="date" label={t('ui.cw.agree.due_date')} hint={t('ui.cw.agree.due_hint')} error={form.errors.due_date} value={due} onValue={setDue} width="input-width-s" />
      <Select id={form.id('meeting_id')} label={t('ui.cw.agree.meeting')} error={form.errors.meeting_id} value={meeting} onValue={setMeeting} options={meetingOptions(meetings, formatDateTime)} />
      <div class="form-actions">
        <button type="submit" class="button button-primary" id={`${prefix}-save`} disabled={form.busy}>
          {t(item ? 'ui.cw.agree.save_edit' : 'ui.cw.agree.save')}
        </button>
        {onCancel && (
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t('ui.cw.agree.cancel')}
          </button>
        )}
      </div>
      {!item && <Status text={done} />}
    </form>
  );
}
