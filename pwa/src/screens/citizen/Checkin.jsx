import { useEffect, useRef, useState } from 'preact/hooks';
import { AnswerRange } from '../../components/AnswerRange.jsx';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { formatNumber, weekStartOf } from '../../format.js';
import { enqueue } from '../../offline/outbox.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage, STEPS, stepName } from './common.jsx';

// Check-in: how the week went, on one screen, in under 30 seconds. Only what
// the citizen answers is sent: an untouched slider says "not answered" and is
// left out (the last answer shows as a hint). It goes through the outbox:
// saved on the phone first, sent when possible.
export default function Checkin() {
  const res = useResource('/me/home');
  return (
    <CitizenPage title={t('ui.citizen.checkin.title')} res={res}>
      {res.data && <CheckinForm home={res.data} />}
    </CitizenPage>
  );
}

function activeGoals(goals) {
  const out = [];
  for (const g of goals || []) {
    if (g.status === 'active') out.push(g);
    for (const s of g.sub_goals || []) if (s.status === 'active') out.push(s);
  }
  return out;
}

function defaults() {
  return { scores: {}, step: null, wellbeing: null, hours: '', note: '' };
}

// lastAnswers are the previous check-in's answers, shown as hints.
function lastAnswers(home) {
  const last = home.last_checkin;
  const scores = {};
  for (const s of (last && last.goal_scores) || []) scores[s.goal_id] = s.score;
  return { scores, wellbeing: last ? last.wellbeing : null };
}

