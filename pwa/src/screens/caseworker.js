// Caseworker screens. Loaded as one chunk after a caseworker signs in.
export { default as MyCitizens } from './caseworker/MyCitizens.jsx';
