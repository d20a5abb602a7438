/** Training area: new runs, the live dashboard (charts, weight sliders, previews) and the run list. */
export { TrainingPage } from './TrainingPage';
