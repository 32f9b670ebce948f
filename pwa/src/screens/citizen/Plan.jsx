import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import { addDays, formatDateTime, formatDay, formatNumber, isoWeek } from '../../format.js';
import { enqueue, useOutbox } from '../../offline/outbox.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage, SLIDERS, Scale15, hoursText, pendingFor } from './common.jsx';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

// Min plan: the optrapningsplan as a list of weeks, the tasks, the mixing desk,
// what changed, and "do you recognise yourself in the plan?".
export default function Plan() {
  const res = useResource('/me/plan');
  const plan = res.data;
  // Looking at the plan counts as having seen the change (best effort).
  useEffect(() => {
    if (plan && plan.version > 0 && !plan.seen_by_citizen && !res.offline) api.post('/me/plan/seen').catch(() => {});
  }, [plan && plan.version, res.offline]);
  return (
    <CitizenPage title={t('ui.citizen.plan.title')} res={res}>
      {plan && (plan.version > 0 ? <PlanBody plan={plan} /> : <p>{t('ui.citizen.plan.none')}</p>)}
    </CitizenPage>
  );
}

function PlanBody({ plan }) {
  return (
    <>
      {plan.created_at && (
        <p class="plan-meta">
          {t('ui.citizen.plan.updated', { when: formatDateTime(plan.created_at), who: plan.created_by ? plan.created_by.name : '' })}
        </p>
      )}
      {plan.changes && plan.changes.length > 0 && (
        <section aria-labelledby="changes-h" class="plan-changes">
          <h2 id="changes-h">{t('ui.citizen.plan.changes')}</h2>
          <ul>
            {plan.changes.map((c, i) => (
              <li key={i}>{changeText(c)}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="weeks-h">
        <h2 id="weeks-h">{t('ui.citizen.plan.weeks')}</h2>
        <ol class="plan-weeks">
          {plan.weeks.map((w) => (
            <li key={w.week_start} class={w.current ? 'plan-week is-current' : w.past ? 'plan-week is-past' : 'plan-week'} aria-current={w.current ? 'true' : undefined}>
              <h3 class="plan-week-title">
                {t('ui.citizen.plan.week', { n: isoWeek(w.week_start) })}
                <span class="plan-week-dates"> {formatDay(w.week_start, { weekday: null, month: 'short' })} – {formatDay(addDays(w.week_start, 4), { weekday: null, month: 'short' })}</span>
                {w.current && <span class="badge badge-success">{t('ui.citizen.plan.this_week')}</span>}
              </h3>
              <dl class="plan-days">
                {DAYS.map((d) => (
                  <div key={d}>
                    <dt>
                      <abbr title={t(`ui.day.${d}`)}>{t(`ui.day.${d}.short`)}</abbr>
                    </dt>
                    <dd>{formatNumber(w.hours[d])}</dd>
                  </div>
                ))}
              </dl>
              <p class="plan-week-total">
                {t('ui.citizen.total')}: <strong>{hoursText(w.total)}</strong>
              </p>
              {w.note && <p class="plan-week-note">{w.note}</p>}
              {w.status_meeting && <p>{t('ui.citizen.today.status_meeting', { date: formatDay(w.status_meeting) })}</p>}
            </li>
          ))}
        </ol>
        <p>
          {t('ui.citizen.plan.total_all')}: <strong>{hoursText(plan.total_hours)}</strong>
        </p>
      </section>

      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">{t('ui.citizen.plan.tasks')}</h2>
        <h3>{t('ui.citizen.plan.allowed')}</h3>
        <TaskList items={plan.allowed_tasks} />
        <h3>{t('ui.citizen.plan.avoid')}</h3>
        <TaskList items={plan.avoid_tasks} />
      </section>

      {plan.mixing_desk && (
        <section aria-labelledby="desk-h">
          <h2 id="desk-h">{t('ui.citizen.plan.desk')}</h2>
          <p>{t('ui.citizen.plan.desk_intro')}</p>
          {SLIDERS.map((s) => (
            <Scale15 key={s} label={t(`ui.mixing.${s}`)} value={plan.mixing_desk[s]} low={t('ui.mixing.low')} high={t('ui.mixing.high')} />
          ))}
        </section>
      )}

      <Feedback plan={plan} />
    </>
  );
}

function TaskList({ items }) {
  if (!items || !items.length) return <p>{t('ui.citizen.plan.no_tasks')}</p>;
  return (
    <ul>
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}

function changeText(c) {
  const week = c.week_start ? t('ui.citizen.plan.week', { n: isoWeek(c.week_start) }) : '';
  const h = (n) => (typeof n === 'number' ? hoursText(n) : '–');
  switch (c.kind) {
    case 'week_added':
      return t('ui.citizen.plan.change.week_added', { week, hours: h(c.to) });
    case 'week_removed':
      return t('ui.citizen.plan.change.week_removed', { week });
    case 'hours_changed':
      return t('ui.citizen.plan.change.hours_changed', { week, from: h(c.from), to: h(c.to) });
    case 'note_changed':
      return t('ui.citizen.plan.change.note_changed', { week });
    case 'status_meeting_changed':
      return t('ui.citizen.plan.change.status_meeting_changed', { week });
    case 'task_added':
      return t(`ui.citizen.plan.change.task_added_${c.list}`, { task: c.task });
    case 'task_removed':
      return t(`ui.citizen.plan.change.task_removed_${c.list}`, { task: c.task });
    case 'slider_moved':
      return t('ui.citizen.plan.change.slider_moved', { slider: t(`ui.mixing.${c.slider}`), from: c.from ?? '–', to: c.to ?? '–' });
    default:
      return t('ui.citizen.plan.change.other');
  }
}

const ANSWERS = ['yes', 'partly', 'no'];

// Feedback: "Kan du genkende dig selv i planen?" — the caseworker sees it.
function Feedback({ plan }) {
  const outbox = useOutbox();
  const pending = pendingFor(outbox, 'plan_feedback');
  const given = pending ? pending.body : plan.feedback;
  const [answer, setAnswer] = useState(given ? given.recognises : '');
  const [comment, setComment] = useState(given ? given.comment : '');
  const [state, setState] = useState(null); // null | 'error' | 'sent' | 'waiting'

  async function submit(e) {
    e.preventDefault();
    if (!answer) return setState('error');
    const sent = await enqueue({ key: 'plan_feedback', kind: 'plan_feedback', method: 'PUT', path: '/me/plan/feedback', body: { recognises: answer, comment: comment.trim() } });
    setState(sent ? 'sent' : 'waiting');
  }

  return (
    <section aria-labelledby="feedback-h" class="plan-feedback">
      <h2 id="feedback-h">{t('ui.citizen.plan.feedback')}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={state === 'error' ? 'recognises-error' : undefined}>
          <legend class="form-label">{t('ui.citizen.plan.feedback_question')}</legend>
          {state === 'error' && (
            <span class="form-error-message" id="recognises-error">
              {t('ui.citizen.plan.feedback_missing')}
            </span>
          )}
          {ANSWERS.map((a) => (
            <div class="form-group-radio" key={a}>
              <input type="radio" class="form-radio" id={`recognises-${a}`} name="recognises" value={a} checked={answer === a} onChange={() => setAnswer(a)} />
              <label class="form-label" for={`recognises-${a}`}>
                {t(`ui.citizen.plan.answer.${a}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="form-group">
          <label class="form-label" for="feedback-comment">
            {t('ui.citizen.plan.feedback_comment')}
          </label>
          <span class="form-hint" id="feedback-comment-hint">
            {t('ui.citizen.plan.feedback_comment_hint')}
          </span>
          <textarea class="form-input" id="feedback-comment" rows={3} maxLength={2000} aria-describedby="feedback-comment-hint" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t('ui.citizen.plan.feedback_submit')}
          </button>
        </div>
        <p role="status" class="form-status">
          {state === 'sent' && t('ui.citizen.saved_sent')}
          {state === 'waiting' && t('ui.citizen.saved_waiting')}
        </p>
      </form>
    </section>
  );
}
