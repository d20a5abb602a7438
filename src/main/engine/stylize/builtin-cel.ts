/**
 * The style that needs no weights: a classic cel-shading filter (see ./builtin-cel-filter) behind the StyleEngine
 * interface, so conversion works on a fresh install with nothing downloaded. Runs any size (sizeMultiple 1); its
 * contextPixels is its exact receptive field, so tiling with that overlap reproduces the untiled frame.
 */
import { CelFilter, type CelOptions, celFlopsPerPixel, celReceptiveField } from './builtin-cel-filter';
import { type StyleEngine } from './style-engine';

export { type CelOptions, DEFAULT_CEL_OPTIONS } from './builtin-cel-filter';

/**
 * A cel-shading StyleEngine. levels: luma tones 2..32 (default 6); edgeStrength: line darkness 0..1 (default 0.9);
 * smoothing: iterations of edge-aware smoothing 0..8 (default 3; more paints flatter, 8 costs ~2x the default).
 * Throws RangeError on an out-of-range option.
 */
export function createBuiltinCelEngine(opts: Partial<CelOptions> = {}): StyleEngine {
  const filter = new CelFilter(opts);
  let disposed = false;
  return {
    label: 'Built-in cel shading',
    kind: 'builtin',
    sizeMultiple: 1,
    contextPixels: celReceptiveField(filter.options),
    flopsPerPixel: celFlopsPerPixel(filter.options),
    /** x: float32 NHWC [n, height, width, 3] in [-1, 1] -> a new array of the same shape, in [-1, 1]. */
    async stylize(x: Float32Array, n: number, height: number, width: number): Promise<Float32Array> {
      if (disposed) throw new Error('Built-in cel shading: stylize after dispose');
      const size = height * width * 3;
      if (!(n >= 1 && height >= 1 && width >= 1) || x.length < n * size) {
        throw new RangeError(`Built-in cel shading: x has ${x.length} values, [${n}, ${height}, ${width}, 3] needs ${n * size}`);
      }
      const out = new Float32Array(n * size);
      for (let k = 0; k < n; k++) filter.run(x, k * size, out, k * size, width, height);
      return out;
    },
    async dispose(): Promise<void> {
      disposed = true;
      filter.release();
    },
  };
}
