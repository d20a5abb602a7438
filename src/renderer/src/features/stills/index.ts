/** Stills area: stylize single images and folders of photos. */
export { StillsPage } from './StillsPage';
