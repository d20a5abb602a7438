/** Training area. */
export { TrainingPage } from './TrainingPage';
