/** The pin as the CLI writes it and as the contract checks it. */
import { describe, expect, it } from 'vitest';
import { parseCallInput } from '@shared/contract';
import { formatPin, parsePinText } from '@shared/devices';

describe('device pin', () => {
  it('reads and writes backend[:adapter], keeping colons inside the adapter name', () => {
    expect(parsePinText('wasm')).toEqual({ backend: 'wasm' });
    expect(parsePinText('webgpu:llvmpipe: Mesa 25')).toEqual({ backend: 'webgpu', adapter: 'llvmpipe: Mesa 25' });
    expect(formatPin({ backend: 'webgpu', adapter: 'RTX 4090' })).toBe('webgpu:RTX 4090');
  });

  it('is validated by the contract: known backends, an adapter only on webgpu, null to unpin', () => {
    expect(parseCallInput('devices.pin', { pin: { backend: 'webgpu', adapter: ' RTX ' } })).toEqual({ pin: { backend: 'webgpu', adapter: 'RTX' } });
    expect(parseCallInput('devices.pin', { pin: null })).toEqual({ pin: null });
    expect(() => parseCallInput('devices.pin', { pin: { backend: 'cuda' } })).toThrow(/devices\.pin: pin\.backend:/);
    expect(() => parseCallInput('devices.pin', { pin: { backend: 'wasm', adapter: 'x' } })).toThrow(/pin\.adapter: an adapter can be pinned only with the webgpu backend/);
    expect(parseCallInput('devices.report', {})).toEqual({ rescan: false });
  });
});
