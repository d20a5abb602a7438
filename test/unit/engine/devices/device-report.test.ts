/**
 * The doctor's decisions from a scan: the automatic choice, the pin (and its fallback with a notice when the pinned
 * device is gone), CEL_STUDIO_BACKEND, software adapters used only when forced or named, and a fix per missing path.
 */
import { describe, expect, it } from 'vitest';
import { TFJS_BACKENDS, type DeviceAdapter } from '@shared/devices';
import { buildDeviceReport, type DeviceEnv, type DeviceProbe } from '../../../../src/main/engine/devices';

const NO_ENV: DeviceEnv = { backend: null, adapter: null };

function adapter(over: Partial<DeviceAdapter> = {}): DeviceAdapter {
  return {
    name: 'NVIDIA GeForce RTX 4090',
    vendor: 'nvidia',
    architecture: 'ada',
    api: 'vulkan',
    software: false,
    maxBufferSize: 2 ** 32,
    maxStorageBufferBindingSize: 2 ** 31,
    shaderF16: true,
    tfjs: { ok: true, detail: 'tfjs-backend-webgpu 4.22.0 on "NVIDIA GeForce RTX 4090"' },
    ...over,
  };
}

const LAVAPIPE = adapter({
  name: 'llvmpipe (LLVM 15.0.6)',
  vendor: 'mesa',
  architecture: 'software',
  software: true,
  tfjs: { ok: true, detail: 'tfjs-backend-webgpu 4.22.0 on "llvmpipe" (software adapter, not a GPU)' },
});

/** A scan: every backend skipped except those given as working. */
function probe(working: Partial<Record<(typeof TFJS_BACKENDS)[number], string>>, adapters: DeviceAdapter[] = [], reasons: Record<string, string> = {}): DeviceProbe {
  return {
    scannedAt: '2025-01-01T00:00:00.000Z',
    scanMs: 900,
    platform: 'linux',
    adapters,
    adapterProblems: adapters.length === 0 ? ['vulkan: no adapter (no Vulkan driver (ICD) found)'] : [],
    backends: TFJS_BACKENDS.map((name) =>
      working[name]
        ? { name, ok: true, gpu: name === 'tensorflow-gpu' || (name === 'webgpu' && adapters.some((a) => !a.software)), detail: working[name]!, reason: null, device: name === 'webgpu' ? adapters.find((a) => !a.software)!.name : null }
        : { name, ok: false, gpu: false, detail: null, reason: reasons[name] ?? `${name}: not installed`, device: null },
    ),
    ortProviders: [
      { name: 'cuda', inBuild: true, installed: false, usable: false, reason: 'its add-on library is not installed', fix: 'ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node' },
      { name: 'cpu', inBuild: true, installed: true, usable: true, reason: null, fix: null },
    ],
    ortProblem: null,
  };
}

const SOFTWARE_ONLY = 'webgpu: only a software adapter (llvmpipe (LLVM 15.0.6)) was found: it is slower than the CPU backends and is used only when forced';
const lavapipeMachine = probe({ wasm: 'tfjs-backend-wasm 4.22.0, SIMD', cpu: 'tfjs-backend-cpu' }, [LAVAPIPE], { webgpu: SOFTWARE_ONLY });
const gpuMachine = probe({ webgpu: 'tfjs-backend-webgpu 4.22.0 on RTX', wasm: 'wasm', cpu: 'cpu' }, [adapter(), LAVAPIPE]);

