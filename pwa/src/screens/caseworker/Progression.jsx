import { BarChart } from '../../components/charts/BarChart.jsx';
import { LineChart } from '../../components/charts/LineChart.jsx';
import { chartSentence } from '../../components/charts/summary.js';
import { t } from '../../i18n.js';
import { formatHours, formatShortDate } from './format.js';
import { isoWeek } from './planMath.js';
import { STEPS, stepName } from '../../staircase.js';

function stepLabels() {
  return Object.fromEntries(STEPS.map((n) => [n, stepName(n)]));
}

// StaircaseGap says in words where each party last placed the citizen and how
// far apart citizen and employer are: the roundtable's first topic. The API
// computes the gap (staircase_gap); this only says it.
export function StaircaseGap({ gap }) {
  if (!gap || (!gap.citizen && !gap.employer && !gap.jobcenter)) return null;
  const place = (party) => {
    const p = gap[party];
    const who = t(`ui.cw.party.${party}`);
    return p ? t('ui.cw.prog.placed', { party: who, step: p.step, name: stepName(p.step), date: formatShortDate(p.date) }) : t('ui.cw.prog.not_placed', { party: who });
  };
  const ce = gap.citizen_employer;
  const cj = gap.citizen_jobcenter;
  return (
    <div class={gap.wide ? 'cw-gap cw-gap-wide' : 'cw-gap'}>
      <ul>
        <li>{place('citizen')}</li>
        <li>{place('employer')}</li>
        <li>{place('jobcenter')}</li>
      </ul>
      {ce != null && (
        <p>
          <strong>{ce === 0 ? t('ui.cw.prog.gap_none') : t('ui.cw.prog.gap', { n: ce })}</strong>
        </p>
      )}
      {cj != null && cj > 0 && <p>{t('ui.cw.prog.gap_jobcenter', { n: cj })}</p>}
    </div>
  );
}

// Progression: the caseworker's graphs, each with its table equivalent
// (the charts are the shared components in components/charts).
export function Progression({ data, compact = false }) {
  if (!data) return <p>{t('ui.app.loading')}</p>;
  const overall = (data.goals || []).filter((g) => g.level === 'overall');
  const subsOf = (id) => (data.goals || []).filter((g) => g.parent_id === id);
  const H = compact ? 'h4' : 'h3';
  const s = data.staircase || {};
  const sums = data.summaries || {};
  return (
    <div class={compact ? 'cw-graphs cw-graphs-compact' : 'cw-graphs'}>
      <section aria-labelledby="prog-staircase">
        <H id="prog-staircase">{t('ui.cw.prog.staircase')}</H>
        <StaircaseGap gap={data.staircase_gap} />
        <LineChart
          title={t('ui.cw.prog.staircase')}
          summary={chartSentence('ui.chart.staircase', sums.staircase)}
          yLabel={t('ui.chart.axis.step')}
          series={['citizen', 'employer', 'jobcenter'].map((p) => ({ name: t(`ui.cw.party.${p}`), points: (s[p] || []).map((x) => ({ date: x.date, value: x.step })) }))}
          yMin={1}
          yMax={6}
          yLabels={stepLabels()}
          stepped
          formatDate={formatShortDate}
          emptyText={t('ui.cw.prog.no_staircase')}
        />
      </section>
      {overall.map((g) => (
        <section key={g.goal_id} aria-labelledby={`prog-goal-${g.goal_id}`}>
          <H id={`prog-goal-${g.goal_id}`}>{t('ui.cw.prog.goal', { title: g.title })}</H>
          <LineChart
            title={t('ui.cw.prog.goal', { title: g.title })}
            summary={chartSentence('ui.chart.goal', g.summary)}
            yLabel={t('ui.chart.axis.score')}
            series={[g, ...subsOf(g.goal_id)].map((x) => ({ name: x.level === 'sub' ? t('ui.cw.prog.sub', { title: x.title }) : x.title, points: (x.points || []).map((p) => ({ date: p.date, value: p.value })) }))}
            yMin={0}
            yMax={10}
            formatDate={formatShortDate}
            emptyText={t('ui.cw.prog.no_scores')}
          />
        </section>
      ))}
      {!overall.length && <p>{t('ui.cw.prog.no_goals')}</p>}
      <section aria-labelledby="prog-hours">
        <H id="prog-hours">{t('ui.cw.prog.hours')}</H>
        <BarChart
          title={t('ui.cw.prog.hours')}
          summary={chartSentence('ui.chart.hours', sums.hours)}
          yLabel={t('ui.chart.axis.hours')}
          seriesNames={[t('ui.cw.prog.planned'), t('ui.cw.prog.actual')]}
          groups={(data.hours || []).map((h) => ({ label: t('ui.cw.prog.week_n', { n: isoWeek(h.week_start) }), values: [h.planned ?? null, h.actual ?? null] }))}
          formatValue={formatHours}
          emptyText={t('ui.cw.prog.no_hours')}
        />
      </section>
      <section aria-labelledby="prog-wellbeing">
        <H id="prog-wellbeing">{t('ui.cw.prog.wellbeing')}</H>
        <LineChart
          title={t('ui.cw.prog.wellbeing')}
          summary={chartSentence('ui.chart.wellbeing.cw', sums.wellbeing)}
          yLabel={t('ui.chart.axis.score')}
          series={[{ name: t('ui.cw.prog.wellbeing'), points: (data.wellbeing || []).map((p) => ({ date: p.date, value: p.value })) }]}
          yMin={0}
          yMax={10}
          formatDate={formatShortDate}
          emptyText={t('ui.cw.prog.no_wellbeing')}
        />
      </section>
    </div>
  );
}
