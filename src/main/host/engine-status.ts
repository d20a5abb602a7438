/**
 * What the status bar says about the engine before any run has started. The backend itself is chosen inside
 * each training process (tfjs-node-gpu, tfjs-node, wasm, cpu: the first that loads); loading tfjs here just to
 * ask would cost the services process hundreds of megabytes, so this only looks at what is installed.
 */
import { createRequire } from 'node:module';
import type { EngineStatus } from '@shared/library';

const resolver = createRequire(import.meta.url);

function installed(pkg: string): boolean {
  try {
    resolver.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** The backend a training run is expected to pick, and why. */
export function predictEngine(): EngineStatus {
  const missing: string[] = [];
  for (const [pkg, name] of [
    ['@tensorflow/tfjs-node-gpu', 'tensorflow-gpu'],
    ['@tensorflow/tfjs-node', 'tensorflow'],
  ] as const) {
    if (installed(pkg)) return { backend: name, detail: `${pkg} is installed; each run confirms it loads` };
    missing.push(pkg);
  }
  if (installed('@tensorflow/tfjs-backend-wasm')) {
    return { backend: 'wasm', detail: `${missing.join(' and ')} not installed (their native download failed or was skipped)` };
  }
  return { backend: 'cpu', detail: 'no accelerated TensorFlow.js backend is installed' };
}
