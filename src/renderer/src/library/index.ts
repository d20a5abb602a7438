/** The current library, shared by every area that works inside one (datasets, training). */
export { useLibrary, type LibraryState } from './useLibrary';
