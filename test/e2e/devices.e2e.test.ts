/// <reference lib="dom" />
/**
 * The Devices area in the real UI: web mode serves the built renderer, Chromium drives it. The doctor's scan lists
 * this machine's software adapter (lavapipe) as software, with the explanation on hover, and training on wasm;
 * pinning wasm is kept in the library and survives a reload; unpinning goes back to the automatic choice.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { listGpuAdapters } from '../../src/main/engine/backends/gpu-adapters';
import { createLibrary, openStudioPage, type E2eSession } from '../support/e2e-session';

const scan = await listGpuAdapters();
const softwareAdapter = scan.adapters.find((a) => a.software)?.name ?? null;
const noSoftware = softwareAdapter ? null : `no software GPU adapter found (${scan.problems.join('; ') || `found: ${scan.adapters.map((a) => a.name).join(', ')}`})`;
if (noSoftware && process.env.CI === 'true' && scan.adapters.length === 0) throw new Error(`the Devices e2e test needs a GPU adapter under CI: ${noSoftware}`);
if (noSoftware) console.warn(`skipping the software-adapter check of the Devices e2e test: ${noSoftware}`);

let session: E2eSession;
let page: Page;
let area: Locator;

beforeAll(async () => {
  session = await openStudioPage('cel-e2e-devices-');
  page = session.page;
  area = page.locator('[data-area="devices"]');
});

afterAll(async () => {
  await session?.close();
});

const attr = async (locator: Locator, name: string): Promise<string> => (await locator.getAttribute(name)) ?? '';

async function openDevices(): Promise<void> {
  await page.getByTestId('nav-devices').click();
  await expect.poll(() => area.getByTestId('device-backend').count(), { timeout: 60_000 }).toBe(5);
}

describe('devices: the doctor and the pin in the real UI', () => {
  it('lists the backends and what training will use', async () => {
    await createLibrary(page, join(session.work, 'Library'));
    await openDevices();
    expect(await attr(area.getByTestId('devices-pin-state'), 'data-pin')).toBe('');
    expect(await attr(area.locator('[data-testid="device-backend"][data-name="wasm"]'), 'data-available')).toBe('true');
    expect(await attr(area.getByTestId('devices-training'), 'data-backend')).not.toBe('');
  });

  it.skipIf(noSoftware !== null)('lists the software adapter as software, explained on hover, and does not train on it', async () => {
    const row = area.locator('[data-testid="device-adapter"]', { hasText: softwareAdapter! });
    expect(await attr(row, 'data-software')).toBe('true');
    expect(await attr(row.getByTestId('adapter-software'), 'title')).toMatch(/CEL_STUDIO_BACKEND=webgpu/);
    if (scan.adapters.every((a) => a.software)) expect(await attr(area.getByTestId('devices-training'), 'data-backend')).not.toBe('webgpu');
  });

  it('pins wasm, keeps the pin across a reload, and unpins it', async () => {
    await area.getByTestId('device-pin-wasm').click();
    await expect.poll(() => attr(area.getByTestId('devices-pin-state'), 'data-pin')).toBe('wasm');
    expect(await attr(area.getByTestId('devices-training'), 'data-backend')).toBe('wasm');
    await area.getByTestId('device-pinned-wasm').waitFor();

    await page.reload();
    await openDevices();
    await expect.poll(() => attr(area.getByTestId('devices-pin-state'), 'data-pin')).toBe('wasm');

    await area.getByTestId('devices-unpin').click();
    await expect.poll(() => attr(area.getByTestId('devices-pin-state'), 'data-pin')).toBe('');
    expect(session.consoleErrors).toEqual([]);
  });
});
