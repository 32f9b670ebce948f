// Small display pieces for the caseworker's screens.
import { t } from '../../i18n.js';
import { stepName as name } from '../../staircase.js';

const ARROWS = {
  up: 'M12 4l7 8h-5v8h-4v-8H5z',
  down: 'M12 20l-7-8h5V4h4v8h5z',
  flat: 'M20 12l-8 7v-5H4v-4h8V5z',
};

// Trend says up/flat/down in words, with an arrow beside it (never colour alone).
export function Trend({ trend }) {
  if (!trend) return <span class="cw-trend">{t('ui.cw.trend.none')}</span>;
  return (
    <span class={`cw-trend cw-trend-${trend}`}>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path d={ARROWS[trend]} />
      </svg>{' '}
      {t(`ui.cw.trend.${trend}`)}
    </span>
  );
}

// stepName: "3. Arbejdsopgaver", as the staircase is named for both roles.
export function stepName(step) {
  return step ? `${step}. ${name(step)}` : '–';
}

// meetingOptions: the citizen's held and coming meetings for a "made at which
// meeting?" select, most recent first, after a "no meeting" choice.
export function meetingOptions(meetings, formatDateTime) {
  const list = [...(meetings?.past || []), ...(meetings?.upcoming || [])].sort((a, b) => (a.starts_at < b.starts_at ? 1 : -1));
  return [{ value: '', label: t('ui.cw.agree.no_meeting') }, ...list.map((m) => ({ value: m.id, label: `${t(`ui.cw.kind.${m.kind}`)} · ${formatDateTime(m.starts_at)}` }))];
}
