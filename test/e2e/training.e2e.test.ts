/// <reference lib="dom" />
/**
 * Training in the real UI: web mode serves the built renderer, Chromium drives it. Imports a style set and a
 * content set, downloads VGG19 from the new-run form as a fresh install must (from a local mirror), starts a tiny
 * run from the form, watches the charts grow live, drags the w_col slider (plainly and with Shift) and types a
 * value, and sees the step the run applied each at (and the change recorded), pauses and resumes, and waits for
 * the run to finish with its previews.
 */
import { once } from 'node:events';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import WebSocket from 'ws';
import type { CallInput, CallName, CallOutput } from '@shared/contract';
import { ARTIFACTS_DIR } from '../support/browser';
import { makeCurationFrames } from '../support/curation-fixtures';
import { openStudioPage, type E2eSession } from '../support/e2e-session';
import { sharedPath } from '../support/shared-assets';
import { serveModelMirror, type ModelMirror } from '../support/model-mirror';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const STEPS = 60;

let session: E2eSession;
let page: Page;
let work: string;
let consoleErrors: string[];
let runId = '';

let mirror: ModelMirror | undefined;

beforeAll(async () => {
  // As on a fresh install: no VGG19 anywhere. The new-run form downloads it, from a local mirror of the fixture.
  delete process.env.CEL_STUDIO_VGG19;
  if (vggDir) {
    const portPt = sharedPath('weights/animegan2-pytorch-random-seed1/generator.pt');
    mirror = await serveModelMirror({ vggDir, files: portPt ? { 'animegan2-pytorch/paprika.pt': readFileSync(portPt) } : {} });
    process.env.CEL_STUDIO_MODEL_MIRROR = mirror.base;
  }
  session = await openStudioPage('cel-e2e-training-');
  ({ page, work, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
  await mirror?.close();
  delete process.env.CEL_STUDIO_MODEL_MIRROR;
});

const attr = async (locator: Locator, name: string): Promise<string> => (await locator.getAttribute(name)) ?? '';
const num = async (locator: Locator, name: string): Promise<number> => Number(await attr(locator, name));
const runState = () => attr(page.getByTestId('run-state'), 'data-state');
const runStep = () => num(page.getByTestId('run-step'), 'data-step');

/** Copies the first `n` corpus files starting with `prefix` into a new folder under the session's scratch. */
async function sample(corpus: string, prefix: string, n: number, name: string): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const src = sharedPath(`corpus/${corpus}`);
  if (!src) return makeCurationFrames(dir);
  for (const file of readdirSync(src).filter((f) => f.startsWith(prefix)).sort().slice(0, n)) copyFileSync(join(src, file), join(dir, file));
  return dir;
}

/** One call straight to the served studio over its WebSocket, the way the page makes them. */
async function call<K extends CallName>(method: K, arg: CallInput<K>): Promise<CallOutput<K>> {
  const url = `${session.studio.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(session.studio.token)}`;
  const socket = new WebSocket(url);
  try {
    await once(socket, 'open');
    const reply = new Promise<CallOutput<K>>((resolve, reject) => {
      socket.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { type: string; id?: number; ok?: boolean; value?: unknown; error?: { message: string } };
        if (msg.type !== 'result' || msg.id !== 1) return;
        if (msg.ok) resolve(msg.value as CallOutput<K>);
        else reject(new Error(msg.error?.message));
      });
    });
    socket.send(JSON.stringify({ type: 'call', id: 1, method, arg }));
    return await reply;
  } finally {
    socket.close();
  }
}

async function importFolder(folder: string, setName: string): Promise<void> {
  await page.getByTestId('import-folder').fill(folder);
  await page.getByTestId('import-set').fill(setName);
  await page.getByTestId('import-start').click();
  const progress = page.getByTestId('job-progress').first();
  await expect.poll(() => attr(progress, 'data-state'), { timeout: 60_000 }).toBe('done');
}

