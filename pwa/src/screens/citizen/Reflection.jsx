import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n.js';
import { formatDateTime } from '../../format.js';
import { enqueue, useOutbox } from '../../offline/outbox.js';
import { useResource } from '../../offline/resource.js';
import { pendingFor } from './common.jsx';

const QUESTIONS = [
  ['came_from', 'ui.citizen.reflection.came_from', 'ui.citizen.reflection.came_from_hint'],
  ['heading_to', 'ui.citizen.reflection.heading_to', 'ui.citizen.reflection.heading_to_hint'],
  ['proposal', 'ui.citizen.reflection.proposal', 'ui.citizen.reflection.proposal_hint'],
];

// Reflection: the three questions before a roundtable. Saving keeps them
// private; sharing is a step of its own, confirmed after saying who will and
// who will not see them. Once shared, the citizen sees when it was read.
export function Reflection({ m }) {
  const home = useResource('/me/home');
  const name = home.data?.caseworker?.name;
  const who = name || t('ui.citizen.reflection.your_caseworker');
  const outbox = useOutbox();
  const pending = pendingFor(outbox, 'reflection', m.id);
  const given = (pending ? pending.body : m.reflection) || {};
  const [v, setV] = useState({ came_from: given.came_from || '', heading_to: given.heading_to || '', proposal: given.proposal || '' });
  const [shared, setShared] = useState(!!given.shared);
  // The screen may first show what was cached before the last share: follow
  // the server's answer when it arrives, unless a change waits to be sent.
  const serverShared = !!(m.reflection && m.reflection.shared);
  useEffect(() => {
    if (!pending) setShared(serverShared);
  }, [serverShared]);
  const [asking, setAsking] = useState(false);
  const [state, setState] = useState(null); // what the last save did

  async function save(share) {
    const body = { came_from: v.came_from.trim(), heading_to: v.heading_to.trim(), proposal: v.proposal.trim(), shared: share };
    const sent = await enqueue({ key: `reflection:${m.id}`, kind: 'reflection', meeting_id: m.id, method: 'PUT', path: `/me/meetings/${m.id}/reflection`, body });
    setShared(share);
    setAsking(false);
    setState({ sent, share });
  }

  return (
    <section aria-labelledby="refleksion" class="reflection">
      <h2 id="refleksion" tabIndex={-1}>
        {t('ui.citizen.reflection.title')}
      </h2>
      <p>{t('ui.citizen.reflection.intro')}</p>
      <Privacy shared={shared} reflection={!pending && m.reflection} who={who} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save(shared);
        }}
        noValidate
      >
        {QUESTIONS.map(([key, label, hint]) => (
          <div class="form-group" key={key}>
            <label class="form-label" for={key}>
              {t(label)}
            </label>
            <span class="form-hint" id={`${key}-hint`}>
              {t(hint)}
            </span>
            <textarea class="form-input" id={key} rows={4} maxLength={2000} aria-describedby={`${key}-hint`} value={v[key]} onInput={(e) => setV({ ...v, [key]: e.currentTarget.value })} />
          </div>
        ))}
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t('ui.citizen.reflection.submit')}
          </button>
        </div>
        <p role="status" class="form-status">
          {state && <SaveResult state={state} who={who} />}
        </p>
      </form>
      {shared ? (
        <button type="button" id="unshare" class="button button-secondary" onClick={() => save(false)}>
          {t('ui.citizen.reflection.unshare', { name: who })}
        </button>
      ) : asking ? (
        <ShareConfirm who={who} onYes={() => save(true)} onNo={() => setAsking(false)} />
      ) : (
        <button type="button" id="share" class="button button-secondary" onClick={() => setAsking(true)}>
          {t('ui.citizen.reflection.share_step', { name: who })}
        </button>
      )}
    </section>
  );
}

function SaveResult({ state, who }) {
  if (!state.sent) return t('ui.citizen.saved_waiting');
  return state.share ? t('ui.citizen.reflection.saved_shared', { name: who }) : t('ui.citizen.reflection.saved_private');
}

// Privacy says plainly who can read the answers right now.
function Privacy({ shared, reflection, who }) {
  if (!shared) {
    return (
      <p class="privacy-state privacy-private">
        <strong>{t('ui.citizen.reflection.private_now')}</strong>
      </p>
    );
  }
  const at = reflection && reflection.shared && reflection.shared_at;
  const read = reflection && reflection.shared && reflection.read_at;
  return (
    <div class="privacy-state privacy-shared">
      <p>
        <strong>{at ? t('ui.citizen.reflection.shared_with_at', { name: who, when: formatDateTime(at) }) : t('ui.citizen.reflection.shared_with', { name: who })}</strong>
      </p>
      {at && <p>{read ? t('ui.citizen.reflection.read_at', { name: who, when: formatDateTime(read) }) : t('ui.citizen.reflection.not_read', { name: who })}</p>}
      <p class="form-hint">{t('ui.citizen.reflection.never_employer')}</p>
    </div>
  );
}

function ShareConfirm({ who, onYes, onNo }) {
  const box = useRef(null);
  useEffect(() => box.current && box.current.focus(), []);
  return (
    <div class="share-confirm alert alert-info" role="group" aria-labelledby="share-confirm-h" tabIndex={-1} ref={box}>
      <div class="alert-body">
        <p class="alert-heading" id="share-confirm-h">
          {t('ui.citizen.reflection.confirm_title', { name: who })}
        </p>
        <ul class="alert-text">
          <li>{t('ui.citizen.reflection.confirm_who', { name: who })}</li>
          <li>{t('ui.citizen.reflection.confirm_not_employer')}</li>
          <li>{t('ui.citizen.reflection.confirm_undo')}</li>
        </ul>
        <div class="form-actions">
          <button type="button" id="share-confirm" class="button button-primary" onClick={onYes}>
            {t('ui.citizen.reflection.confirm_yes', { name: who })}
          </button>
          <button type="button" class="button button-tertiary" onClick={onNo}>
            {t('ui.citizen.reflection.confirm_no')}
          </button>
        </div>
      </div>
    </div>
  );
}
