// Citizen screens. Loaded as one chunk after a citizen signs in.
export { default as Today } from './citizen/Today.jsx';
