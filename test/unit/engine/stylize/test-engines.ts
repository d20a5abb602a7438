/**
 * Small StyleEngines that do real arithmetic (no canned results), for the tiling tests: a 5x5 box blur with a true
 * receptive field of 2 and a size multiple of 8 (also as a fixed-size model that takes one size only), an identity
 * that insists on its size multiple, and a constant that changes with every call (to see how tiles are blended).
 * Each records the batch shapes it was given.
 */
import { type ImageSize, type StyleEngine } from '../../../../src/main/engine/stylize/style-engine';
import { boxBlur } from '../../../support/box-blur';

/** A StyleEngine that also lists the [n, height, width] of every call. */
export interface RecordingEngine extends StyleEngine {
  calls: [number, number, number][];
}

/** Base of the test engines: checks shapes against sizeMultiple, records them, then runs `run`. */
function engine(
  label: string,
  sizeMultiple: number,
  contextPixels: number,
  run: (x: Float32Array, n: number, height: number, width: number, call: number) => Float32Array,
): RecordingEngine {
  const calls: [number, number, number][] = [];
  return {
    label,
    kind: 'tfjs-cpu',
    sizeMultiple,
    contextPixels,
    flopsPerPixel: 0,
    calls,
    async stylize(x, n, height, width) {
      if (height % sizeMultiple !== 0 || width % sizeMultiple !== 0) throw new Error(`${label}: ${width}x${height} is not a multiple of ${sizeMultiple}`);
      if (x.length !== n * height * width * 3) throw new Error(`${label}: x has ${x.length} values for [${n}, ${height}, ${width}, 3]`);
      calls.push([n, height, width]);
      return run(x, n, height, width, calls.length - 1);
    },
    async dispose() {},
  };
}

/** 5x5 box blur per channel, reflect-101 at the batch's borders; receptive field 2, sizeMultiple 8 by default. */
export function boxBlurEngine(sizeMultiple = 8): RecordingEngine {
  return engine('5x5 box blur', sizeMultiple, 2, (x, n, height, width) => boxBlur(x, n, height, width));
}

/** The 5x5 box blur as a model exported at one size: it refuses every other size, as a fixed-size ONNX model does. */
export function fixedSizeBoxBlurEngine(fixedSize: ImageSize, sizeMultiple = 8): RecordingEngine {
  const blur = boxBlurEngine(sizeMultiple);
  return {
    ...blur,
    label: `5x5 box blur at ${fixedSize.width}x${fixedSize.height} only`,
    fixedSize,
    async stylize(x, n, height, width) {
      if (height !== fixedSize.height || width !== fixedSize.width) throw new Error(`${this.label}: got ${width}x${height}`);
      return blur.stylize(x, n, height, width);
    },
  };
}

/** Returns its input unchanged, refusing sizes that are not multiples of sizeMultiple. */
export function identityEngine(sizeMultiple: number): RecordingEngine {
  return engine('identity', sizeMultiple, 0, (x) => x.slice());
}

/** Fills every output pixel of call k with the grey value values[k] (ignores the input; context 0). */
export function constantPerCallEngine(values: number[], sizeMultiple = 8): RecordingEngine {
  return engine('constant per call', sizeMultiple, 0, (x, _n, _h, _w, call) => new Float32Array(x.length).fill(values[call]!));
}
