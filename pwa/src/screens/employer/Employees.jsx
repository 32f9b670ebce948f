// Mine medarbejdere (/arbejdsgiver/medarbejdere): the employees this employer
// follows, with their week of sick leave and the next meeting when shared.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Page } from '../../components/Page.jsx';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n.js';
import { Message } from './bits.jsx';

export default function Employees() {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api
      .get('/employees')
      .then((d) => setItems(d.items || []))
      .catch((e) => setError(e.message || t('ui.error.generic')));
  }, []);
  return (
    <Page title={t('ui.employer.list.title')}>
      <p>{t('ui.employer.list.intro')}</p>
      {error && <Message kind="error" text={error} />}
      {!items && !error && <p>{t('ui.app.loading')}</p>}
      {items && items.length === 0 && <p>{t('ui.employer.list.none')}</p>}
      {items && items.length > 0 && (
        <ul class="employer-list">
          {items.map((e) => (
            <li key={e.id} class="employer-card">
              <h2>
                <a href={`/arbejdsgiver/medarbejder/${e.id}`}>{e.name}</a>
              </h2>
              <p>
                {e.status === 'closed'
                  ? t('ui.employer.closed')
                  : e.week_of_sickness
                    ? t('ui.employer.week', { n: e.week_of_sickness })
                    : t('ui.employer.week_unknown')}
              </p>
              {e.next_meeting && (
                <p>
                  {t('ui.employer.next_meeting', {
                    kind: t(`ui.meeting.kind.${e.next_meeting.kind}`),
                    when: formatDateTime(e.next_meeting.starts_at),
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
