/**
 * The error an engine throws when one pass did not fit its device's memory: a GPU allocation that failed or a buffer
 * over the adapter's binding limit (WebGPU reports both as uncaptured device errors while the pass goes on and
 * returns garbage), or ONNX Runtime failing to allocate (CUDA, DirectML, or the CPU arena). The tiler
 * (./frame-tiling) catches it, halves the pixels per engine call and runs the frames again.
 *
 * It crosses from a stylize worker as its name and message only (./engine-protocol), so it is recognised by name.
 */

/** One pass of an engine ran out of memory; its output, if any, must not be used. */
export class GpuOutOfMemory extends Error {
  override readonly name = 'GpuOutOfMemory';
}

/** True for a {@link GpuOutOfMemory}, also one rebuilt after crossing from a stylize worker. */
export function isGpuOutOfMemory(err: unknown): err is Error {
  return err instanceof Error && err.name === 'GpuOutOfMemory';
}

/** True when an ONNX Runtime error message says an allocation failed ("CUDA failure 2: out of memory", "Failed to allocate ..."). */
export function isOrtOutOfMemory(message: string): boolean {
  return /out of memory|failed to allocate/i.test(message);
}

/** The GpuOutOfMemory for a pass of n x height x width pixels of `label` that failed with `detail`. */
export function outOfMemory(label: string, device: string, n: number, height: number, width: number, detail: string): GpuOutOfMemory {
  const pass = `${n > 1 ? `${n} x ` : ''}${width}x${height}`;
  return new GpuOutOfMemory(`${label} ran out of ${device} memory on a ${pass} pass (${detail})`);
}
