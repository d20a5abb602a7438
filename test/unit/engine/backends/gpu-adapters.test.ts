/**
 * Which WebGPU adapter the engine takes: a real GPU first, a software rasteriser (lavapipe, SwiftShader,
 * WARP) only when named or forced, a named one by part of its name; and what it says when none fits.
 */
import { describe, expect, it } from 'vitest';
import { apisFor, type GpuAdapterReport, isSoftwareAdapter, loadDawn, pickAdapter } from '../../../../src/main/engine/backends/gpu-adapters';

const adapter = (name: string, software: boolean, api: GpuAdapterReport['api'] = 'vulkan'): GpuAdapterReport => ({
  name,
  vendor: software ? 'mesa' : 'nvidia',
  architecture: software ? 'software' : 'hopper',
  api,
  software,
  maxBufferSize: 2 ** 32,
  maxStorageBufferBindingSize: 2 ** 31,
  shaderF16: true,
});

const lavapipe = adapter('llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)', true);
const h200 = adapter('NVIDIA H200', false);

describe('GPU adapters', () => {
  it('recognises software rasterisers by flag or by name', () => {
    expect(isSoftwareAdapter({ isFallbackAdapter: true, vendor: 'x' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: 'software', description: 'llvmpipe' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'google', description: 'SwiftShader Device (Subzero)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3', description: 'Apple M2 Max' })).toBe(false);
  });

  it('takes the real GPU over a software adapter listed first', () => {
    expect(pickAdapter([lavapipe, h200])).toEqual({ adapter: h200 });
  });

  it('refuses a software adapter unless forced, and says why', () => {
    expect(pickAdapter([lavapipe])).toEqual({ reason: expect.stringMatching(/only a software adapter \(llvmpipe.*used only when forced/) });
    expect(pickAdapter([lavapipe], { allowSoftware: true })).toEqual({ adapter: lavapipe });
    expect(pickAdapter([])).toEqual({ reason: 'no GPU adapter found' });
  });

  it('takes a named adapter by part of its name, software or not, and lists the others when none matches', () => {
    expect(pickAdapter([h200, lavapipe], { wanted: 'LLVMPIPE' })).toEqual({ adapter: lavapipe });
    expect(pickAdapter([h200, lavapipe], { wanted: 'Radeon' })).toEqual({
      reason: 'no GPU adapter matches "Radeon" (found: "NVIDIA H200", "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)")',
    });
  });

  it('asks each platform for its native APIs', () => {
    expect(apisFor('darwin')).toEqual(['metal']);
    expect(apisFor('win32')).toEqual(['d3d12', 'vulkan']);
    expect(apisFor('linux')).toEqual(['vulkan']);
  });

  it('says plainly when the optional webgpu package is absent', () => {
    const missing = (id: string): never => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(loadDawn(missing)).toEqual({ reason: expect.stringMatching(/^webgpu: not installed/) });
  });
});
