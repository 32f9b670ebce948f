import { useId } from 'preact/hooks';
import { t } from '../../i18n.js';
import { Legend } from './LineChart.jsx';
import { COLOURS, linear, niceTicks } from './scale.js';

/*
BarChart draws groups of bars (e.g. planned and actual hours per week) as
SVG, with a table equivalent.

Props:
  title       string – the chart's name (caption of the table, label of the svg)
  seriesNames [string] – one per bar in a group, e.g. ['Planlagt', 'Faktisk']
  groups      [{ label: string, values: [number | null] }] – null: no bar (unknown)
  formatValue optional (value) => string – table text (default: the number)
  emptyText   optional string – shown instead of the chart when there are no groups
  summary     optional string – the chart's one plain sentence, shown above it
  yLabel      optional string – the value axis' name (e.g. "Timer")
  xLabel      optional string – the groups' name (default "Uge")
*/
export function BarChart({ title, seriesNames, groups, formatValue, emptyText, summary, yLabel, xLabel }) {
  const id = useId();
  if (!groups.length) {
    return (
      <>
        {summary && <p class="chart-summary">{summary}</p>}
        <p class="chart-empty">{emptyText || t('ui.chart.empty')}</p>
      </>
    );
  }
  const show = (v) => (v == null ? '–' : formatValue ? formatValue(v) : String(v));
  const W = 360;
  const H = 230;
  const pad = { top: 26, right: 8, bottom: 44, left: 30 };
  const max = Math.max(1, ...groups.flatMap((g) => g.values.filter((v) => v != null)));
  const ticks = niceTicks(max);
  const y = linear(0, ticks[ticks.length - 1], H - pad.bottom, pad.top);
  const slot = (W - pad.left - pad.right) / groups.length;
  const barW = Math.min(18, (slot * 0.8) / seriesNames.length);
  const every = Math.ceil(groups.length / 6); // at most six x labels

  return (
    <figure class="chart">
      {summary && (
        <p class="chart-summary" id={`${id}-s`}>
          {summary}
        </p>
      )}
      <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={summary ? `${id}-s ${id}-d` : `${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{t('ui.chart.see_table')}</desc>
        {yLabel && (
          <text class="chart-axis-label" x={4} y={11}>
            {yLabel}
          </text>
        )}
        <text class="chart-axis-label" x={W - pad.right} y={H - 4} text-anchor="end">
          {xLabel || t('ui.chart.axis.week')}
        </text>
        {ticks.map((v) => (
          <g key={v}>
            <line class="chart-grid" x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} />
            <text class="chart-label" x={pad.left - 6} y={y(v) + 4} text-anchor="end">
              {show(v)}
            </text>
          </g>
        ))}
        {groups.map((g, i) => {
          const cx = pad.left + slot * i + slot / 2;
          const left = cx - (barW * seriesNames.length) / 2;
          return (
            <g key={g.label}>
              {g.values.map((v, j) =>
                v == null ? null : (
                  <rect key={j} x={left + j * barW} y={y(v)} width={barW - 2} height={Math.max(0, y(0) - y(v))} fill={COLOURS[j % COLOURS.length]} class={j % 2 ? 'chart-bar-alt' : undefined} />
                ),
              )}
              {i % every === 0 && (
                <text class="chart-label" x={cx} y={H - 24} text-anchor="middle">
                  {g.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend series={seriesNames.map((name) => ({ name }))} bars />
      <details class="chart-table">
        <summary>{t('ui.chart.show_table')}</summary>
        <div class="chart-table-scroll">
          <table class="table table--compact">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.chart.period')}</th>
                {seriesNames.map((n) => (
                  <th scope="col" key={n}>
                    {n}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.label}>
                  <th scope="row">{g.label}</th>
                  {g.values.map((v, j) => (
                    <td key={j}>{show(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
