/**
 * Messages between a threaded engine (./threaded-engine, in the host) and the engine it drives in a stylize
 * worker (./engine-server). Every request carries an id its reply repeats; the worker handles them in order.
 */
import type { EngineChoice } from '@shared/convert';
import { StudioError, type StudioErrorData } from '@shared/errors';
import type { RememberedEngineChoice } from './choose-engine';
import type { EngineSpec } from './engine-spec';
import type { EngineKind, ImageSize } from './style-engine';

/** The read-only facts of a loaded engine that the host-side proxy repeats. */
export interface EngineFacts {
  label: string;
  kind: EngineKind;
  sizeMultiple: number;
  /** Present when the engine takes one input size only (a fixed-size ONNX model); the tiler reads it. */
  fixedSize?: ImageSize;
  contextPixels: number;
  flopsPerPixel: number;
  /** Present when the engine limits the pixels of one call (the tfjs engine); the tiler reads it. */
  maxPixels?: number;
}

/** Host -> worker. `choices`: engine decisions measured before, so the worker need not measure them again. */
export type EngineRequest =
  | { id: number; t: 'load'; spec: EngineSpec; choices: RememberedEngineChoice[] }
  /** x: float32 NHWC [n, height, width, 3] in [-1, 1], its buffer transferred (the worker's to keep). */
  | { id: number; t: 'stylize'; x: Float32Array; n: number; height: number; width: number }
  | { id: number; t: 'dispose' };

/** Worker -> host, one per request. */
export type EngineReply =
  | { id: number; t: 'loaded'; facts: EngineFacts; choice: EngineChoice; choices: RememberedEngineChoice[] }
  /** y: float32 NHWC [n, height, width, 3] in [-1, 1], its buffer transferred. */
  | { id: number; t: 'stylized'; y: Float32Array }
  | { id: number; t: 'disposed' }
  | { id: number; t: 'failed'; error: WireError };

/** A thrown error as it crosses: a StudioError keeps its code, message and field; anything else its class and message. */
export type WireError = { studio: StudioErrorData } | { name: string; message: string };

/** The wire form of anything thrown. */
export function errorToWire(err: unknown): WireError {
  if (err instanceof StudioError) {
    return { studio: err.field === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, field: err.field } };
  }
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

const ERROR_CLASSES: Record<string, new (message: string) => Error> = { RangeError, TypeError, SyntaxError };

/** Rebuilds a thrown error on the host side: the same StudioError, or an Error of the same class and message. */
export function errorFromWire(wire: WireError): Error {
  if ('studio' in wire) return new StudioError(wire.studio.code, wire.studio.message, wire.studio.field);
  const err = new (ERROR_CLASSES[wire.name] ?? Error)(wire.message);
  err.name = wire.name;
  return err;
}
