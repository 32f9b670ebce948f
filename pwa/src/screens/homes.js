// Where each role lands after signing in.
const HOMES = { citizen: '/', caseworker: '/sagsbehandler', employer: '/arbejdsgiver/medarbejdere' };

export function homeFor(role) {
  return HOMES[role] || '/login';
}
