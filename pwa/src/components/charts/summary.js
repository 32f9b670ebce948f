// chartSentence turns a chart's summary, computed by the server
// (models/progression_summary.go), into its one plain sentence. prefix names
// the chart's keys, e.g. 'ui.chart.goal' → 'ui.chart.goal.better'.
import { currentLanguage, t } from '../../i18n.js';
import { isoWeek } from '../../dates.js';

function dateText(date, options) {
  const locale = currentLanguage() === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(new Date(`${date}T12:00:00Z`));
}

const monthName = (date) => dateText(date, { month: 'long' });
const dayName = (date) => dateText(date, { day: 'numeric', month: 'long' });

// since: "i oktober" when the first answer is from an earlier month than the
// latest, else "den 5. oktober".
function since(first, latest) {
  if (!first) return '';
  if (latest && first.slice(0, 7) === latest.slice(0, 7)) return t('ui.chart.since_day', { day: dayName(first) });
  return t('ui.chart.since_month', { month: monthName(first) });
}

export function chartSentence(prefix, summary) {
  if (!summary || !summary.key) return '';
  return t(`${prefix}.${summary.key}`, {
    from: summary.from,
    to: summary.to,
    since: since(summary.since, summary.date),
    week: summary.week ? isoWeek(summary.week) : '',
  });
}
