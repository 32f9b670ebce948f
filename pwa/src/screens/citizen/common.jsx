// Pieces shared by the citizen's screens.
import { Page } from '../../components/Page.jsx';
import { plural, t } from '../../i18n.js';
import { formatDateTime, formatInstantDate, formatNumber, formatTime, todayInCopenhagen } from '../../format.js';
import { discard, useOutbox } from '../../offline/outbox.js';

// The staircase and mixing-desk vocabulary is shared with the caseworker.
export { STEPS, DIMENSIONS as SLIDERS, stepName } from '../../staircase.js';

export const meetingKind = (kind) => t(`ui.meeting.kind.${kind}`);

// CitizenPage: the heading, then whether the data is old (offline) and what
// waits in the outbox, then the screen.
export function CitizenPage({ title, res, children }) {
  return (
    <Page title={title}>
      {res && <DataStatus res={res} />}
      <OutboxNotice />
      {res && res.data === undefined && res.loading && (
        <p class="loading" role="status">
          {t('ui.app.loading')}
        </p>
      )}
      {res && res.data === undefined && !res.loading && res.error && (
        <div class="alert alert-error" role="alert">
          <div class="alert-body">
            <p class="alert-text">{res.offline ? t('ui.citizen.offline.nothing_cached') : res.error.message}</p>
            <button type="button" class="button button-secondary" onClick={res.reload}>
              {t('ui.citizen.retry')}
            </button>
          </div>
        </div>
      )}
      {(!res || res.data !== undefined) && children}
    </Page>
  );
}

// DataStatus says the screen shows what was fetched earlier.
export function DataStatus({ res }) {
  if (!res.offline || res.data === undefined || !res.at) return null;
  const today = todayInCopenhagen(new Date(res.at)) === todayInCopenhagen();
  const when = today ? formatTime(res.at) : `${formatInstantDate(res.at)} ${t('ui.citizen.offline.at')} ${formatTime(res.at)}`;
  return (
    <div class="alert alert-warning offline-notice" role="status">
      <div class="alert-body">
        <p class="alert-text">
          <strong>{t('ui.citizen.offline.title')}</strong> {t(today ? 'ui.citizen.offline.fetched_today' : 'ui.citizen.offline.fetched', { when })}
        </p>
      </div>
    </div>
  );
}

// OutboxNotice says what waits to be sent, and what the server refused.
export function OutboxNotice() {
  const items = useOutbox();
  const waiting = items.filter((i) => !i.failed);
  const failed = items.filter((i) => i.failed);
  if (!items.length) return null;
  return (
    <div class="outbox-notice" role="status">
      {waiting.length > 0 && (
        <div class="alert alert-info">
          <div class="alert-body">
            <p class="alert-text">{plural('ui.citizen.outbox.waiting', waiting.length)}</p>
          </div>
        </div>
      )}
      {failed.map((item) => (
        <div class="alert alert-error" key={item.key}>
          <div class="alert-body">
            <p class="alert-text">
              {t('ui.citizen.outbox.failed', { what: t(`ui.citizen.outbox.kind.${item.kind}`), when: formatDateTime(item.queued_at) })} {item.failed}
            </p>
            <button type="button" class="button button-secondary" onClick={() => discard(item.key)}>
              {t('ui.citizen.outbox.discard')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

// pendingFor finds a waiting item of a kind for a meeting (or any, without id).
export function pendingFor(items, kind, meetingId) {
  return items.find((i) => i.kind === kind && !i.failed && (!meetingId || i.meeting_id === meetingId));
}

// Hours: "4,5 timer".
export function hoursText(n) {
  return plural('ui.citizen.hours', n, { n: formatNumber(n) });
}

// Scale15 shows a 1–5 value read-only as five boxes between two words;
// null (not set) says so instead.
export function Scale15({ label, value, low, high }) {
  if (value == null) {
    return (
      <div class="scale15">
        <p class="scale15-label">
          <span>{label}</span> <span class="scale15-unset">{t('ui.citizen.plan.desk_unset')}</span>
        </p>
      </div>
    );
  }
  return (
    <div class="scale15">
      <p class="scale15-label">
        <span>{label}</span> <span class="sr-only">{t('ui.citizen.plan.desk_value', { value, low, high })}</span>
      </p>
      <div class="scale15-row" aria-hidden="true">
        <span class="scale15-end">{low}</span>
        <span class="scale15-boxes">
          {[1, 2, 3, 4, 5].map((n) => (
            <span key={n} class={n <= value ? 'scale15-box on' : 'scale15-box'} />
          ))}
        </span>
        <span class="scale15-end">{high}</span>
      </div>
    </div>
  );
}
