/** Datasets area: libraries, sets, photo import and the image grid. */
export { DatasetsPage } from './DatasetsPage';
