import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { BarChart } from '../../components/charts/BarChart.jsx';
import { LineChart } from '../../components/charts/LineChart.jsx';
import { chartSentence } from '../../components/charts/summary.js';
import { ErrorSummary } from '../../components/ErrorSummary.jsx';
import { t } from '../../i18n.js';
import { formatDay, formatNumber, formatShortDate, isoWeek } from '../../format.js';
import { isNetworkError } from '../../session.js';
import { useResource } from '../../offline/resource.js';
import { CitizenPage, STEPS, stepName } from './common.jsx';

// Mine mål og fremskridt: goals with sub-goals and activities, an own
// sub-goal in the citizen's words, and the progress graphs.
export default function Goals() {
  const res = useResource('/me/goals');
  const prog = useResource('/me/progression');
  const goals = res.data && (Array.isArray(res.data) ? res.data : res.data.items || res.data.goals || []);
  return (
    <CitizenPage title={t('ui.citizen.goals.title')} res={res}>
      {goals && (
        <>
          {goals.length === 0 && <p>{t('ui.citizen.goals.none')}</p>}
          {goals.map((g) => (
            <Goal key={g.id} goal={g} onAdded={res.reload} />
          ))}
          <Progress prog={prog.data} />
        </>
      )}
    </CitizenPage>
  );
}

function Status({ goal }) {
  if (goal.status === 'active') return null;
  return <span class={goal.status === 'reached' ? 'badge badge-success' : 'badge'}>{t(`ui.goal.status.${goal.status}`)}</span>;
}

function VagueHint({ goal }) {
  if (!goal.vague) return null;
  return <p class="vague-hint">{t('ui.citizen.goals.vague_hint')}</p>;
}

