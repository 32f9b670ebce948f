import { useState } from 'preact/hooks';
import { plural, t } from '../../i18n.js';
import { stepName } from './bits.jsx';
import { LoadError } from './fields.jsx';
import { formatDateTime, formatHours } from './format.js';

const SHOWN = 5;

// CheckinNotes: the latest check-in and the citizen's notes, newest first,
// beside what waits for the caseworker. The citizen is told their caseworker
// reads them. load is useLoad('/citizens/{id}/checkins').
export function CheckinNotes({ load }) {
  const [all, setAll] = useState(false);
  if (load.error) return <LoadError error={load.error} />;
  const items = load.data?.items;
  if (!items) return <p role="status">{t('ui.app.loading')}</p>;
  const last = items[0];
  const notes = items.filter((c) => c.note);
  const shown = all ? notes : notes.slice(0, SHOWN);
  return (
    <div class="cw-notes">
      <h2 class="h3">{t('ui.cw.notes.latest')}</h2>
      {last ? (
        <p id="latest-checkin">
          <strong>{formatDateTime(last.recorded_at)}</strong>
          <br />
          {[
            last.wellbeing != null && t('ui.cw.notes.wellbeing', { n: last.wellbeing }),
            last.staircase_step != null && stepName(last.staircase_step),
            last.hours_worked != null && t('ui.cw.notes.hours', { h: formatHours(last.hours_worked) }),
          ]
            .filter(Boolean)
            .join(' · ') || t('ui.cw.notes.nothing_answered')}
        </p>
      ) : (
        <p>{t('ui.cw.notes.no_checkin')}</p>
      )}
      <h2 class="h3">{t('ui.cw.notes.title')}</h2>
      {notes.length ? (
        <ul class="nobullet-list cw-note-list" id="checkin-notes">
          {shown.map((c) => (
            <li key={c.id}>
              <span class="cw-meta">{formatDateTime(c.recorded_at)}</span>
              <p class="cw-pre">{c.note}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('ui.cw.notes.none')}</p>
      )}
      {notes.length > SHOWN && !all && (
        <button type="button" class="button button-tertiary" onClick={() => setAll(true)}>
          {plural('ui.cw.notes.show_all', notes.length)}
        </button>
      )}
    </div>
  );
}
