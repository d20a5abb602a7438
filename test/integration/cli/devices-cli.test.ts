/**
 * `cel-studio devices`: the doctor's report as a table and as JSON, and the pinned device kept in the library by
 * --pin and removed by --unpin, across separate CLI processes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceReport } from '@shared/devices';
import { Library } from '../../../src/main/services/library/library';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';

/** The environment without the variables that force a backend or an adapter. */
const PLAIN = { CEL_STUDIO_BACKEND: '', CEL_STUDIO_GPU_ADAPTER: '' };

function newLibrary(): string {
  const dir = join(tempDir(), 'Library');
  Library.open(dir, { create: true }).close();
  return dir;
}

async function devices(args: string[]): Promise<{ code: number | null; report: DeviceReport; stderr: string }> {
  const res = await runCli(['devices', '--json', ...args], PLAIN);
  expect(res.stderr).not.toMatch(/cel-studio:/);
  return { code: res.code, report: JSON.parse(res.stdout) as DeviceReport, stderr: res.stderr };
}

describe('cel-studio devices', () => {
  it('prints the adapters, backends and providers, and what training and conversion will use', async () => {
    const res = await runCli(['devices'], PLAIN);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^GPU adapters \(WebGPU\):/);
    expect(res.stdout).toMatch(/TensorFlow\.js backends/);
    expect(res.stdout).toMatch(/ONNX Runtime providers/);
    expect(res.stdout).toMatch(/^Training will use: \S+/m);
    expect(res.stdout).toMatch(/^Conversion will use: /m);
    const json = await devices([]);
    expect(json.code).toBe(0);
    for (const a of json.report.adapters.filter((x) => x.software)) {
      expect(res.stdout).toContain(`${a.name} is a software adapter`);
      expect(res.stdout).toMatch(/not used unless forced with CEL_STUDIO_BACKEND=webgpu/);
    }
    expect(json.report.pin).toBeNull();
    expect(json.report.backends.map((b) => b.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']);
    expect(json.report.training.backend).not.toBeNull();
  });

  it('pins a device in the library, keeps it for the next command, and unpins it', async () => {
    const lib = newLibrary();
    const pinned = await devices(['--library', lib, '--pin', 'wasm']);
    expect(pinned.code).toBe(0);
    expect(pinned.report.pin).toEqual({ backend: 'wasm' });
    expect(pinned.stderr).toContain('pinned wasm');

    const again = await devices(['--library', lib]);
    expect(again.report.pin).toEqual({ backend: 'wasm' });
    expect(again.report.training).toMatchObject({ backend: 'wasm', notice: null });
    expect(again.report.training.why).toMatch(/pinned/);

    const unpinned = await devices(['--library', lib, '--unpin']);
    expect(unpinned.report.pin).toBeNull();
    expect((await devices(['--library', lib])).report.pin).toBeNull();
  });

  it('keeps a pinned adapter that is missing, and says training falls back from it', async () => {
    const lib = newLibrary();
    const res = await devices(['--library', lib, '--pin', 'webgpu:No Such GPU 9000']);
    expect(res.report.pin).toEqual({ backend: 'webgpu', adapter: 'No Such GPU 9000' });
    expect(res.report.training.notice).toMatch(/pinned device webgpu:No Such GPU 9000 is not available.*automatic choice/);
  });

  it('refuses a pin it cannot keep or read', async () => {
    const lib = newLibrary();
    const unknown = await runCli(['devices', '--library', lib, '--pin', 'cuda'], PLAIN);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/cel-studio: devices\.pin: pin\.backend: /);
    const adapterOnWasm = await runCli(['devices', '--library', lib, '--pin', 'wasm:gpu'], PLAIN);
    expect(adapterOnWasm.stderr).toMatch(/pin\.adapter: an adapter can be pinned only with the webgpu backend/);
    const noLibrary = await runCli(['devices', '--pin', 'wasm'], PLAIN);
    expect(noLibrary.stderr).toMatch(/--pin needs --library DIR/);
    const both = await runCli(['devices', '--library', lib, '--pin', 'wasm', '--unpin'], PLAIN);
    expect(both.stderr).toMatch(/cannot be used together/);
  });

  it('is listed in --help', async () => {
    const res = await runCli(['--help']);
    expect(res.stdout).toMatch(/cel-studio devices \[--library DIR\] \[--json\] \[--pin <backend>\[:<adapter>\]\|--unpin\]/);
  });
});
