import { useEffect } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import { formatDateTime } from '../../format.js';
import { useOutbox } from '../../offline/outbox.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage, meetingKind, pendingFor } from './common.jsx';

// Møder: upcoming first, then past and cancelled ones. GET /api/v1/me/meetings.
export default function Meetings() {
  const res = useResource('/me/meetings');
  const lists = res.data;
  useEffect(() => {
    if (lists && !res.offline) api.post('/me/meetings/seen').catch(() => {});
  }, [!!lists, res.offline]);
  return (
    <CitizenPage title={t('ui.citizen.meetings.title')} res={res}>
      {lists && (
        <>
          <section aria-labelledby="upcoming-h">
            <h2 id="upcoming-h">{t('ui.citizen.meetings.upcoming')}</h2>
            <MeetingList items={lists.upcoming} empty={t('ui.citizen.meetings.none_upcoming')} />
          </section>
          {(lists.past || []).length > 0 && (
            <section aria-labelledby="past-h">
              <h2 id="past-h">{t('ui.citizen.meetings.past')}</h2>
              <MeetingList items={lists.past} />
            </section>
          )}
          {(lists.cancelled || []).length > 0 && (
            <section aria-labelledby="cancelled-h">
              <h2 id="cancelled-h">{t('ui.citizen.meetings.cancelled')}</h2>
              <MeetingList items={lists.cancelled} />
            </section>
          )}
        </>
      )}
    </CitizenPage>
  );
}

function MeetingList({ items, empty }) {
  const outbox = useOutbox();
  if (!items || !items.length) return <p>{empty}</p>;
  return (
    <ul class="meeting-list">
      {items.map((m) => {
        const pending = pendingFor(outbox, 'reply', m.id);
        const reply = pending ? pending.body : m.reply;
        return (
          <li key={m.id} class="card">
            <div class="card-content">
              <h3 class="h4">
                <a href={`/moeder/${m.id}`}>{meetingKind(m.kind)}</a>
              </h3>
              <p>
                <strong>{formatDateTime(m.starts_at)}</strong>
                <br />
                {m.location}
              </p>
              {m.status !== 'cancelled' && (
                <p class="meeting-reply-state">
                  {reply ? t(`ui.citizen.meetings.replied.${reply.response}`) : t('ui.citizen.meetings.not_replied')}
                  {pending && ` (${t('ui.citizen.waiting_short')})`}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
