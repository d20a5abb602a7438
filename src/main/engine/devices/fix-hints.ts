/**
 * What a user can do about each missing path, from the reason the backends give. Written for the machine the
 * studio runs on (a Vulkan driver on Linux, a driver update on Windows, Metal on macOS).
 */
import type { TfjsBackend } from '@shared/devices';

/** How to get a GPU adapter WebGPU can see on `platform`. */
export function gpuDriverFix(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'update the GPU driver from AMD, Intel or NVIDIA (D3D12 and Vulkan come with it)';
  if (platform === 'darwin') return 'WebGPU uses Metal, which every supported macOS has: update macOS';
  return 'install a Vulkan driver: mesa-vulkan-drivers for AMD and Intel, the NVIDIA driver (with its Vulkan ICD) for NVIDIA; `vulkaninfo --summary` should list your GPU';
}

/** The one environment variable that makes webgpu accept a software adapter. */
export const FORCE_SOFTWARE = 'CEL_STUDIO_BACKEND=webgpu';

/** The fix for a tfjs backend skipped for `reason`, or null when there is nothing to do. */
export function backendFix(name: TfjsBackend, reason: string, platform: NodeJS.Platform): string | null {
  switch (name) {
    case 'tensorflow-gpu':
      if (platform === 'darwin') return 'tfjs-node-gpu does not exist for macOS; webgpu uses the Mac\'s GPU through Metal';
      return 'tfjs-node-gpu needs CUDA 11.2 + cuDNN 8.1; use webgpu instead (it reaches the same GPU through Vulkan or D3D12)';
    case 'webgpu':
      if (/webgpu: not installed/.test(reason)) return 'reinstall with `npm ci` on Linux x64, Windows or macOS: the optional `webgpu` package (Dawn) was left out';
      if (/failed to load|exports no create/.test(reason)) return `Dawn's Node bindings did not load: ${gpuDriverFix(platform)}, then reinstall with \`npm ci\``;
      if (/only a software adapter/.test(reason)) {
        return `${gpuDriverFix(platform)}; or force the software adapter with ${FORCE_SOFTWARE} (slower than wasm)`;
      }
      if (/no GPU adapter matches/.test(reason)) return 'check the adapter name (the pin, or CEL_STUDIO_GPU_ADAPTER) against the adapters listed';
      if (/no GPU adapter found|no adapter/.test(reason)) return gpuDriverFix(platform);
      return 'update the GPU driver; until then leave the choice automatic (or pin wasm)';
    case 'tensorflow':
      if (/not installed/.test(reason)) return 'optional: `npm install @tensorflow/tfjs-node` (its install downloads libtensorflow, which failed or was skipped)';
      return 'rebuild it: `npm rebuild @tensorflow/tfjs-node`';
    case 'wasm':
      return 'reinstall with `npm ci`: the files of @tensorflow/tfjs-backend-wasm are missing or broken';
    case 'cpu':
      return null;
  }
}

/** The fix for an adapter problem from listGpuAdapters (Dawn missing, or an API that gave no adapter). */
export function adapterProblemFix(problem: string, platform: NodeJS.Platform): string | null {
  if (/not installed/.test(problem)) return backendFix('webgpu', `webgpu: ${problem}`, platform);
  if (/failed to load|exports no create/.test(problem)) return backendFix('webgpu', problem, platform);
  return gpuDriverFix(platform);
}
