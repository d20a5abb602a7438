/**
 * Which ONNX Runtime providers are tried, in which order, on each platform; how CEL_STUDIO_ORT_PROVIDER,
 * CEL_STUDIO_BACKEND=webgpu and an explicit list change it; and, for the device doctor, why a provider is not used
 * here and what a user does about it (from the facts of an install, given here as they would be found).
 */
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import type { AdapterScan, GpuAdapterReport } from '../../../../src/main/engine/backends';
import {
  assessProvider,
  CUDA_ADD_ON_COMMAND,
  ORT_ENGINE_KIND,
  ORT_PROVIDERS,
  ortProviderReport,
  type OrtProvider,
  platformProviders,
  type ProviderFacts,
  providerOrder,
} from '../../../../src/main/engine/stylize/ort-providers';

const none: NodeJS.ProcessEnv = {};

function adapter(name: string, software: boolean): GpuAdapterReport {
  return { name, vendor: software ? 'mesa' : 'nvidia', architecture: '', api: 'vulkan', software, maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 27, shaderF16: true };
}

/** onnxruntime-node 1.30 on linux-x64 as npm installs it: CUDA and TensorRT listed but their add-on not downloaded. */
function linuxFacts(over: Partial<ProviderFacts> = {}): ProviderFacts {
  return {
    platform: 'linux',
    arch: 'x64',
    listed: new Map([['cpu', true], ['webgpu', true], ['cuda', false], ['tensorrt', false]]),
    libraryInstalled: () => false,
    adapters: { adapters: [adapter('NVIDIA GeForce RTX 4070', false)], problems: [] },
    failed: new Map(),
    ...over,
  };
}

describe('providerOrder', () => {
  it('tries CUDA, TensorRT, DirectML, Core ML, WebGPU, CPU, keeping only what each platform can have', () => {
    expect(providerOrder({ platform: 'linux', env: none })).toEqual({ order: ['cuda', 'tensorrt', 'webgpu', 'cpu'], forced: [] });
    expect(providerOrder({ platform: 'win32', env: none }).order).toEqual(['cuda', 'tensorrt', 'dml', 'webgpu', 'cpu']);
    expect(providerOrder({ platform: 'darwin', env: none }).order).toEqual(['coreml', 'webgpu', 'cpu']);
    expect(platformProviders('freebsd')).toEqual(['webgpu', 'cpu']);
  });

  it('puts CEL_STUDIO_ORT_PROVIDER first and forces it; CEL_STUDIO_BACKEND=webgpu forces WebGPU first', () => {
    expect(providerOrder({ platform: 'win32', env: { CEL_STUDIO_ORT_PROVIDER: 'DML' } })).toEqual({
      order: ['dml', 'cuda', 'tensorrt', 'webgpu', 'cpu'],
      forced: ['dml'],
    });
    expect(providerOrder({ platform: 'linux', env: { CEL_STUDIO_ORT_PROVIDER: 'cpu' } }).order).toEqual(['cuda', 'tensorrt', 'webgpu', 'cpu']);
    expect(providerOrder({ platform: 'linux', env: { CEL_STUDIO_BACKEND: 'webgpu' } })).toEqual({
      order: ['webgpu', 'cuda', 'tensorrt', 'cpu'],
      forced: ['webgpu'],
    });
    expect(providerOrder({ platform: 'linux', env: { CEL_STUDIO_BACKEND: 'wasm' } }).forced).toEqual([]);
    // The provider named for ONNX Runtime wins over the tfjs backend's.
    expect(providerOrder({ platform: 'linux', env: { CEL_STUDIO_BACKEND: 'webgpu', CEL_STUDIO_ORT_PROVIDER: 'cuda' } }).order[0]).toBe('cuda');
  });

  it('takes an explicit list as it is (the CPU appended once), over the environment', () => {
    const env = { CEL_STUDIO_ORT_PROVIDER: 'cuda' };
    expect(providerOrder({ providers: ['webgpu'], platform: 'linux', env })).toEqual({ order: ['webgpu', 'cpu'], forced: ['webgpu'] });
    expect(providerOrder({ providers: ['cpu', 'webgpu'], env }).order).toEqual(['webgpu', 'cpu']);
  });

  it('names the variable and the choices when CEL_STUDIO_ORT_PROVIDER names no provider', () => {
    const bad = (): unknown => providerOrder({ env: { CEL_STUDIO_ORT_PROVIDER: 'rocm' } });
    expect(bad).toThrow(StudioError);
    expect(bad).toThrow('CEL_STUDIO_ORT_PROVIDER=rocm is not an ONNX Runtime provider; choose from cuda, tensorrt, dml, coreml, webgpu, cpu');
  });
});

