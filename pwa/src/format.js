// Dates, times and numbers for people: Copenhagen time, Danish (or British
// English) formats. Plain dates (YYYY-MM-DD) are calendar days, never shifted
// by time zones.
import { mondayOf } from './dates.js';
import { currentLanguage } from './i18n.js';

export { addDays, isoWeek } from './dates.js';

const TZ = 'Europe/Copenhagen';
const formats = new Map();

function locale() {
  return currentLanguage() === 'en' ? 'en-GB' : 'da-DK';
}

function fmt(options) {
  const key = locale() + JSON.stringify(options);
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale(), options));
  return formats.get(key);
}

// dayDate turns 'YYYY-MM-DD' into a Date at noon UTC, formatted in UTC.
function dayDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

// formatTime: "14:32".
export function formatTime(instant) {
  return fmt({ timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

// formatDateTime: "tirsdag 4. marts kl. 10:00" (weekday, date and time).
export function formatDateTime(instant) {
  const d = new Date(instant);
  const day = fmt({ timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long' }).format(d);
  return `${day} ${currentLanguage() === 'en' ? 'at' : 'kl.'} ${formatTime(d)}`;
}

// formatInstantDate: the Copenhagen calendar day of an instant, "4. marts".
export function formatInstantDate(instant) {
  return fmt({ timeZone: TZ, day: 'numeric', month: 'long' }).format(new Date(instant));
}

// formatDay: 'YYYY-MM-DD' as "tirsdag 4. marts".
export function formatDay(date, { weekday = 'long', month = 'long' } = {}) {
  const opts = { timeZone: 'UTC', day: 'numeric', month };
  if (weekday) opts.weekday = weekday;
  return fmt(opts).format(dayDate(date));
}

// formatShortDate: 'YYYY-MM-DD' as "4.3." (da) or "4 Mar" (en), for graph axes.
export function formatShortDate(date) {
  if (currentLanguage() === 'en') return fmt({ timeZone: 'UTC', day: 'numeric', month: 'short' }).format(dayDate(date));
  const d = dayDate(date);
  return `${d.getUTCDate()}.${d.getUTCMonth() + 1}.`;
}

// todayInCopenhagen is today's date, 'YYYY-MM-DD'.
export function todayInCopenhagen(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// weekStartOf is the Monday of the Copenhagen week holding an instant.
export function weekStartOf(now = new Date()) {
  return mondayOf(todayInCopenhagen(now));
}

// formatNumber: 7,5 (da) or 7.5 (en); at most two decimals.
export function formatNumber(n) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);
}
