/**
 * A check that a backend can train our models: the gradient of every op the models use
 * (model-gradient-cases.ts), computed on that backend and on a reference one from the same inputs, and the
 * kernels that are missing. Used by the tests and the gradient-audit bench; it switches tfjs's current
 * backend while it runs and restores it after.
 */
import * as tf from '@tensorflow/tfjs';
import { fixed, type GradientCase, MODEL_GRADIENT_CASES } from './model-gradient-cases';

export interface AuditResult {
  name: string;
  ok: boolean;
  /** max |grad − reference| / max |reference|, when both ran. */
  relError?: number;
  /** The kernel the backend lacks, when that is why it failed. */
  missingKernel?: string;
  error?: string;
}

/** The kernel named in a "Kernel 'X' not registered for backend 'Y'" error, if that is the error. */
function missingKernel(err: unknown): string | undefined {
  return /Kernel '([^']+)' not registered/.exec(err instanceof Error ? err.message : String(err))?.[1];
}

/** The gradient of `c` on the current backend for fixed x and dy, as plain numbers (read async: webgpu). */
async function gradientOf(c: GradientCase): Promise<Float32Array> {
  const g = tf.tidy(() => {
    const x = fixed(c.input, 5);
    const y = c.run(x);
    return tf.grad(c.run)(x, fixed(y.shape, 7));
  });
  try {
    return (await g.data()) as Float32Array;
  } finally {
    g.dispose();
  }
}

/** Checks every case's gradient on `backend` against `reference`; relative error must stay under `tolerance`. */
export async function auditGradients(
  backend = 'wasm',
  reference = 'cpu',
  cases: readonly GradientCase[] = MODEL_GRADIENT_CASES,
  tolerance = 1e-5,
): Promise<AuditResult[]> {
  const before = tf.getBackend();
  const results: AuditResult[] = [];
  try {
    for (const c of cases) {
      await tf.setBackend(reference);
      const want = await gradientOf(c);
      await tf.setBackend(backend);
      let got: Float32Array;
      try {
        got = await gradientOf(c);
      } catch (err) {
        const kernel = missingKernel(err);
        const error = err instanceof Error ? err.message : String(err);
        results.push({ name: c.name, ok: false, ...(kernel ? { missingKernel: kernel } : { error }) });
        continue;
      }
      let scale = 0;
      let diff = 0;
      for (let i = 0; i < want.length; i++) {
        scale = Math.max(scale, Math.abs(want[i]!));
        diff = Math.max(diff, Math.abs(want[i]! - (got[i] ?? Number.NaN)));
      }
      const relError = got.length === want.length ? diff / (scale || 1) : Number.POSITIVE_INFINITY;
      results.push({ name: c.name, ok: relError < tolerance, relError });
    }
  } finally {
    await tf.setBackend(before);
  }
  return results;
}
