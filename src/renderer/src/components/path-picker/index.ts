/** Choosing a path without typing it: the native dialog in the desktop app, the studio's own picker in web mode. */
export { BrowseButton } from './BrowseButton';
export { PathPicker } from './PathPicker';