function CheckinForm({ home }) {
  const goals = activeGoals(home.goals);
  const [v, setV] = useState(defaults);
  const last = lastAnswers(home);
  const [errors, setErrors] = useState([]);
  const [done, setDone] = useState(null); // 'sent' | 'waiting'
  const [busy, setBusy] = useState(false);
  const doneRef = useRef(null);
  useEffect(() => {
    if (done && doneRef.current) doneRef.current.focus();
  }, [done]);
  const upd = (patch) => setV((old) => ({ ...old, ...patch }));

  async function submit(e) {
    e.preventDefault();
    const hours = v.hours.trim() === '' ? null : Number(v.hours.replace(',', '.'));
    if (hours != null && (!Number.isFinite(hours) || hours < 0 || hours > 168)) {
      setErrors([{ id: 'hours_worked', message: t('ui.citizen.checkin.hours_invalid') }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    const body = {
      id: crypto.randomUUID(),
      recorded_at: new Date().toISOString(),
      goal_scores: goals.filter((g) => v.scores[g.id] != null).map((g) => ({ goal_id: g.id, score: v.scores[g.id] })),
      note: v.note.trim(),
    };
    if (v.wellbeing != null) body.wellbeing = v.wellbeing;
    if (v.step === 'none') body.not_at_workplace = true;
    else if (v.step) body.staircase_step = v.step;
    if (hours != null) body.hours_worked = hours;
    const sent = await enqueue({ key: body.id, kind: 'checkin', method: 'POST', path: '/me/checkins', body, week_start: weekStartOf() });
    setBusy(false);
    setDone(sent ? 'sent' : 'waiting');
  }

  if (done) {
    return (
      <div class={done === 'sent' ? 'alert alert-success' : 'alert alert-info'} role="status" tabIndex={-1} ref={doneRef}>
        <div class="alert-body">
          <p class="alert-heading">{done === 'sent' ? t('ui.citizen.checkin.sent_title') : t('ui.citizen.checkin.waiting_title')}</p>
          <p class="alert-text">{done === 'sent' ? t('ui.citizen.checkin.sent_text') : t('ui.citizen.checkin.waiting_text')}</p>
          <p>
            <a href="/">{t('ui.citizen.checkin.back_home')}</a>
          </p>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate class="checkin-form">
      <p>{t('ui.citizen.checkin.intro')}</p>
      <ErrorSummary items={errors} />
      {goals.length > 0 && (
        <fieldset>
          <legend class="h3">{t('ui.citizen.checkin.goals')}</legend>
          <p class="form-hint">{t('ui.citizen.checkin.goals_hint')}</p>
          {goals.map((g) => (
            <Range
              key={g.id}
              id={`score-${g.id}`}
              label={g.title}
              value={v.scores[g.id] ?? null}
              last={last.scores[g.id]}
              low={t('ui.citizen.checkin.score_low')}
              high={t('ui.citizen.checkin.score_high')}
              onValue={(n) => upd({ scores: { ...v.scores, [g.id]: n } })}
            />
          ))}
        </fieldset>
      )}

      <fieldset>
        <legend class="h3">{t('ui.citizen.checkin.step')}</legend>
        <p class="form-hint">{t('ui.citizen.checkin.step_hint')}</p>
        <div class="form-group-radio">
          <input type="radio" class="form-radio" id="step-none" name="staircase_step" value="none" checked={v.step === 'none'} onChange={() => upd({ step: 'none' })} />
          <label class="form-label" for="step-none">
            <span class="step-name">{t('ui.citizen.checkin.not_at_workplace')}</span>
            <span class="step-explain">{t('ui.citizen.checkin.not_at_workplace_explain')}</span>
          </label>
        </div>
        {STEPS.map((n) => (
          <div class="form-group-radio" key={n}>
            <input type="radio" class="form-radio" id={`step-${n}`} name="staircase_step" value={n} checked={v.step === n} onChange={() => upd({ step: n })} />
            <label class="form-label" for={`step-${n}`}>
              <span class="step-name">
                {n}. {stepName(n)}
              </span>
              <span class="step-explain">{t(`ui.staircase.${n}.explain`)}</span>
            </label>
          </div>
        ))}
        {v.step == null ? (
          <p class="answer-unset">{t('ui.answer.not_answered')}</p>
        ) : (
          <button type="button" class="button button-tertiary answer-clear" onClick={() => upd({ step: null })}>
            {t('ui.answer.clear')}
            <span class="sr-only">: {t('ui.citizen.checkin.step')}</span>
          </button>
        )}
      </fieldset>

      <fieldset>
        <legend class="h3">{t('ui.citizen.checkin.wellbeing_legend')}</legend>
        <Range id="wellbeing" label={t('ui.citizen.checkin.wellbeing')} value={v.wellbeing} last={last.wellbeing} low={t('ui.citizen.checkin.wellbeing_low')} high={t('ui.citizen.checkin.wellbeing_high')} onValue={(n) => upd({ wellbeing: n })} />
      </fieldset>

      <div class="form-group">
        <label class="form-label" for="hours_worked">
          {t('ui.citizen.checkin.hours')}
        </label>
        <span class="form-hint" id="hours_worked-hint">
          {home.this_week ? t('ui.citizen.checkin.hours_hint_plan', { n: formatNumber(home.this_week.total) }) : t('ui.citizen.checkin.hours_hint')}
        </span>
        <input class="form-input input-width-xs" id="hours_worked" name="hours_worked" type="text" inputMode="decimal" aria-describedby="hours_worked-hint" value={v.hours} onInput={(e) => upd({ hours: e.currentTarget.value })} />
      </div>

      <div class="form-group">
        <label class="form-label" for="note">
          {t('ui.citizen.checkin.note')}
        </label>
        <span class="form-hint" id="note-hint">
          {t('ui.citizen.checkin.note_hint')}
        </span>
        <textarea class="form-input" id="note" name="note" rows={3} maxLength={2000} aria-describedby="note-hint" value={v.note} onInput={(e) => upd({ note: e.currentTarget.value })} />
      </div>

      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('ui.citizen.checkin.busy') : t('ui.citizen.checkin.submit')}
        </button>
      </div>
    </form>
  );
}

// Range: a 0–10 slider that starts unanswered, with the last answer as a hint.
function Range({ id, label, value, last, low, high, onValue }) {
  return (
    <>
      <AnswerRange id={id} label={label} value={value} min={0} max={10} low={low} high={high} valueText={(n) => `${n} ${t('ui.citizen.checkin.of_ten')}`} onValue={onValue} />
      {last != null && <p class="form-hint range-last">{t('ui.citizen.checkin.last_answer', { n: last })}</p>}
    </>
  );
}
