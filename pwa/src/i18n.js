// Message catalogs, shared with the Go server: /i18n/{lang}.json is a flat
// object of key → string, or key → {one, other} for plurals. Placeholders
// look like {name}.
const SUPPORTED = ['da', 'en'];

let lang = 'da';
let messages = {};
let rules = new Intl.PluralRules('da');
const listeners = new Set();

export function currentLanguage() {
  return lang;
}

// Before sign-in: the browser's language if it is English, else Danish.
export function browserLanguage() {
  const nav = (typeof navigator !== 'undefined' && navigator.language) || '';
  return nav.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function normalise(locale) {
  const l = String(locale || '').slice(0, 2).toLowerCase();
  return SUPPORTED.includes(l) ? l : 'da';
}

async function fetchCatalog(name) {
  const res = await fetch(`/i18n/${name}.json`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`catalog ${name}: ${res.status}`);
  return res.json();
}

// Parts of the catalog served on their own (i18n.Parts in Go: the footer
// pages' long texts "page.…", the caseworker's "ui.cw.…"): loaded with the
// screens that need them, and again on a change of language.
const parts = new Set();

export async function loadCatalogPart(part) {
  if (parts.has(part)) return;
  parts.add(part); // so a setLanguage meanwhile fetches it in its language
  let at;
  let more;
  try {
    do {
      at = lang;
      more = await fetchCatalog(`${at}.${part}`);
    } while (at !== lang); // the language changed meanwhile: fetch it in the new one
  } catch (err) {
    parts.delete(part);
    throw err;
  }
  messages = { ...messages, ...more };
  listeners.forEach((fn) => fn(lang));
}

export async function setLanguage(locale) {
  const next = normalise(locale);
  if (next === lang && Object.keys(messages).length > 0) return;
  let wanted;
  let all;
  do {
    wanted = [...parts];
    all = await Promise.all([next, ...wanted.map((p) => `${next}.${p}`)].map(fetchCatalog));
  } while (parts.size !== wanted.length); // a screen asked for a part meanwhile: fetch it too
  messages = Object.assign({}, ...all);
  lang = next;
  rules = new Intl.PluralRules(lang);
  document.documentElement.lang = lang;
  listeners.forEach((fn) => fn(lang));
}

export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// Numbers put into a message are written the reader's way: 7,5 in Danish.
let numbers = null;
function numberText(v) {
  if (typeof v !== 'number' || Number.isInteger(v)) return String(v);
  if (!numbers || numbers.lang !== lang) numbers = { lang, f: new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 2 }) };
  return numbers.f.format(v);
}

function format(text, vars) {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? numberText(vars[name]) : m));
}

// t returns the key itself when it is missing, so a gap shows instead of crashing.
export function t(key, vars) {
  const msg = messages[key];
  if (typeof msg === 'string') return format(msg, vars);
  if (msg && typeof msg.other === 'string') return format(msg.other, vars);
  return key;
}

// plural picks the one/other form for n; {n} and {count} both give n.
export function plural(key, n, vars) {
  const msg = messages[key];
  const all = { n, count: n, ...vars };
  if (!msg || typeof msg === 'string') return msg ? format(msg, all) : key;
  const form = msg[rules.select(n)] ?? msg.other ?? '';
  return format(form, all);
}