function Goal({ goal, onAdded }) {
  return (
    <section class="goal card" aria-labelledby={`goal-${goal.id}`}>
      <div class="card-content">
        <p class="goal-level">{t('ui.citizen.goals.overall')}</p>
        <h2 class="h3" id={`goal-${goal.id}`}>
          {goal.title} <Status goal={goal} />
        </h2>
        {goal.target_date && <p>{t('ui.citizen.goals.target', { date: formatDay(goal.target_date) })}</p>}
        <VagueHint goal={goal} />
        {(goal.sub_goals || []).length > 0 && (
          <>
            <h3 class="h4">{t('ui.citizen.goals.sub_goals')}</h3>
            <ul class="sub-goals">
              {goal.sub_goals.map((s) => (
                <li key={s.id}>
                  <strong>{s.title}</strong> <Status goal={s} />
                  {s.created_by === 'citizen' && <span class="own-tag"> {t('ui.citizen.goals.own')}</span>}
                  {s.target_date && <span class="goal-date"> – {t('ui.citizen.goals.target', { date: formatDay(s.target_date) })}</span>}
                  <VagueHint goal={s} />
                  {(s.activities || []).length > 0 && (
                    <>
                      <p class="activities-label">{t('ui.citizen.goals.activities')}</p>
                      <ol class="activities">
                        {s.activities.map((a) => (
                          <li key={a.id}>{a.title}</li>
                        ))}
                      </ol>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        <AddSubGoal parent={goal} onAdded={onAdded} />
      </div>
    </section>
  );
}

// AddSubGoal: the citizen's own sub-goal, in their own words. Needs a
// connection (it has no client id to make a replay harmless).
function AddSubGoal({ parent, onAdded }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const id = `new-sub-${parent.id}`;
  if (!open) {
    return (
      <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
        {t('ui.citizen.goals.add')}
      </button>
    );
  }
  async function submit(e) {
    e.preventDefault();
    if (!title.trim()) return setErrors([{ id, message: t('ui.citizen.goals.add_missing') }]);
    setBusy(true);
    try {
      const body = { title: title.trim(), parent_id: parent.id };
      if (date) body.target_date = date;
      await api.post('/me/goals', body);
      setOpen(false);
      setTitle('');
      setDate('');
      setErrors([]);
      onAdded();
    } catch (err) {
      const msg = isNetworkError(err) ? t('ui.citizen.goals.add_offline') : Object.values(err.fields || {})[0] || err.message;
      setErrors([{ id, message: msg }]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="add-sub-goal" onSubmit={submit} noValidate>
      <ErrorSummary items={errors} />
      <div class="form-group">
        <label class="form-label" for={id}>
          {t('ui.citizen.goals.add_label')}
        </label>
        <span class="form-hint" id={`${id}-hint`}>
          {t('ui.citizen.goals.add_hint')}
        </span>
        <textarea class="form-input" id={id} rows={2} maxLength={300} aria-describedby={`${id}-hint`} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </div>
      <div class="form-group">
        <label class="form-label" for={`${id}-date`}>
          {t('ui.citizen.goals.add_date')}
        </label>
        <input class="form-input input-width-s" type="date" id={`${id}-date`} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {t('ui.citizen.goals.add_submit')}
        </button>
        <button type="button" class="button button-tertiary" onClick={() => setOpen(false)}>
          {t('ui.citizen.cancel')}
        </button>
      </div>
    </form>
  );
}

const stepLabels = () => Object.fromEntries(STEPS.map((n) => [n, stepName(n)]));

function Progress({ prog }) {
  if (!prog) return null;
  const pts = (list) => (list || []).map((p) => ({ date: p.date, value: p.value }));
  const overall = (prog.goals || []).filter((g) => g.level === 'overall');
  const stairs = prog.staircase || {};
  const party = (key) => ({ name: t(`ui.citizen.goals.party.${key}`), points: (stairs[key] || []).map((p) => ({ date: p.date, value: p.step })) });
  const hours = (prog.hours || []).map((h) => ({ label: t('ui.citizen.goals.week_short', { n: isoWeek(h.week_start) }), values: [h.planned, h.actual] }));
  const sums = prog.summaries || {};
  return (
    <section aria-labelledby="progress-h" class="progress">
      <h2 id="progress-h">{t('ui.citizen.goals.progress')}</h2>
      {overall.map((g) => {
        const series = [g, ...(prog.goals || []).filter((s) => s.parent_id === g.goal_id)].map((s) => ({ name: s.title, points: pts(s.points) }));
        return (
          <div key={g.goal_id} class="progress-chart">
            <h3 class="h4">{t('ui.citizen.goals.scores_for', { title: g.title })}</h3>
            <LineChart title={t('ui.citizen.goals.scores_for', { title: g.title })} summary={chartSentence('ui.chart.goal', g.summary)} yLabel={t('ui.chart.axis.score')} series={series} yMin={0} yMax={10} formatDate={formatShortDate} emptyText={t('ui.citizen.goals.no_scores')} />
          </div>
        );
      })}
      <div class="progress-chart">
        <h3 class="h4">{t('ui.citizen.goals.wellbeing')}</h3>
        <LineChart title={t('ui.citizen.goals.wellbeing')} summary={chartSentence('ui.chart.wellbeing.me', sums.wellbeing)} yLabel={t('ui.chart.axis.score')} series={[{ name: t('ui.citizen.goals.wellbeing'), points: pts(prog.wellbeing) }]} yMin={0} yMax={10} formatDate={formatShortDate} emptyText={t('ui.citizen.goals.no_scores')} />
      </div>
      <div class="progress-chart">
        <h3 class="h4">{t('ui.citizen.goals.hours')}</h3>
        <BarChart title={t('ui.citizen.goals.hours')} summary={chartSentence('ui.chart.hours', sums.hours)} yLabel={t('ui.chart.axis.hours')} seriesNames={[t('ui.citizen.goals.planned'), t('ui.citizen.goals.actual')]} groups={hours} formatValue={formatNumber} emptyText={t('ui.citizen.goals.no_hours')} />
      </div>
      <div class="progress-chart">
        <h3 class="h4">{t('ui.citizen.goals.staircase')}</h3>
        <p class="form-hint">{t('ui.citizen.goals.staircase_hint')}</p>
        <LineChart
          title={t('ui.citizen.goals.staircase')}
          summary={chartSentence('ui.chart.staircase', sums.staircase)}
          yLabel={t('ui.chart.axis.step')}
          series={[party('citizen'), party('employer'), party('jobcenter')].filter((s) => s.points.length)}
          yMin={1}
          yMax={6}
          yLabels={stepLabels()}
          stepped
          formatDate={formatShortDate}
          emptyText={t('ui.citizen.goals.no_steps')}
        />
      </div>
    </section>
  );
}
