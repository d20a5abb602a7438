/**
 * A real engine behind a memory ceiling, as a GPU with less memory than the engine's estimate behaves: a call over
 * `maxPixels` (n x height x width) throws GpuOutOfMemory and computes nothing; calls under it are the engine's own.
 * With `acrossWorker`, the error is the one a stylize worker hands back (name and message only).
 */
import { GpuOutOfMemory } from '../../src/main/engine/stylize/gpu-memory-error';
import { errorFromWire, errorToWire } from '../../src/main/engine/stylize/engine-protocol';
import type { EngineKind, StyleEngine } from '../../src/main/engine/stylize/style-engine';

/** The wrapped engine, with the [n, height, width] of every call it refused and ran. */
export type LimitedEngine = StyleEngine & { refused: [number, number, number][]; ran: [number, number, number][] };

/** `engine` that runs out of memory above `maxPixels`; reports `kind` (default the engine's) so notices name a GPU. */
export function memoryLimitedEngine(engine: StyleEngine, maxPixels: number, opts: { kind?: EngineKind; acrossWorker?: boolean } = {}): LimitedEngine {
  const limited: LimitedEngine = {
    label: engine.label,
    kind: opts.kind ?? engine.kind,
    sizeMultiple: engine.sizeMultiple,
    fixedSize: engine.fixedSize ?? null,
    contextPixels: engine.contextPixels,
    flopsPerPixel: engine.flopsPerPixel,
    refused: [],
    ran: [],
    async stylize(x, n, height, width) {
      if (n * height * width > maxPixels) {
        limited.refused.push([n, height, width]);
        const err = new GpuOutOfMemory(`${engine.label} ran out of GPU memory on a ${n} x ${width}x${height} pass (test ceiling ${maxPixels} pixels)`);
        throw opts.acrossWorker ? errorFromWire(errorToWire(err)) : err;
      }
      limited.ran.push([n, height, width]);
      return engine.stylize(x, n, height, width);
    },
    dispose: () => engine.dispose(),
  };
  return limited;
}
