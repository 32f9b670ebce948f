// Where each role lands after signing in.
const HOMES = { citizen: '/', caseworker: '/sagsbehandler' };

export function homeFor(role) {
  return HOMES[role] || '/login';
}
