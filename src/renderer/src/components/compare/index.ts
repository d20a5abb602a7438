/** Generic before/after image comparison. */
export { CompareSlider, COMPARE_KEY_STEP } from './CompareSlider';
