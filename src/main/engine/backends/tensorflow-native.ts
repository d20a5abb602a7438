/**
 * The native TensorFlow backends: @tensorflow/tfjs-node-gpu (CUDA) and @tensorflow/tfjs-node (CPU). Both are
 * optional dependencies whose install downloads libtensorflow, so on many machines they are absent or their
 * binding fails to load; both register tfjs's 'tensorflow' backend, and the GPU package runs on the CPU when
 * TensorFlow finds no usable CUDA device, which we refuse to call 'tensorflow-gpu'.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attempt } from './backend-info';
import { firstLine, isMissingModule } from './module-require';

const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
const CPU_PACKAGE = '@tensorflow/tfjs-node';

interface NativeBackend {
  isUsingGpuDevice?: boolean;
  binding?: { TF_Version?: string };
}

function packageVersion(load: (id: string) => unknown, pkg: string): string {
  try {
    return (load(`${pkg}/package.json`) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

/** Loads `pkg` and makes its 'tensorflow' backend current; the reason it could not, otherwise. */
async function activate(load: (id: string) => unknown, pkg: string): Promise<{ backend: NativeBackend } | { reason: string }> {
  try {
    load(pkg);
  } catch (err) {
    return { reason: isMissingModule(err, pkg) ? `${pkg}: not installed` : `${pkg}: failed to load (${firstLine(err)})` };
  }
  if (tf.findBackendFactory('tensorflow') == null) {
    // It registered into another copy of tfjs-core (a version mismatch nested its own), which we cannot drive.
    return { reason: `${pkg}: loaded, but registered no 'tensorflow' backend with this @tensorflow/tfjs ${tf.version_core}` };
  }
  try {
    if (!(await tf.setBackend('tensorflow'))) return { reason: `${pkg}: its 'tensorflow' backend failed to initialise` };
    tf.tidy(() => void tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
  } catch (err) {
    return { reason: `${pkg}: its 'tensorflow' backend failed (${firstLine(err)})` };
  }
  return { backend: tf.backend() as unknown as NativeBackend };
}

function describe(load: (id: string) => unknown, pkg: string, backend: NativeBackend, device: string): string {
  const tfVersion = backend.binding?.TF_Version;
  return `${pkg} ${packageVersion(load, pkg)}${tfVersion ? `, TensorFlow ${tfVersion}` : ''}, ${device}`;
}

/** Tries TensorFlow with CUDA; accepted only if TensorFlow reports the GPU in use. */
export async function tryTensorflowGpu(load: (id: string) => unknown): Promise<Attempt> {
  const got = await activate(load, GPU_PACKAGE);
  if ('reason' in got) return { ok: false, reason: got.reason };
  if (got.backend.isUsingGpuDevice !== true) {
    return { ok: false, reason: `${GPU_PACKAGE}: loaded, but TensorFlow found no usable CUDA GPU (driver, CUDA or cuDNN missing)` };
  }
  return { ok: true, gpu: true, detail: describe(load, GPU_PACKAGE, got.backend, 'CUDA GPU') };
}

/** Tries TensorFlow on the CPU: tfjs-node, or the GPU package's binding when that loaded without a GPU. */
export async function tryTensorflowCpu(load: (id: string) => unknown): Promise<Attempt> {
  if (tf.findBackendFactory('tensorflow') != null) {
    // The GPU package is already loaded (and found no GPU): its binding is as good on the CPU, and loading
    // tfjs-node beside it would register a second 'tensorflow' backend over the first.
    if (await tf.setBackend('tensorflow').catch(() => false)) {
      return { ok: true, gpu: false, detail: describe(load, GPU_PACKAGE, tf.backend() as unknown as NativeBackend, 'on the CPU') };
    }
  }
  const got = await activate(load, CPU_PACKAGE);
  if ('reason' in got) return { ok: false, reason: got.reason };
  return { ok: true, gpu: false, detail: describe(load, CPU_PACKAGE, got.backend, 'on the CPU') };
}
