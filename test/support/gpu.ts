/**
 * GPU tests run on whatever WebGPU adapter Dawn finds: on developers' and CI's machines that is a software
 * Vulkan driver (Mesa's lavapipe, which .ci/run installs), on a lent GPU machine a real one. Without any
 * adapter they skip with a message, and fail instead when CI=true, where the driver must be installed.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listGpuAdapters, type GpuAdapterReport } from '../../src/main/engine/backends';

/** The Vulkan loader wants a runtime folder; a bare CI shell may have none. */
function ensureRuntimeDir(): void {
  if (process.env.XDG_RUNTIME_DIR) return;
  const dir = join(tmpdir(), `cel-studio-xdg-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.XDG_RUNTIME_DIR = dir;
}

/**
 * The adapter the GPU tests run on: a real GPU when there is one, else the software adapter, or undefined
 * with a printed reason. CEL_STUDIO_TEST_GPU=real (scripts/gpu-check.sh) requires a real GPU.
 */
export async function gpuAdapterForTests(): Promise<GpuAdapterReport | undefined> {
  ensureRuntimeDir();
  const scan = await listGpuAdapters();
  const first = scan.adapters.find((a) => !a.software) ?? scan.adapters[0];
  if (process.env.CEL_STUDIO_TEST_GPU === 'real' && (!first || first.software)) {
    throw new Error(`CEL_STUDIO_TEST_GPU=real, but Dawn found no real GPU (${scan.adapters.map((a) => a.name).join(', ') || scan.problems.join('; ')})`);
  }
  if (first) return first;
  const why = `no WebGPU adapter (${scan.problems.join('; ') || 'none found'}): the GPU tests are skipped; on Debian install mesa-vulkan-drivers from bookworm-backports`;
  if (process.env.CI === 'true') throw new Error(`${why} — but CI=true, where .ci/run installs it`);
  console.warn(why);
  return undefined;
}
