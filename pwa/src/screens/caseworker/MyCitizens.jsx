import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { Page } from '../../components/Page.jsx';
import { plural, t } from '../../i18n.js';
import { Field, LoadError, Select, Status, TextArea, useFormState, useLoad } from './fields.jsx';
import { addDays } from './planMath.js';
import { copenhagenDate, formatDate, formatDateTime } from './format.js';
import { Trend } from './bits.jsx';

const FILTERS = ['', 'needs_action', 'fast_track_pending', 'no_checkin_14d', 'roundtable_this_week'];

// The caseload: who needs the caseworker today, sorted by the nearest deadline.
export default function MyCitizens() {
  const [filter, setFilter] = useState('');
  const [category, setCategory] = useState('');
  const [sort, setSort] = useState('deadline');
  const [snoozing, setSnoozing] = useState(null);
  const [done, setDone] = useState('');
  const [status, setStatus] = useState('open');
  const [search, setSearch] = useState('');
  const query = new URLSearchParams({ sort, ...(filter && { filter }), ...(category && { category }), ...(status === 'closed' && { status }) });
  const list = useLoad(`/citizens?${query}`);
  // Searching by name narrows what is shown; it decides nothing.
  const needle = search.trim().toLocaleLowerCase();
  const items = (list.data?.items || []).filter((c) => !needle || c.name.toLocaleLowerCase().includes(needle));

  return (
    <Page title={t('ui.cw.caseload.title')}>
      <p class="cw-toolbar">
        <a class="button button-primary" href="/sagsbehandler/ny">
          {t('ui.cw.caseload.new')}
        </a>
      </p>
      <form class="cw-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('ui.cw.caseload.filters')}>
        <fieldset>
          <legend class="form-label">{t('ui.cw.caseload.show')}</legend>
          <div class="cw-radio-row">
            {FILTERS.map((f) => (
              <div class="form-group-radio" key={f}>
                <input
                  class="form-radio"
                  type="radio"
                  name="filter"
                  id={`filter-${f || 'all'}`}
                  checked={filter === f}
                  onChange={() => setFilter(f)}
                />
                <label class="form-label" for={`filter-${f || 'all'}`}>
                  {t(`ui.cw.filter.${f || 'all'}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div class="cw-filter-selects">
          <Field id="caseload-search" type="search" width="input-width-m" label={t('ui.cw.caseload.search')} value={search} onValue={setSearch} />
          <Select
            id="caseload-status"
            label={t('ui.cw.caseload.status')}
            value={status}
            onValue={setStatus}
            options={['open', 'closed'].map((s) => ({ value: s, label: t(`ui.cw.caseload.status_${s}`) }))}
          />
          <Select
            id="filter-category"
            label={t('ui.cw.caseload.category')}
            value={category}
            onValue={setCategory}
            options={[{ value: '', label: t('ui.cw.caseload.all_categories') }, ...[1, 2, 3].map((c) => ({ value: String(c), label: t('ui.cw.category.short', { n: c }) }))]}
          />
          <Select
            id="sort"
            label={t('ui.cw.caseload.sort')}
            value={sort}
            onValue={setSort}
            options={['deadline', 'name', 'week'].map((s) => ({ value: s, label: t(`ui.cw.sort.${s}`) }))}
          />
        </div>
      </form>
      <Status text={done} />
      <LoadError error={list.error} />
      <p class="cw-count" aria-live="polite">
        {list.loading ? t('ui.app.loading') : plural('ui.cw.caseload.count', items.length)}
      </p>
      {items.length > 0 && <CaseloadTable items={items} onSnooze={setSnoozing} onUnsnooze={async (c) => {
        await api.del(`/citizens/${c.id}/snooze`);
        setDone(t('ui.cw.snooze.removed', { name: c.name }));
        list.reload();
      }} />}
      {!list.loading && !items.length && !list.error && <p>{t(filter || category || needle || status === 'closed' ? 'ui.cw.caseload.none_match' : 'ui.cw.caseload.empty')}</p>}
      <SnoozeDialog
        citizen={snoozing}
        onClose={(saved) => {
          if (saved) {
            setDone(t('ui.cw.snooze.saved', { name: snoozing.name, date: formatDate(saved.snoozed_until) }));
            list.reload();
          }
          setSnoozing(null);
        }}
      />
    </Page>
  );
}

function CaseloadTable({ items, onSnooze, onUnsnooze }) {
  return (
    <div class="cw-scroll">
      <table class="table table--compact cw-caseload">
        <caption class="sr-only">{t('ui.cw.caseload.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.cw.col.name')}</th>
            <th scope="col">{t('ui.cw.col.week')}</th>
            <th scope="col">{t('ui.cw.col.category')}</th>
            <th scope="col">{t('ui.cw.col.next_meeting')}</th>
            <th scope="col">{t('ui.cw.col.checkin')}</th>
            <th scope="col">{t('ui.cw.col.actions')}</th>
            <th scope="col">{t('ui.cw.col.deadline')}</th>
            <th scope="col">
              <span class="sr-only">{t('ui.cw.col.tools')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} class={c.snoozed_until ? 'is-snoozed' : c.needs_action ? 'needs-action' : ''}>
              <th scope="row" data-label={t('ui.cw.col.name')}>
                <a href={`/sagsbehandler/borger/${c.id}`}>{c.name}</a>
                {c.needs_action && !c.snoozed_until && (
                  <span class="cw-attention">
                    <span aria-hidden="true">! </span>
                    {t('ui.cw.caseload.attention')}
                  </span>
                )}
                {!c.activated && <span class="cw-tag">{t('ui.cw.caseload.not_activated')}</span>}
                {c.snoozed_until && (
                  <span class="cw-note">
                    {t('ui.cw.snooze.until', { date: formatDate(c.snoozed_until) })}
                    {c.snooze_reason ? ` – ${c.snooze_reason}` : ''}
                  </span>
                )}
              </th>
              <td data-label={t('ui.cw.col.week')}>{c.week_of_sickness || '–'}</td>
              <td data-label={t('ui.cw.col.category')}>{c.category}</td>
              <td data-label={t('ui.cw.col.next_meeting')}>
                {c.next_meeting ? (
                  <>
                    {t(`ui.cw.kind.${c.next_meeting.kind}`)}
                    <br />
                    {formatDateTime(c.next_meeting.starts_at)}
                  </>
                ) : (
                  t('ui.cw.none')
                )}
              </td>
              <td data-label={t('ui.cw.col.checkin')}>
                {c.last_checkin ? (
                  <>
                    {formatDate(c.last_checkin.recorded_at)}
                    <br />
                    <Trend trend={c.last_checkin.trend} />
                  </>
                ) : (
                  t('ui.cw.checkin.none')
                )}
              </td>
              <td data-label={t('ui.cw.col.actions')}>
                {c.open_actions?.length ? (
                  <ul class="cw-actions">
                    {c.open_actions.map((a) => (
                      <li key={a}>{t(`ui.cw.action.${a}`)}</li>
                    ))}
                  </ul>
                ) : (
                  t('ui.cw.none')
                )}
              </td>
              <td data-label={t('ui.cw.col.deadline')}>
                {c.nearest_deadline ? (
                  <span class={c.nearest_deadline.overdue ? 'cw-overdue' : ''}>
                    {t(`ui.cw.deadline.${c.nearest_deadline.kind}`)}
                    <br />
                    {formatDate(c.nearest_deadline.at)}
                    {c.nearest_deadline.overdue && <strong> {t('ui.cw.deadline.overdue')}</strong>}
                  </span>
                ) : (
                  t('ui.cw.none')
                )}
              </td>
              <td data-label={t('ui.cw.col.tools')}>
                {c.snoozed_until ? (
                  <button type="button" class="button button-tertiary cw-small" onClick={() => onUnsnooze(c)}>
                    {t('ui.cw.snooze.remove')}
                    <span class="sr-only"> {c.name}</span>
                  </button>
                ) : (
                  <button type="button" class="button button-tertiary cw-small" onClick={() => onSnooze(c)}>
                    {t('ui.cw.snooze.button')}
                    <span class="sr-only"> {c.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// SnoozeDialog puts a citizen aside until a date, with a reason.
function SnoozeDialog({ citizen, onClose }) {
  const ref = useRef(null);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const form = useFormState('snooze', { until: t('ui.cw.snooze.until_label'), reason: t('ui.cw.snooze.reason') });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (citizen && !d.open) {
      setUntil(addDays(copenhagenDate(), 7));
      setReason('');
      form.clear();
      d.showModal();
    } else if (!citizen && d.open) d.close();
  }, [citizen]);

  function submit(e) {
    e.preventDefault();
    form.run(
      () => (until ? {} : { until: t('ui.cw.snooze.until_missing') }),
      async () => onClose(await api.put(`/citizens/${citizen.id}/snooze`, { until, reason: reason.trim() })),
    );
  }
  return (
    <dialog ref={ref} class="cw-dialog" aria-labelledby="snooze-title" onClose={() => citizen && onClose(null)}>
      {citizen && (
        <form onSubmit={submit} noValidate>
          <h2 id="snooze-title">{t('ui.cw.snooze.title', { name: citizen.name })}</h2>
          <p>{t('ui.cw.snooze.intro')}</p>
          <ErrorSummary items={form.summary} />
          <Field id="snooze-until" type="date" label={t('ui.cw.snooze.until_label')} error={form.errors.until} value={until} onValue={setUntil} min={addDays(copenhagenDate(), 1)} width="input-width-s" />
          <TextArea id="snooze-reason" label={t('ui.cw.snooze.reason')} hint={t('ui.cw.snooze.reason_hint')} error={form.errors.reason} value={reason} onValue={setReason} maxLength={300} />
          <div class="form-actions">
            <button type="submit" class="button button-primary" disabled={form.busy}>
              {t('ui.cw.snooze.save')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => onClose(null)}>
              {t('ui.cw.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
