import { useId } from 'preact/hooks';
import { t } from '../../i18n.js';
import { COLOURS, DASHES, SHAPES, dayNumber, linear, markerPath } from './scale.js';

/*
LineChart draws values over time as SVG, with a table equivalent.

Props:
  title      string – the chart's name (caption of the table, label of the svg)
  series     [{ name: string, points: [{ date: 'YYYY-MM-DD', value: number }] }]
  yMin, yMax numbers – the value axis (e.g. 0 and 10)
  yTicks     optional [number] – grid lines (default: every whole number, or 5 steps)
  yLabels    optional { [value]: string } – named steps (e.g. the staircase:
             {1: 'Besøg', …}); shown above their grid lines and in the table
  stepped    optional bool – draw as a staircase (value holds until the next point)
  formatDate (date) => string – x-axis and table dates
  formatValue optional (value) => string – table and tooltip text
  emptyText  optional string – shown instead of the chart when no point exists
  summary    optional string – the chart's one plain sentence, shown above it
  yLabel     optional string – the value axis' name (default: none)
  xLabel     optional string – the time axis' name (default "Dato")

Several series are drawn a little apart vertically, so a line that runs on
top of another (the same step on the staircase) still shows.
*/
export function LineChart({ title, series, yMin, yMax, yTicks, yLabels, stepped, formatDate, formatValue, emptyText, summary, yLabel, xLabel }) {
  const id = useId();
  const all = series.flatMap((s) => s.points);
  if (!all.length) {
    return (
      <>
        {summary && <p class="chart-summary">{summary}</p>}
        <p class="chart-empty">{emptyText || t('ui.chart.empty')}</p>
      </>
    );
  }
  const valueText = (v) => (yLabels && yLabels[v] ? `${v} ${yLabels[v]}` : formatValue ? formatValue(v) : String(v));

  const W = 360;
  const H = (yLabels ? 240 : 200) + 30;
  const pad = { top: (yLabels ? 16 : 10) + 16, right: 12, bottom: 44, left: yLabels ? 12 : 30 };
  const apart = (i) => (series.length > 1 ? (i - (series.length - 1) / 2) * 4 : 0);
  const days = all.map((p) => dayNumber(p.date));
  let d0 = Math.min(...days);
  let d1 = Math.max(...days);
  if (d0 === d1) {
    d0 -= 3;
    d1 += 3;
  }
  const x = linear(d0, d1, pad.left + 6, W - pad.right - 6);
  const y = linear(yMin, yMax, H - pad.bottom, pad.top);
  const ticks = yTicks || range(yMin, yMax, yMax - yMin > 10 ? Math.ceil((yMax - yMin) / 5) : yLabels ? 1 : 2);
  const xTicks = dateTicks(all.map((p) => p.date));

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
          {xLabel || t('ui.chart.axis.date')}
        </text>
        {ticks.map((v) => (
          <g key={v}>
            <line class="chart-grid" x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} />
            {yLabels ? (
              <text class="chart-label" x={pad.left} y={y(v) - 3}>
                {valueText(v)}
              </text>
            ) : (
              <text class="chart-label" x={pad.left - 6} y={y(v) + 4} text-anchor="end">
                {v}
              </text>
            )}
          </g>
        ))}
        {xTicks.map((d) => (
          <text key={d} class="chart-label" x={x(dayNumber(d))} y={H - 24} text-anchor="middle">
            {formatDate(d)}
          </text>
        ))}
        {series.map((s, i) => {
          const pts = [...s.points].sort((a, b) => (a.date < b.date ? -1 : 1));
          if (!pts.length) return null;
          const path = pts
            .map((p, j) => {
              const px = x(dayNumber(p.date));
              const py = y(p.value) + apart(i);
              if (j === 0) return `M${px} ${py}`;
              return stepped ? `H${px}V${py}` : `L${px} ${py}`;
            })
            .join('');
          return (
            <g key={s.name} class="chart-series">
              <path d={path} fill="none" stroke={COLOURS[i % COLOURS.length]} stroke-width="2.5" stroke-dasharray={DASHES[i % DASHES.length] || undefined} />
              {pts.map((p) => (
                <path key={p.date} d={markerPath(SHAPES[i % SHAPES.length], x(dayNumber(p.date)), y(p.value) + apart(i))} fill={COLOURS[i % COLOURS.length]} />
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && <Legend series={series} />}
      <details class="chart-table">
        <summary>{t('ui.chart.show_table')}</summary>
        <DataTable title={title} series={series} formatDate={formatDate} valueText={valueText} />
      </details>
    </figure>
  );
}

// Legend names the series (the table says the same for screen readers).
export function Legend({ series, bars }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.name}>
          <svg viewBox="0 0 28 12" width="28" height="12">
            {bars ? (
              <rect x="4" y="0" width="20" height="12" fill={COLOURS[i % COLOURS.length]} />
            ) : (
              <>
                <line x1="0" x2="28" y1="6" y2="6" stroke={COLOURS[i % COLOURS.length]} stroke-width="2.5" stroke-dasharray={DASHES[i % DASHES.length] || undefined} />
                <path d={markerPath(SHAPES[i % SHAPES.length], 14, 6)} fill={COLOURS[i % COLOURS.length]} />
              </>
            )}
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

// DataTable: one row per date, one column per series.
function DataTable({ title, series, formatDate, valueText }) {
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const value = (s, d) => {
    const hits = s.points.filter((p) => p.date === d);
    return hits.length ? valueText(hits[hits.length - 1].value) : '–';
  };
  return (
    <div class="chart-table-scroll">
      <table class="table table--compact">
        <caption class="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.chart.date')}</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dates.map((d) => (
            <tr key={d}>
              <th scope="row">{formatDate(d)}</th>
              {series.map((s) => (
                <td key={s.name}>{value(s, d)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function range(a, b, step) {
  const out = [];
  for (let v = a; v <= b; v += step) out.push(v);
  return out;
}

// dateTicks picks up to four dates spread over the data for the x axis.
function dateTicks(dates) {
  const uniq = [...new Set(dates)].sort();
  if (uniq.length <= 4) return uniq;
  const n = uniq.length - 1;
  return [0, 1, 2, 3].map((i) => uniq[Math.round((i * n) / 3)]);
}
