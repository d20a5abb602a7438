/** The Devices area's row logic: which pins a row offers, which is pinned, provider states, limits as text. */
import { describe, expect, it } from 'vitest';
import type { BackendStatus, DeviceAdapter, OrtProviderStatus } from '@shared/devices';
import { adapterPin, backendPin, formatBytes, isPinned, providerState } from '../../../../src/renderer/src/features/devices/deviceView';

const adapter = (over: Partial<DeviceAdapter> = {}): DeviceAdapter => ({
  name: 'llvmpipe',
  vendor: 'mesa',
  architecture: 'software',
  api: 'vulkan',
  software: true,
  maxBufferSize: 2 ** 32,
  maxStorageBufferBindingSize: 2 ** 27,
  shaderF16: true,
  tfjs: { ok: true, detail: 'works' },
  ...over,
});
const backend = (over: Partial<BackendStatus> = {}): BackendStatus => ({
  name: 'wasm',
  available: true,
  gpu: false,
  detail: 'tfjs-backend-wasm',
  reason: null,
  fix: null,
  ...over,
});
const provider = (over: Partial<OrtProviderStatus> = {}): OrtProviderStatus => ({
  name: 'cuda',
  inBuild: true,
  installed: false,
  usable: false,
  reason: 'not installed',
  fix: 'install it',
  ...over,
});

describe('device rows', () => {
  it('offers a pin only for what runs here: a working backend, an adapter tfjs starts on (by name)', () => {
    expect(backendPin(backend())).toEqual({ backend: 'wasm' });
    expect(backendPin(backend({ name: 'webgpu', available: false }))).toBeNull();
    expect(adapterPin(adapter())).toEqual({ backend: 'webgpu', adapter: 'llvmpipe' });
    expect(adapterPin(adapter({ tfjs: { ok: false, detail: 'failed' } }))).toBeNull();
  });

  it('matches a pin by backend and adapter exactly', () => {
    expect(isPinned({ backend: 'wasm' }, 'wasm')).toBe(true);
    expect(isPinned({ backend: 'wasm' }, 'cpu')).toBe(false);
    expect(isPinned(null, 'wasm')).toBe(false);
    expect(isPinned({ backend: 'webgpu', adapter: 'llvmpipe' }, 'webgpu')).toBe(false);
    expect(isPinned({ backend: 'webgpu', adapter: 'llvmpipe' }, 'webgpu', 'llvmpipe')).toBe(true);
    expect(isPinned({ backend: 'webgpu' }, 'webgpu', 'llvmpipe')).toBe(false);
  });

  it('tells a usable provider from one to fix and one that cannot exist here', () => {
    expect(providerState(provider({ usable: true }))).toBe('usable');
    expect(providerState(provider())).toBe('skipped');
    expect(providerState(provider({ name: 'dml', inBuild: false }))).toBe('absent');
  });

  it('writes adapter limits in GiB or MiB', () => {
    expect(formatBytes(2 ** 32)).toBe('4.0 GiB');
    expect(formatBytes(2 ** 27)).toBe('128 MiB');
  });
});
