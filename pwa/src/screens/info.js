// The footer's pages, readable without signing in. Loaded as one chunk.
export { Accessibility, Help, Privacy } from './info/InfoPages.jsx';
