// The routes the router reads. Screens for signed-in users are loaded lazily,
// one chunk per role; add routes here (patterns may use :params).
import Activate from './Activate.jsx';
import Login from './Login.jsx';
import { loadCatalogPart } from '../i18n.js';
import StaffLogin from './StaffLogin.jsx';

// Each role's chunk comes with its part of the catalog ("ui.citizen.…", "ui.cw.…").
const citizen = () => Promise.all([import('./citizen.js'), loadCatalogPart('citizen')]).then(([m]) => m);
const caseworker = () => Promise.all([import('./caseworker.js'), loadCatalogPart('cw')]).then(([m]) => m);
const employer = () => Promise.all([import('./employer.js'), loadCatalogPart('employer')]).then(([m]) => m);
// The footer's pages: their own chunk, with their long texts (catalog part "pages").
const info = (name) => Promise.all([import('./info.js'), loadCatalogPart('pages')]).then(([m]) => m[name]);

// access: 'anonymous' (only when signed out), 'public' (anyone, signed in
// or not), 'citizen', 'caseworker', 'employer' or 'signed-in' (any signed-in user).
export const routes = [
  { path: '/login', access: 'anonymous', screen: Login },
  { path: '/login/medarbejder', access: 'anonymous', screen: StaffLogin },
  { path: '/aktiver', access: 'anonymous', screen: Activate },
  { path: '/', access: 'citizen', load: () => citizen().then((m) => m.Today) },
  { path: '/plan', access: 'citizen', load: () => citizen().then((m) => m.Plan) },
  { path: '/maal', access: 'citizen', load: () => citizen().then((m) => m.Goals) },
  { path: '/checkin', access: 'citizen', load: () => citizen().then((m) => m.Checkin) },
  { path: '/moeder', access: 'citizen', load: () => citizen().then((m) => m.Meetings) },
  { path: '/moeder/:id', access: 'citizen', load: () => citizen().then((m) => m.MeetingDetail) },
  { path: '/moeder/:id/forberedelse', access: 'citizen', load: () => citizen().then((m) => m.MeetingPreparation) },
  { path: '/sagsbehandler', access: 'caseworker', load: () => caseworker().then((m) => m.MyCitizens) },
  { path: '/sagsbehandler/ny', access: 'caseworker', load: () => caseworker().then((m) => m.NewCitizen) },
  { path: '/sagsbehandler/borger/:id', access: 'caseworker', load: () => caseworker().then((m) => m.CitizenPage) },
  { path: '/sagsbehandler/borger/:id/print', access: 'caseworker', load: () => caseworker().then((m) => m.CitizenPrint) },
  { path: '/sagsbehandler/borger/:id/print/intern', access: 'caseworker', load: () => caseworker().then((m) => m.CitizenPrintInternal) },
  { path: '/sagsbehandler/kontakt', access: 'caseworker', load: () => caseworker().then((m) => m.Profile) },
  { path: '/arbejdsgiver/medarbejdere', access: 'employer', load: () => employer().then((m) => m.Employees) },
  { path: '/arbejdsgiver/medarbejder/:id', access: 'employer', load: () => employer().then((m) => m.Employee) },
  // The employer's reminders reuse the citizen's parts and their words.
  { path: '/arbejdsgiver/paamindelser', access: 'employer', load: () => Promise.all([employer(), loadCatalogPart('citizen')]).then(([m]) => m.Reminders) },
  { path: '/adgang', access: 'citizen', load: () => citizen().then((m) => m.AccessLog) },
  { path: '/fast-track', access: 'citizen', load: () => citizen().then((m) => m.FastTrack) },
  { path: '/paamindelser', access: 'citizen', load: () => citizen().then((m) => m.Reminders) },
  { path: '/mine-data', access: 'citizen', load: () => citizen().then((m) => m.MyData) },
  { path: '/forloeb', access: 'citizen', load: () => citizen().then((m) => m.MyCase) },
  { path: '/aftaler', access: 'citizen', load: () => citizen().then((m) => m.Agreements) },
  { path: '/kontakt', access: 'citizen', load: () => citizen().then((m) => m.Contact) },
  { path: '/arbejdsgiver', access: 'citizen', load: () => citizen().then((m) => m.EmployerSharing) },
  { path: '/privatliv', access: 'public', load: () => info('Privacy') },
  { path: '/tilgaengelighed', access: 'public', load: () => info('Accessibility') },
  { path: '/hjaelp', access: 'public', load: () => info('Help') },
  { path: '/adgangskode', access: 'signed-in', load: () => import('./Password.jsx').then((m) => m.default) },
];

export { homeFor } from './homes.js';
