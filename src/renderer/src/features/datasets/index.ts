/** Datasets area: libraries, sets, imports, curation of a set, export. */
export { DatasetsPage } from './DatasetsPage';
