// Dates and times for the caseworker's screens: Copenhagen time, Danish
// formats (English when the user reads English).
import { currentLanguage } from '../../i18n.js';

const TZ = 'Europe/Copenhagen';
const cache = new Map();

function fmt(opts) {
  const locale = currentLanguage() === 'en' ? 'en-GB' : 'da-DK';
  const key = locale + JSON.stringify(opts);
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(locale, { timeZone: TZ, ...opts }));
  return cache.get(key);
}

// A YYYY-MM-DD date is a calendar day: read it at noon UTC, which is the same
// day in Copenhagen all year.
function toInstant(v) {
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T12:00:00Z`);
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(v, long = false) {
  const d = toInstant(v);
  if (!d) return '';
  return fmt(long ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

export function formatShortDate(v) {
  const d = toInstant(v);
  return d ? fmt({ day: 'numeric', month: 'short' }).format(d) : '';
}

export function formatDateTime(v) {
  const d = toInstant(v);
  if (!d) return '';
  return fmt({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

function partsOf(d) {
  const p = {};
  for (const { type, value } of fmt({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)) p[type] = value;
  return p;
}

// copenhagenDate is today's (or d's) date in Copenhagen as YYYY-MM-DD.
export function copenhagenDate(d = new Date()) {
  const p = partsOf(d);
  return `${p.year}-${p.month}-${p.day}`;
}

// toLocalInput turns an instant into a datetime-local value in Copenhagen time.
export function toLocalInput(v) {
  const d = toInstant(v);
  if (!d) return '';
  const p = partsOf(d);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

// fromLocalInput turns a Copenhagen wall-clock time (YYYY-MM-DDTHH:MM) into
// RFC 3339 with the right offset for that day (DST included).
export function fromLocalInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || '');
  if (!m) return '';
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = partsOf(new Date(guess));
    const seen = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    guess += wall - seen;
  }
  const offsetMin = Math.round((wall - guess) / 60000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const pad = (n) => String(n).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// formatHours shows 7.5 as "7,5" in Danish.
export function formatHours(h) {
  const locale = currentLanguage() === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(h) || 0);
}
