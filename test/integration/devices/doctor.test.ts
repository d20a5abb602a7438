/**
 * The real device doctor on this machine: the built probe process scans the GPU adapters, every tfjs backend and
 * every ONNX Runtime provider. On a machine with only a software adapter (lavapipe), it is listed as software and
 * training stays on the CPU backends unless CEL_STUDIO_BACKEND=webgpu forces it. Needs a Vulkan adapter: skipped
 * (out loud) without one, failed under CI=true.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listGpuAdapters } from '../../../src/main/engine/backends/gpu-adapters';
import { buildDeviceReport, DeviceDoctor, deviceEnv, PROBE_ENTRY_FILE } from '../../../src/main/engine/devices';
import { assertBuilt, REPO_DIR } from '../../support/cli';

const scan = await listGpuAdapters();
const noAdapter =
  scan.adapters.length === 0
    ? `no GPU adapter found (${scan.problems.join('; ') || 'no reason given'}); install a Vulkan driver, e.g. mesa-vulkan-drivers for lavapipe`
    : null;
if (noAdapter && process.env.CI === 'true') throw new Error(`the device doctor test needs a GPU adapter under CI: ${noAdapter}`);
if (noAdapter) console.warn(`skipping the device doctor test: ${noAdapter}`);

const probeEntry = resolve(REPO_DIR, 'out/main', PROBE_ENTRY_FILE);
/** The environment without the variables that force a backend or an adapter. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CEL_STUDIO_BACKEND;
  delete env.CEL_STUDIO_GPU_ADAPTER;
  return env;
}

describe.skipIf(noAdapter !== null)('device doctor on this machine', () => {
  it('scans in its own process, lists software adapters as software and keeps training off them unless forced', async () => {
    assertBuilt();
    expect(existsSync(probeEntry), `${probeEntry} is built`).toBe(true);
    const doctor = new DeviceDoctor({ probeEntry, env: plainEnv() });
    const report = await doctor.report(null);

    expect(report.adapters.map((a) => a.name).sort()).toEqual(scan.adapters.map((a) => a.name).sort());
    for (const a of report.adapters) expect(a.software, a.name).toBe(scan.adapters.find((s) => s.name === a.name)!.software);
    const cpuBackends = report.backends.filter((b) => b.name === 'wasm' || b.name === 'cpu');
    expect(cpuBackends.every((b) => b.available)).toBe(true);
    expect(report.ortProviders.find((p) => p.name === 'cpu')?.usable).toBe(true);
    // The scan never touched this process: Dawn was not installed as navigator.gpu here.
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();

    if (report.adapters.every((a) => a.software)) {
      const soft = report.adapters[0]!;
      expect(report.training.backend).not.toBe('webgpu');
      const native = report.backends.some((b) => (b.name === 'tensorflow' || b.name === 'tensorflow-gpu') && b.available);
      if (!native) expect(report.training.backend).toBe('wasm');
      const webgpu = report.backends.find((b) => b.name === 'webgpu')!;
      expect(webgpu.available).toBe(false);
      expect(webgpu.reason).toMatch(/only a software adapter/);
      expect(webgpu.fix).toMatch(/CEL_STUDIO_BACKEND=webgpu/);

      if (soft.tfjs.ok) {
        const probe = await doctor.probe();
        const forced = buildDeviceReport(probe, null, deviceEnv({ CEL_STUDIO_BACKEND: 'webgpu' }));
        expect(forced.training).toMatchObject({ backend: 'webgpu', adapter: soft.name, gpu: false });
        const named = buildDeviceReport(probe, { backend: 'webgpu', adapter: soft.name.slice(0, 8) }, deviceEnv({}));
        expect(named.training).toMatchObject({ backend: 'webgpu', adapter: soft.name, notice: null });
      }
      const unnamed = await doctor.report({ backend: 'webgpu' });
      expect(unnamed.training.backend).toBe(report.training.backend);
      expect(unnamed.training.notice).toMatch(/pinned device webgpu is not available/);
    } else {
      expect(report.training.gpu).toBe(true);
    }
  });

  it('keeps the scan until a re-scan', async () => {
    const doctor = new DeviceDoctor({ probeEntry, env: plainEnv() });
    const [a, b] = await Promise.all([doctor.probe(), doctor.probe()]);
    expect(b).toBe(a);
    expect(await doctor.probe()).toBe(a);
    const fresh = await doctor.probe(true);
    expect(fresh).not.toBe(a);
    expect(fresh.adapters.map((x) => x.name)).toEqual(a.adapters.map((x) => x.name));
  });
});