describe.skipIf(!vggDir)('training: start a run, watch it, steer it, pause and resume it in the real UI', () => {
  it('imports a style set and a content set', async () => {
    await page.getByTestId('library-path').fill(join(work, 'Library'));
    await page.getByTestId('library-create').click();
    await expect.poll(() => page.getByTestId('library-name').textContent()).toContain('Library');

    // A style set first (the new-set form defaults to style); importing into it keeps its kind.
    await page.getByTestId('new-set-name').fill('anime');
    await page.getByTestId('new-set-create').click();
    await expect.poll(() => page.locator('[data-testid="set-item"][data-set-name="anime"]').count()).toBe(1);
    await importFolder(await sample('style', 'blupi_', 8, 'style'), 'anime');
    await importFolder(await sample('photos', 'kpa_', 6, 'photos'), 'photos');
    const sets = await call('sets.list', {});
    expect(sets.map((s) => [s.name, s.kind])).toEqual(expect.arrayContaining([['anime', 'style'], ['photos', 'content']]));
  });

  it('starts a tiny run from the form: model, preset, size, steps, width and intervals', async () => {
    await page.getByTestId('nav-training').click();
    // No runs yet: the new-run form shows, with the two sets preselected by kind.
    // Polled, both: on a loaded machine the page may still be showing the set list from before the last import,
    // where the only set (anime) is also the content set's fallback, until the change arrives.
    const style = page.getByTestId('train-style-set');
    await expect.poll(() => style.locator('option:checked').textContent(), { timeout: 30_000 }).toMatch(/^anime \(\d+ images\)/);
    await expect.poll(() => page.getByTestId('train-content-set').locator('option:checked').textContent(), { timeout: 30_000 }).toMatch(/^photos/);
    // No GPU here: the form starts from the smaller CPU defaults and says why.
    await expect.poll(() => page.getByTestId('train-hardware-note').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('train-hardware-note').textContent()).toMatch(/^Training here runs on the CPU/);
    expect([await page.getByTestId('train-size').inputValue(), await page.getByTestId('train-width').inputValue()]).toEqual(['128', '0.5']);
    // A fresh library has no VGG19: the form says so, holds the start, and downloads it with progress.
    await expect.poll(() => page.getByTestId('vgg-setup').count()).toBe(1);
    expect(await page.getByTestId('train-start').isDisabled()).toBe(true);
    expect(await page.getByTestId('vgg-download').textContent()).toMatch(/^Download VGG19 \(\d+ MB\)$/);
    await page.getByTestId('vgg-download').click();
    await expect.poll(() => page.getByTestId('vgg-setup').count(), { timeout: 60_000 }).toBe(0);
    // A generator file imported from the form becomes what the run starts from, with its model and width.
    const portPt = sharedPath('weights/animegan2-pytorch-random-seed1/generator.pt');
    if (portPt) {
      await page.locator('.start-from-import summary').click();
      await page.getByTestId('model-import-path').fill(portPt);
      await page.getByTestId('model-import-name').fill('port');
      await page.getByTestId('model-import').click();
      await expect.poll(() => page.getByTestId('train-start-from').inputValue(), { timeout: 30_000 }).toBe('imported:port');
      expect(await page.getByTestId('train-start-from').locator('option:checked').textContent()).toBe('port — animeganv2 width 1, animegan2-pytorch flavour');
      expect(await page.getByTestId('train-width').inputValue()).toBe('1');
      // A published generator downloaded from the form (the mirror serves the fixture as paprika.pt) becomes
      // the start too, its terms shown before the download.
      await page.locator('.start-from-published summary').click();
      const paprika = page.getByTestId('published-model-paprika');
      expect(await paprika.textContent()).toMatch(/non-commercial/);
      await page.getByTestId('published-model-fetch-paprika').click();
      await expect.poll(() => page.getByTestId('train-start-from').inputValue(), { timeout: 60_000 }).toBe('imported:paprika');
      await expect.poll(() => attr(paprika, 'data-installed')).toBe('true');
      // This run trains from scratch (a full-width generator is too slow for this test).
      await page.getByTestId('train-start-from').selectOption('');
    }
        // Models show their parameter counts at full width.
    expect(await page.getByTestId('train-model').locator('option[value="animeganv2"]').textContent()).toMatch(/G [\d,]{7,} · D [\d,]{7,} params/);
    await page.getByTestId('train-model').selectOption('animeganv2');
    await page.getByTestId('train-preset').selectOption('hayao');

    // A size the model cannot take is refused before the call.
    await page.getByTestId('train-size').fill('30');
    await expect.poll(() => page.getByTestId('train-start').isDisabled()).toBe(true);
    await page.getByTestId('train-size').fill('32');
    await page.getByTestId('train-steps').fill(String(STEPS));
    await page.getByTestId('train-width').fill('0.125');
    await page.getByTestId('train-batch').fill('2');
    await page.locator('.new-run-advanced summary').click();
    await page.getByTestId('train-metrics-every').fill('1');
    await page.getByTestId('train-preview-every').fill('20');
    await page.getByTestId('train-checkpoint-every').fill('20');
    await page.getByTestId('train-init-steps').fill('4');
    // How long would it take here? A step of each phase is measured, and a time budget sets the steps.
    await page.getByTestId('run-estimate-measure').click();
    await expect.poll(() => page.getByTestId('run-estimate-result').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('run-estimate-result').textContent()).toMatch(new RegExp(`^About .+ for ${STEPS} steps on (wasm|cpu|tensorflow)`));
    await page.getByTestId('run-estimate-fit-600').click();
    await expect.poll(() => page.getByTestId('run-estimate-plan').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('run-estimate-result').count(), { timeout: 60_000 }).toBe(1);
    expect(Number(await page.getByTestId('train-steps').inputValue())).toBeGreaterThan(STEPS);
    // A budget also picks the size: with an init phase that alone outlasts ten minutes, no size leaves time for the
    // style, so the plan takes the smallest, measures again there and fits the steps to what that costs.
    await page.getByTestId('train-init-steps').fill('1000000');
    await page.getByTestId('run-estimate-measure').click();
    await expect.poll(() => page.getByTestId('run-estimate-result').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('run-estimate-fit-600').click();
    const plan = page.getByTestId('run-estimate-plan');
    await expect.poll(() => attr(plan, 'data-size'), { timeout: 60_000 }).toBe('16');
    await expect.poll(() => page.getByTestId('train-size').inputValue()).toBe('16');
    expect(await page.getByTestId('train-width').inputValue()).toBe('0.125');
    expect(await plan.textContent()).toMatch(/^Quick look \(~10 min\): 16 px at width 0\.125, the smallest: .*the init phase alone fills it/);
    // The time shown is measured at 16 px, for the steps the plan set.
    await expect.poll(() => page.getByTestId('run-estimate-result').count(), { timeout: 60_000 }).toBe(1);
    const planned = await page.getByTestId('train-steps').inputValue();
    expect(await page.getByTestId('run-estimate-result').textContent()).toMatch(new RegExp(`^About .+ for ${Number(planned).toLocaleString('en-US')} steps on `));
    expect(await num(page.getByTestId('run-estimate-result'), 'data-seconds')).toBeLessThanOrEqual(600);
    // This run is the tiny one set above.
    await page.getByTestId('train-size').fill('32');
    await page.getByTestId('train-init-steps').fill('4');
    await page.getByTestId('train-steps').fill(String(STEPS));
    await page.getByTestId('train-checkpoint-every').fill('20');
    await page.getByTestId('train-checkpoint-minutes').fill('5');
    await page.getByTestId('train-preview-every').fill('20');
    await page.getByTestId('train-start').click();

    await expect.poll(runState, { timeout: 60_000 }).toMatch(/^(starting|running)$/);
    const item = page.getByTestId('run-item').first();
    runId = await attr(item, 'data-run-id');
    expect(runId).not.toBe('');
    await expect.poll(runState, { timeout: 120_000 }).toBe('running');
    await expect.poll(() => page.getByTestId('run-backend').textContent(), { timeout: 30_000 }).toMatch(/wasm|cpu|tensorflow/);
    expect(await page.getByTestId('engine-backend').textContent()).toMatch(/wasm|cpu|tensorflow|none/);
  });

  it('draws the losses live: the charts gain points as steps are recorded', async () => {
    const g = page.getByTestId('chart-gTotal');
    await expect.poll(() => num(g, 'data-points'), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await num(g, 'data-points');
    await expect.poll(() => num(g, 'data-points'), { timeout: 60_000 }).toBeGreaterThan(before);
    const col = page.getByTestId('chart-col');
    await col.scrollIntoViewIfNeeded();
    await expect.poll(() => num(col, 'data-points'), { timeout: 60_000 }).toBeGreaterThan(0);
    const psnr = page.getByTestId('chart-psnr');
    await psnr.scrollIntoViewIfNeeded();
    await expect.poll(() => num(psnr, 'data-points'), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.getByTestId('run-header').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'training-live.png') });
  });

  it('steers w_col with its slider: a drag moves it a bounded amount, Shift+drag finely, a typed value exactly; the run applies each at a step and records it', async () => {
    const slider = page.getByTestId('weight-col');
    const value = page.getByTestId('weight-col-value');
    const applied = page.getByTestId('weight-applied');
    /** Waits until the run reports `shown` (as the entry shows it) as applied, and says at which step. */
    const appliedAt = async (shown: string): Promise<number> => {
      await expect
        .poll(async () => `${await attr(applied, 'data-pending')} ${await attr(applied, 'title')}`, { timeout: 60_000 })
        .toMatch(new RegExp(`^false .*col [\\d.]+ → ${shown.replace('.', '\\.')}(,|$)`));
      return num(applied, 'data-step');
    };
    expect(await slider.isDisabled()).toBe(false);
    expect(await value.inputValue()).toBe('15');
    // The track reaches from the preset ÷10 to ×10, with the preset marked in the middle.
    expect([await attr(slider, 'aria-valuemin'), await attr(slider, 'aria-valuemax')]).toEqual(['1.5', '150']);
    expect(await page.getByTestId('weight-col-preset').textContent()).toBe('15');
    await slider.scrollIntoViewIfNeeded();

    // A 45 px drag of the knob moves w_col a bounded factor (on the old track it took w_gra from 2.5 to 268) ...
    const knob = slider.locator('.weight-thumb');
    const drag = async (dx: number) => {
      const box = (await knob.boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx, y, { steps: 5 });
      await page.mouse.up();
      return Number(await value.inputValue());
    };
    const dragged = await drag(45);
    expect(dragged).toBeGreaterThan(15 * 1.3);
    expect(dragged).toBeLessThan(15 * 2.6);
    // ... and with Shift held, 45 px back moves it a tenth as far.
    await page.keyboard.down('Shift');
    const fine = await drag(-45);
    await page.keyboard.up('Shift');
    expect(fine).toBeLessThan(dragged);
    expect(dragged / fine).toBeLessThan(1.1);
    const fineStep = await appliedAt(await value.inputValue());
    expect(fineStep).toBeGreaterThan(0);
    expect((await call('runs.get', { runId })).weights.col).toBe(fine);

    // A typed value that cannot be a weight says why and is not sent; Enter on a good one applies it exactly.
    await value.fill('-3');
    expect(await page.getByTestId('weight-col-error').textContent()).toBe('At least 0 (0 turns the term off)');
    await value.fill('40');
    expect(await page.getByTestId('weight-col-error').count()).toBe(0);
    await value.press('Enter');
    expect(await value.inputValue()).toBe('40');
    expect(await attr(slider, 'aria-valuenow')).toBe('40');
    const step = await appliedAt('40');
    expect(step).toBeGreaterThanOrEqual(fineStep);
    await page.locator('.weights-panel').screenshot({ path: join(ARTIFACTS_DIR, 'training-weights.png') });

    const metrics = await call('runs.metrics', { runId, fromStep: 0, maxPoints: 1000 });
    expect(metrics.weightChanges.at(-1)).toMatchObject({ step, weights: { col: 40 } });
    expect((await call('runs.get', { runId })).weights.col).toBe(40);
    // The change is marked on the charts once a recorded point reaches its step (the marker lies outside the
    // x axis until then, and redraws are throttled).
    const marker = page.locator('[data-testid="chart-col"] .weight-marker');
    await expect.poll(() => marker.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('pauses (sliders disabled, steps stand still) and resumes', async () => {
    if ((await runState()) !== 'running') throw new Error(`the run was ${await runState()} before the pause: raise STEPS`);
    // The status bar counts training, not only jobs.
    await expect.poll(() => page.getByTestId('status-training').textContent()).toMatch(/^training · .+ · \d+%$/);
    await page.getByTestId('run-pause').click();
    await expect.poll(runState, { timeout: 60_000 }).toBe('paused');
    await expect.poll(() => page.getByTestId('status-training').textContent()).toMatch(/^training paused · /);
    // Stop asks first; keeping on training leaves the run as it was.
    await page.getByTestId('run-stop').click();
    expect(await page.getByTestId('run-stop-confirm').textContent()).toBe('Stop run');
    await page.getByTestId('run-stop-cancel').click();
    expect(await page.getByTestId('run-stop-confirm').count()).toBe(0);
    expect(await runState()).toBe('paused');
    const paused = await runStep();
    expect(paused).toBeLessThan(STEPS);
    expect(await page.getByTestId('weight-col').isDisabled()).toBe(true);
    await page.waitForTimeout(700);
    expect(await runStep()).toBe(paused);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'training-paused.png') });

    await page.getByTestId('run-resume').click();
    await expect.poll(runState, { timeout: 60_000 }).toMatch(/^(running|done)$/);
  });

  it('finishes every step, with the previews newest first; a preview enlarges', async () => {
    await expect.poll(runState, { timeout: 180_000 }).toBe('done');
    expect(await runStep()).toBe(STEPS);
    expect(await attr(page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`), 'data-state')).toBe('done');

    const items = page.getByTestId('preview-item');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(3);
    expect(await Promise.all([0, 1, 2].map((i) => num(items.nth(i), 'data-step')))).toEqual([60, 40, 20]);
    await items.first().scrollIntoViewIfNeeded();
    const thumb = items.first().locator('img').first();
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    await items.first().click();
    await expect.poll(() => page.getByTestId('preview-lightbox').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'training-preview.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('preview-lightbox').count()).toBe(0);

    // Every recorded step is drawn (60 points, under the display's ~1,000 per line).
    const metrics = await call('runs.metrics', { runId, fromStep: 0, maxPoints: 1000 });
    expect(metrics.total).toBe(STEPS);
    const g = page.getByTestId('chart-gTotal');
    await g.scrollIntoViewIfNeeded();
    await page.getByTestId('smoothing').fill('0');
    await expect.poll(() => num(g, 'data-points')).toBe(metrics.points.filter((p) => p.gTotal !== null).length);
    await page.getByTestId('log-axis').check();
    await page.getByTestId('smoothing').fill('0.6');
    await page.getByTestId('run-header').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'training-done.png') });
  });

  it("exports the finished run's generator as an ONNX file", async () => {
    const onnx = join(work, 'run.onnx');
    await page.getByTestId('run-export-onnx').locator('summary').click();
    await page.getByTestId('run-export-path').fill(onnx);
    await page.getByTestId('run-export-start').click();
    await expect.poll(() => attr(page.getByTestId('run-export-written'), 'data-path'), { timeout: 30_000 }).toBe(onnx);
    expect(statSync(onnx).size).toBeGreaterThan(10_000);
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e))).toEqual([]);
  });
});