describe('device report', () => {
  it('chooses wasm automatically beside a software adapter, and says how to get a GPU', () => {
    const r = buildDeviceReport(lavapipeMachine, null, NO_ENV);
    expect(r.training).toMatchObject({ backend: 'wasm', adapter: null, gpu: false, notice: null });
    expect(r.training.why).toMatch(/automatic.*tensorflow-gpu, webgpu, tensorflow skipped/);
    const webgpu = r.backends.find((b) => b.name === 'webgpu')!;
    expect(webgpu.available).toBe(false);
    expect(webgpu.fix).toMatch(/Vulkan driver.*CEL_STUDIO_BACKEND=webgpu/);
    expect(r.backends.find((b) => b.name === 'tensorflow-gpu')!.fix).toMatch(/CUDA 11\.2 \+ cuDNN 8\.1; use webgpu instead/);
    expect(r.conversion).toMatchObject({ ortProvider: 'cpu' });
    expect(r.conversion.tfjs.backend).toBe('wasm');
  });

  it('chooses a real GPU through webgpu, never the software adapter beside it', () => {
    const r = buildDeviceReport(gpuMachine, null, NO_ENV);
    expect(r.training).toMatchObject({ backend: 'webgpu', adapter: 'NVIDIA GeForce RTX 4090', gpu: true });
    expect(r.training.label).toBe('webgpu on "NVIDIA GeForce RTX 4090" (vulkan)');
  });

  it('uses the software adapter only when forced with CEL_STUDIO_BACKEND=webgpu, and ignores the pin then', () => {
    const r = buildDeviceReport(lavapipeMachine, { backend: 'cpu' }, { backend: 'webgpu', adapter: null });
    expect(r.training).toMatchObject({ backend: 'webgpu', adapter: LAVAPIPE.name, gpu: false, notice: null });
    expect(r.training.why).toMatch(/forced by CEL_STUDIO_BACKEND=webgpu; the pinned cpu is ignored/);
    expect(r.training.label).toMatch(/software/);
  });

  it('says a forced backend that cannot run makes training fail', () => {
    const r = buildDeviceReport(lavapipeMachine, null, { backend: 'tensorflow', adapter: null });
    expect(r.training.backend).toBeNull();
    expect(r.training.notice).toMatch(/CEL_STUDIO_BACKEND=tensorflow cannot be used.*training will fail/);
    expect(buildDeviceReport(lavapipeMachine, null, { backend: 'cuda', adapter: null }).training.notice).toMatch(/names no backend/);
  });

  it('uses a pinned backend that works', () => {
    const r = buildDeviceReport(gpuMachine, { backend: 'wasm' }, NO_ENV);
    expect(r.training).toMatchObject({ backend: 'wasm', notice: null });
    expect(r.training.why).toMatch(/pinned in this library \(wasm\)/);
    expect(r.pin).toEqual({ backend: 'wasm' });
  });

  it('uses a software adapter pinned by name', () => {
    const r = buildDeviceReport(lavapipeMachine, { backend: 'webgpu', adapter: 'llvmpipe' }, NO_ENV);
    expect(r.training).toMatchObject({ backend: 'webgpu', adapter: LAVAPIPE.name, gpu: false, notice: null });
  });

  it('falls back to the automatic choice with a notice when the pinned device is gone', () => {
    const gone = buildDeviceReport(lavapipeMachine, { backend: 'webgpu', adapter: 'RTX 4090' }, NO_ENV);
    expect(gone.training.backend).toBe('wasm');
    expect(gone.training.notice).toMatch(/pinned device webgpu:RTX 4090 is not available \(webgpu: no GPU adapter matches "RTX 4090".*\); the automatic choice, wasm, is used instead/);
    const unnamed = buildDeviceReport(lavapipeMachine, { backend: 'webgpu' }, NO_ENV);
    expect(unnamed.training.notice).toMatch(/only a software adapter/);
    expect(buildDeviceReport(lavapipeMachine, { backend: 'tensorflow' }, NO_ENV).training.notice).toMatch(/tensorflow: not installed/);
  });

  it('gives the Vulkan fix when no adapter is found at all', () => {
    const r = buildDeviceReport(probe({ wasm: 'wasm', cpu: 'cpu' }, [], { webgpu: 'webgpu: no GPU adapter found' }), null, NO_ENV);
    expect(r.adapterProblems[0]!.fix).toMatch(/install a Vulkan driver/);
    expect(r.backends.find((b) => b.name === 'webgpu')!.fix).toMatch(/install a Vulkan driver/);
  });
});
