/** The built-in cel-shading filter's public face. */
export { CelFilter, type CelOptions, DEFAULT_CEL_OPTIONS, celFlopsPerPixel, celReceptiveField, resolveCelOptions } from './cel-filter';
