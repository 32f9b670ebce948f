// Pure helpers for the plan editor: quarter hours, weeks as YYYY-MM-DD
// Mondays, copy a week forward and step hours up. No DOM, no state.
import { addDays } from '../../dates.js';

export { addDays, isoWeek, mondayOf } from '../../dates.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const MAX_DAY_HOURS = 24;

// roundQuarter rounds to the nearest quarter hour within 0–24.
export function roundQuarter(h) {
  const n = Number(h);
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.min(MAX_DAY_HOURS, Math.round(n * 4) / 4);
}

export function weekTotal(hours) {
  return DAYS.reduce((sum, d) => sum + (Number(hours?.[d]) || 0), 0);
}

export function emptyHours() {
  return { mon: 0, tue: 0, wed: 0, thu: 0, fri: 0 };
}

export function newWeek(weekStart, hours = emptyHours()) {
  return { week_start: weekStart, hours: { ...hours }, note: '', status_meeting: null };
}

function sorted(weeks) {
  return [...weeks].sort((a, b) => (a.week_start < b.week_start ? -1 : a.week_start > b.week_start ? 1 : 0));
}

// setWeek puts hours into the week starting weekStart, adding the week when
// it is missing (note and status meeting of an existing week are kept).
function setWeek(weeks, weekStart, hours) {
  const i = weeks.findIndex((w) => w.week_start === weekStart);
  if (i < 0) return sorted([...weeks, newWeek(weekStart, hours)]);
  return weeks.map((w, j) => (j === i ? { ...w, hours: { ...hours } } : w));
}

// copyForward copies the hours of the week starting `from` into the next
// `count` weeks.
export function copyForward(weeks, from, count = 1) {
  const src = weeks.find((w) => w.week_start === from);
  if (!src) return weeks;
  let out = weeks;
  for (let k = 1; k <= count; k++) out = setWeek(out, addDays(from, 7 * k), src.hours);
  return out;
}

// stepHours raises one week's hours: by a percentage of each day, or by a
// number of hours a week spread over the working days (the days that already
// have hours, else all five). Every day is a quarter hour and at most 24 h;
// with hours the week grows by exactly `amount` unless the cap stops it.
export function stepHours(hours, { mode, amount }) {
  const a = Number(amount) || 0;
  if (mode === 'percent') {
    const out = {};
    for (const d of DAYS) out[d] = roundQuarter((Number(hours[d]) || 0) * (1 + a / 100));
    return out;
  }
  const out = { ...emptyHours(), ...hours };
  let days = DAYS.filter((d) => out[d] > 0);
  if (!days.length) days = [...DAYS];
  let quarters = Math.round(a * 4);
  const sign = Math.sign(quarters);
  // Hand out one quarter hour at a time, round-robin, so the days stay even.
  for (let guard = 0; quarters !== 0 && guard < 10000; guard++) {
    const open = days.filter((d) => (sign > 0 ? out[d] < MAX_DAY_HOURS : out[d] > 0));
    if (!open.length) break;
    // The day with the fewest hours gets the next quarter (most, when lowering).
    open.sort((x, y) => (sign > 0 ? out[x] - out[y] : out[y] - out[x]) || DAYS.indexOf(x) - DAYS.indexOf(y));
    out[open[0]] = roundQuarter(out[open[0]] + sign * 0.25);
    quarters -= sign;
  }
  return out;
}

// stepUp adds `count` weeks after the week starting `from`, each one step up
// from the week before it.
export function stepUp(weeks, from, { mode, amount, count = 1 }) {
  const src = weeks.find((w) => w.week_start === from);
  if (!src) return weeks;
  let out = weeks;
  let hours = src.hours;
  for (let k = 1; k <= count; k++) {
    hours = stepHours(hours, { mode, amount });
    out = setWeek(out, addDays(from, 7 * k), hours);
  }
  return out;
}

// validHours is what the API accepts for a day: 0–24 in quarter steps.
export function validHours(h) {
  const n = Number(h);
  return Number.isFinite(n) && n >= 0 && n <= MAX_DAY_HOURS && Math.abs(n * 4 - Math.round(n * 4)) < 1e-9;
}
