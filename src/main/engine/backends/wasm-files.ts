/**
 * Where @tensorflow/tfjs-backend-wasm keeps its binaries, found through Node's resolver so the same code works
 * from src under vitest/tsx and from the bundled out/main/*.js (node_modules stays external there).
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { requireFromHere } from './module-require';

export interface WasmFiles {
  version: string;
  /** Folder of the single-threaded binaries, with a trailing separator (setWasmPaths appends file names). */
  distPrefix: string;
  /** Emscripten glue of the threaded SIMD build (CommonJS), its binary, and the pthread worker as a JS string module. */
  threadedGlue: string;
  threadedWasm: string;
  threadedWorkerSource: string;
}

/** Locates the wasm package's files; throws with the missing path when the install is incomplete. */
export function locateWasmFiles(): WasmFiles {
  const pkgJson = requireFromHere.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  const root = dirname(pkgJson);
  const files: WasmFiles = {
    version: (requireFromHere(pkgJson) as { version: string }).version,
    distPrefix: join(root, 'dist') + sep,
    threadedGlue: join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
    threadedWasm: join(root, 'dist', 'tfjs-backend-wasm-threaded-simd.wasm'),
    threadedWorkerSource: join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
  };
  for (const f of [`${files.distPrefix}tfjs-backend-wasm.wasm`, `${files.distPrefix}tfjs-backend-wasm-simd.wasm`]) {
    if (!existsSync(f)) throw new Error(`the wasm binary ${f} is missing (reinstall @tensorflow/tfjs-backend-wasm)`);
  }
  return files;
}
