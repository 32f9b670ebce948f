// The routes the router reads. Screens for signed-in users are loaded lazily,
// one chunk per role; add routes here (patterns may use :params).
import Activate from './Activate.jsx';
import Login from './Login.jsx';

const citizen = () => import('./citizen.js');
const caseworker = () => import('./caseworker.js');

// access: 'anonymous' (only when signed out), 'citizen' or 'caseworker'.
export const routes = [
  { path: '/login', access: 'anonymous', screen: Login },
  { path: '/aktiver', access: 'anonymous', screen: Activate },
  { path: '/', access: 'citizen', load: () => citizen().then((m) => m.Today) },
  { path: '/sagsbehandler', access: 'caseworker', load: () => caseworker().then((m) => m.MyCitizens) },
];

export { homeFor } from './homes.js';
