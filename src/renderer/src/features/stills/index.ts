/** Stills area. */
export { StillsPage } from './StillsPage';
