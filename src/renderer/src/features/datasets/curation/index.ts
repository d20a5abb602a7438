/** Curation of a set: windowed grid, keyboard decisions, detail view, filters, statistics and export. */
export { CurationView } from './CurationView';
