// TextField is the plain text input of the shared form controls.
export { Field as TextField } from './fields.jsx';
