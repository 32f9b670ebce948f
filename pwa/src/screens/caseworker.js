// Caseworker screens. Loaded as one chunk after a caseworker signs in.
export { default as MyCitizens } from './caseworker/MyCitizens.jsx';
export { default as NewCitizen } from './caseworker/NewCitizen.jsx';
export { default as CitizenPage } from './caseworker/CitizenPage.jsx';
export { default as CitizenPrint } from './caseworker/CitizenPrint.jsx';
export { default as CitizenPrintInternal } from './caseworker/CitizenPrintInternal.jsx';
export { default as Profile } from './caseworker/Profile.jsx';
