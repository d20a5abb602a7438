/**
 * The one interface every way of stylizing a picture implements: the built-in cel-shading filter, a studio
 * generator on TensorFlow.js, an ONNX generator on ONNX Runtime. The conversion pipeline, stills and the
 * benchmarks see only this, so an engine is chosen (by measured speed) without the callers knowing which.
 *
 * Pixels cross this interface as float32 NHWC batches in [-1, 1] (the range the generators were trained on);
 * padding to `sizeMultiple`, tiling of large frames (and of every frame for a fixed-size engine) and uint8
 * conversion live in `./frame-tiling`.
 */

/** Which runtime does the arithmetic; shown in the UI and recorded with each conversion. */
export type EngineKind =
  | 'builtin'
  | 'tfjs-node-gpu'
  | 'tfjs-webgpu'
  | 'tfjs-node'
  | 'tfjs-wasm'
  | 'tfjs-cpu'
  | 'onnxruntime-cpu'
  | 'onnxruntime-cuda'
  | 'onnxruntime-tensorrt'
  | 'onnxruntime-dml'
  | 'onnxruntime-coreml'
  | 'onnxruntime-webgpu';

/** Height and width of an image in pixels. */
export interface ImageSize {
  height: number;
  width: number;
}

/** A loaded style, ready to run. */
export interface StyleEngine {
  /** What was loaded, for people: e.g. 'Built-in cel shading', 'AnimeGANv3_tiny_Cute.onnx', 'run 3 (animeganv2)'. */
  readonly label: string;
  readonly kind: EngineKind;
  /** Input height and width must be multiples of this (1 when any size works). */
  readonly sizeMultiple: number;
  /**
   * The one input size the engine takes (an ONNX file exported with fixed H and W), or null/absent when any
   * multiple of `sizeMultiple` works. When set, the tiler cuts and pads every frame into tiles of exactly this size.
   */
  readonly fixedSize?: ImageSize | null;
  /**
   * Pixels each side of a tile that the output depends on beyond the tile (receptive-field margin); the tiler
   * overlaps tiles by at least this much so seams do not show.
   */
  readonly contextPixels: number;
  /** Multiply-adds x 2 per input pixel (for GFLOP/s reports); 0 when unknown. */
  readonly flopsPerPixel: number;
  /**
   * Stylizes a batch. x: float32 NHWC [n, height, width, 3] in [-1, 1], height/width multiples of
   * `sizeMultiple` (exactly `fixedSize` when set) -> float32 NHWC [n, height, width, 3] in [-1, 1]. Never keeps a
   * reference to `x`.
   */
  stylize(x: Float32Array, n: number, height: number, width: number): Promise<Float32Array>;
  /** Frees the model and any runtime it holds. Safe to call twice. */
  dispose(): Promise<void>;
}
