/**
 * A training step the GPU could not run: WebGPU reports an allocation that failed, or a buffer over the
 * device's binding limit, as a device error while the step goes on with garbage. The step's updates cannot
 * be trusted, so the loop rewinds and retries with half the batch (see training-loop.ts).
 */
export class GpuStepFailed extends Error {
  constructor(
    /** The step that failed (1-based, as metrics count). */
    readonly step: number,
    /** The batch size it ran with. */
    readonly batch: number,
    /** Dawn's first error line. */
    readonly detail: string,
  ) {
    super(`the GPU could not run step ${step} at batch ${batch}: ${detail}`);
    this.name = 'GpuStepFailed';
  }
}
