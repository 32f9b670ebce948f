import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { Field, Select, TextArea, useFormState } from './fields.jsx';
import { formatDate } from './format.js';

// useVague asks the server whether the goal being typed is vague (the rule's
// one home is models.IsVagueGoal), a moment after the typing stops.
function useVague(title, targetDate) {
  const [vague, setVague] = useState(false);
  useEffect(() => {
    if (!title.trim()) return setVague(false);
    const q = new URLSearchParams({ title });
    if (targetDate) q.set('target_date', targetDate);
    let live = true;
    const timer = setTimeout(() => {
      api
        .get(`/goal-check?${q}`)
        .then((r) => live && setVague(!!r.vague))
        .catch(() => {});
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [title, targetDate]);
  return vague;
}

function VagueHint({ id }) {
  return (
    <div class="alert alert-info alert--compact cw-hint" id={id}>
      <div class="alert-body">
        <p class="alert-text">{t('ui.cw.goals.vague_hint')}</p>
      </div>
    </div>
  );
}

// Goals: overall goals with their sub-goals (delmål); activities stay a
// separate list on each sub-goal.
export function Goals({ citizenId, goals, onChange }) {
  const [adding, setAdding] = useState(null); // null | 'overall' | parent id
  const [editing, setEditing] = useState(null);
  const done = () => {
    setAdding(null);
    setEditing(null);
    onChange();
  };
  return (
    <div>
      {!goals.length && <p>{t('ui.cw.goals.none')}</p>}
      {goals.map((g) => (
        <article class="cw-goal" key={g.id} aria-labelledby={`goal-${g.id}`}>
          <GoalRow goal={g} headingId={`goal-${g.id}`} level={3} editing={editing} setEditing={setEditing} citizenId={citizenId} onSaved={done} />
          {g.sub_goals?.length > 0 && (
            <ul class="nobullet-list cw-subgoals">
              {g.sub_goals.map((s) => (
                <li key={s.id}>
                  <GoalRow goal={s} headingId={`goal-${s.id}`} level={4} editing={editing} setEditing={setEditing} citizenId={citizenId} onSaved={done} />
                </li>
              ))}
            </ul>
          )}
          {adding === g.id ? (
            <GoalForm citizenId={citizenId} parent={g} onDone={done} onCancel={() => setAdding(null)} />
          ) : (
            <button type="button" class="button button-tertiary" onClick={() => setAdding(g.id)}>
              {t('ui.cw.goals.add_sub')}
              <span class="sr-only"> {g.title}</span>
            </button>
          )}
        </article>
      ))}
      {adding === 'overall' ? (
        <GoalForm citizenId={citizenId} onDone={done} onCancel={() => setAdding(null)} />
      ) : (
        <button type="button" class="button button-secondary" id="goal-add-overall" onClick={() => setAdding('overall')}>
          {t('ui.cw.goals.add_overall')}
        </button>
      )}
    </div>
  );
}

function GoalRow({ goal, headingId, level, editing, setEditing, citizenId, onSaved }) {
  const H = `h${level}`;
  if (editing === goal.id) {
    return <GoalForm citizenId={citizenId} goal={goal} onDone={onSaved} onCancel={() => setEditing(null)} />;
  }
  return (
    <div class="cw-goal-row">
      <H id={headingId} class="cw-goal-title">
        <span class="sr-only">{t(goal.level === 'sub' ? 'ui.cw.goals.sub' : 'ui.cw.goals.overall')}: </span>
        {goal.title}
      </H>
      <p class="cw-meta">
        {goal.target_date ? t('ui.cw.goals.target', { date: formatDate(goal.target_date) }) : t('ui.cw.goals.no_target')}
        {' · '}
        {t(`ui.cw.goals.status.${goal.status}`)}
        {goal.created_by === 'citizen' && ` · ${t('ui.cw.goals.by_citizen')}`}
      </p>
      {goal.vague && <VagueHint />}
      {goal.activities?.length > 0 && (
        <>
          <p class="cw-activities-label">{t('ui.cw.goals.activities')}</p>
          <ol class="cw-activities">
            {goal.activities.map((a) => (
              <li key={a.id}>{a.title}</li>
            ))}
          </ol>
        </>
      )}
      <button type="button" class="button button-tertiary" onClick={() => setEditing(goal.id)}>
        {t('ui.cw.edit')}
        <span class="sr-only"> {goal.title}</span>
      </button>
    </div>
  );
}

// GoalForm creates a goal (under parent when given) or edits goal.
function GoalForm({ citizenId, goal, parent, onDone, onCancel }) {
  const sub = goal ? goal.level === 'sub' : !!parent;
  const key = goal ? goal.id : parent ? parent.id : 'new';
  const [title, setTitle] = useState(goal?.title || '');
  const [target, setTarget] = useState(goal?.target_date || '');
  const [status, setStatus] = useState(goal?.status || 'active');
  const [activities, setActivities] = useState((goal?.activities || []).map((a) => a.title).join('\n'));
  const vague = useVague(title, target);
  const form = useFormState(`g-${key}`, {
    title: t('ui.cw.goals.title'),
    target_date: t('ui.cw.goals.target_date'),
    status: t('ui.cw.goals.status_label'),
    activities: t('ui.cw.goals.activities'),
  });
  const legend = goal ? t('ui.cw.goals.edit_title') : sub ? t('ui.cw.goals.new_sub', { title: parent.title }) : t('ui.cw.goals.new_overall');

  function submit(e) {
    e.preventDefault();
    const list = activities.split('\n').map((s) => s.trim()).filter(Boolean);
    form.run(
      () => (title.trim() ? {} : { title: t('ui.cw.goals.title_missing') }),
      async () => {
        if (goal) {
          const body = { title: title.trim(), status, target_date: target || null };
          if (sub) body.activities = list;
          await api.patch(`/citizens/${citizenId}/goals/${goal.id}`, body);
        } else {
          const body = { title: title.trim() };
          if (parent) body.parent_id = parent.id;
          if (target) body.target_date = target;
          if (sub && list.length) body.activities = list;
          await api.post(`/citizens/${citizenId}/goals`, body);
        }
        onDone();
      },
    );
  }
  return (
    <form class="cw-inline-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend class="h4">{legend}</legend>
        <ErrorSummary items={form.summary} />
        <Field id={form.id('title')} label={t('ui.cw.goals.title')} hint={t(sub ? 'ui.cw.goals.title_hint_sub' : 'ui.cw.goals.title_hint')} error={form.errors.title} value={title} onValue={setTitle} />
        {vague && <VagueHint />}
        <Field id={form.id('target_date')} type="date" label={t('ui.cw.goals.target_date')} error={form.errors.target_date} value={target} onValue={setTarget} width="input-width-s" />
        {goal && (
          <Select id={form.id('status')} label={t('ui.cw.goals.status_label')} value={status} onValue={setStatus} options={['active', 'reached', 'dropped'].map((s) => ({ value: s, label: t(`ui.cw.goals.status.${s}`) }))} />
        )}
        {sub && (
          <TextArea id={form.id('activities')} label={t('ui.cw.goals.activities')} hint={t('ui.cw.goals.activities_hint')} error={form.errors.activities} value={activities} onValue={setActivities} rows={3} />
        )}
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={form.busy}>
            {t('ui.cw.save')}
          </button>
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t('ui.cw.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