describe('assessProvider', () => {
  it('says how to install the CUDA add-on when onnxruntime-node lists CUDA but its library is absent', () => {
    const cuda = assessProvider('cuda', linuxFacts());
    expect(cuda).toMatchObject({ inBuild: true, installed: false, usable: false });
    expect(cuda.reason).toMatch(/add-on library \(onnxruntime_providers_cuda\) is not installed/);
    expect(cuda.fix).toContain(CUDA_ADD_ON_COMMAND);
    expect(assessProvider('tensorrt', linuxFacts()).fix).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12 .*TensorRT 10/);
    const installed = assessProvider('cuda', linuxFacts({ libraryInstalled: (n) => n === 'cuda' }));
    expect(installed).toMatchObject({ inBuild: true, installed: true, usable: true, reason: '', fix: '' });
  });

  it('tries WebGPU on a real adapter only, unless forced, and says which driver gets one', () => {
    expect(assessProvider('webgpu', linuxFacts())).toMatchObject({ usable: true, reason: '' });
    const software: AdapterScan = { adapters: [adapter('llvmpipe (LLVM 15)', true)], problems: [] };
    const soft = assessProvider('webgpu', linuxFacts({ adapters: software }));
    expect(soft).toMatchObject({ inBuild: true, installed: true, usable: false });
    expect(soft.reason).toMatch(/only a software adapter \(llvmpipe \(LLVM 15\)\)/);
    expect(soft.fix).toMatch(/Vulkan driver.*CEL_STUDIO_ORT_PROVIDER=webgpu/);
    expect(assessProvider('webgpu', linuxFacts({ adapters: software }), true).usable).toBe(true);
    const nothing = assessProvider('webgpu', linuxFacts({ adapters: { adapters: [], problems: ['vulkan: no adapter (no Vulkan driver (ICD) found)'] } }));
    expect(nothing.reason).toBe('no GPU adapter found (vulkan: no adapter (no Vulkan driver (ICD) found))');
  });

  it('says DirectML is Windows-only and Core ML macOS-only, and where a build lacks WebGPU', () => {
    expect(assessProvider('dml', linuxFacts())).toMatchObject({ inBuild: false, usable: false, fix: expect.stringMatching(/DirectML is Windows-only/) });
    expect(assessProvider('coreml', linuxFacts())).toMatchObject({ usable: false, fix: 'Core ML is macOS-only' });
    const arm = linuxFacts({ arch: 'arm64', listed: new Map([['cpu', true]]) });
    expect(assessProvider('webgpu', arm)).toMatchObject({ inBuild: false, usable: false, reason: 'not in this onnxruntime-node build (linux-arm64)' });
    expect(assessProvider('cuda', arm).fix).toMatch(/no CUDA add-on for linux-arm64/);
    const windows = linuxFacts({ platform: 'win32', listed: new Map([['cpu', true], ['dml', true], ['webgpu', true]]) });
    expect(assessProvider('dml', windows).usable).toBe(true);
    expect(assessProvider('cuda', windows).fix).toMatch(/DirectML runs on the same GPU/);
  });

  it('is not tried again after it failed to start in this process, and the CPU is always usable', () => {
    const failed = new Map<OrtProvider, string>([['cuda', 'libcudart.so.12: cannot open shared object file']]);
    const cuda = assessProvider('cuda', linuxFacts({ libraryInstalled: () => true, failed }));
    expect(cuda).toMatchObject({ installed: true, usable: false, reason: 'failed to start: libcudart.so.12: cannot open shared object file' });
    expect(cuda.fix).toMatch(/CUDA 12 and cuDNN 9/);
    expect(assessProvider('cpu', linuxFacts({ listed: new Map() }))).toMatchObject({ inBuild: true, installed: true, usable: true });
  });

  it('names the engine kind of every provider after its runtime and provider', () => {
    for (const p of ORT_PROVIDERS) expect(ORT_ENGINE_KIND[p]).toBe(`onnxruntime-${p}`);
  });
});

describe('ortProviderReport', () => {
  it('reports every provider of this install, the CPU usable, with a fix for each one not used', async () => {
    const report = await ortProviderReport();
    expect(report.map((r) => r.name)).toEqual([...ORT_PROVIDERS]);
    expect(report.at(-1)).toMatchObject({ name: 'cpu', usable: true });
    for (const r of report.filter((s) => !s.usable)) {
      expect(r.reason).not.toBe('');
      expect(r.fix).not.toBe('');
    }
  });
});
