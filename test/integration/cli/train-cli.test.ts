/**
 * `cel-studio vgg download`, `models` and `train` end to end: VGG19 fetched from a local HTTP server into the
 * library (the real partial fixture stands in for the hub), then a tiny run trained from the command line
 * writes the same run records the dashboard reads.
 */
import Database from 'better-sqlite3';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { makeCurationFrames } from '../../support/curation-fixtures';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
let server: Server;
let base = '';

beforeAll(async () => {
  if (!vggDir) return;
  server = createServer((req, res) => {
    const file = join(vggDir, (req.url ?? '/').replace(/^\/+/, ''));
    if (!file.startsWith(vggDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

describe.skipIf(!vggDir)('cel-studio training commands', () => {
  it('lists the models with their parameter counts at full width', async () => {
    const res = await runCli(['models']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ {2}animeganv2\s+G\s+2,143,552/m);
    for (const name of ['lwcomic', 'resnet-cbam', 'unet-cycle']) expect(res.stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
  });

  it('downloads VGG19 into the library, then trains a tiny run from the command line', { timeout: 300_000 }, async () => {
    const lib = join(tempDir(), 'L');
    const frames = await makeCurationFrames(tempDir());
    expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'anime', '--kind', 'style'])).code).toBe(0);
    expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'photos'])).code).toBe(0);

    // The fixture server holds blocks 1-3 only, as the shared fixture does.
    const dl = await runCli(['vgg', 'download', '--library', lib, '--url', `${base}/model.json`, '--up-to', 'block3_conv4']);
    expect(dl.stderr).not.toMatch(/cel-studio:/);
    expect(dl.code).toBe(0);
    expect(existsSync(join(lib, 'models', 'vgg19', 'model.json'))).toBe(true);

    const env = { CEL_STUDIO_VGG19: '' };
    // First only how long it would take: a step of each phase measured, no run made.
    const estimate = await runCli(
      ['train', '--library', lib, '--style', 'anime', '--content', 'photos', '--size', '32', '--steps', '6', '--width', '0.125', '--batch', '1', '--estimate'],
      env,
    );
    expect(estimate.stderr).not.toMatch(/^cel-studio:/m);
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toMatch(/^about \d+ s for 6 steps on wasm .*: \d+\.\d\d s a step \(\d+ init steps at \d+\.\d\d s\); checkpoints and previews add a little\n$/);
    // A time budget plans the run for this machine. With an init phase that alone outlasts the minute, no size leaves
    // time for the style: the plan takes the smallest size, measures again there and fits the steps to that.
    const tiny = ['train', '--library', lib, '--style', 'anime', '--content', 'photos', '--size', '32', '--width', '0.125', '--batch', '1'];
    const planned = await runCli([...tiny, '--init-steps', '1000000', '--budget', '1m', '--estimate'], env);
    expect(planned.stderr).not.toMatch(/^cel-studio:/m);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(
      /^plan for 60 s on wasm .*: 16 px at width 0\.125, [\d,]+ steps \([\d,]+ init\), a checkpoint every [\d,]+ steps or 1 min; about \d+ s \(\d+\.\d\d s a step\)\n$/,
    );
    expect(planned.stderr).toMatch(/measuring a step at 32 px, width 0\.125.*\n.*measuring again at the planned 16 px, width 0\.125/s);
    expect(planned.stderr).toMatch(/16 px at width 0\.125, the smallest: even these leave no time for 1,000 GAN steps after the 1,000,000-step init phase in 60 s here; the init phase alone fills it/);
    const train = await runCli(
      ['train', '--library', lib, '--style', 'anime', '--content', 'photos', '--size', '32', '--steps', '6', '--width', '0.125', '--batch', '1'],
      env,
    );
    expect(train.stderr).not.toMatch(/^cel-studio:/m);
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/done at step 6\/6 on wasm/);
    expect(train.stdout).toMatch(/block3_conv4/);
    const db = new Database(join(lib, 'library.sqlite'), { readonly: true });
    // Metrics every 10 steps by default, and always at the last step.
    expect(db.prepare('SELECT max(step) FROM run_metrics').pluck().get()).toBe(6);
    expect(db.prepare('SELECT count(*) FROM run_weight_changes').pluck().get()).toBe(1);
    expect(db.prepare('SELECT state FROM runs').pluck().get()).toBe('done');
    const runId = db.prepare('SELECT id FROM runs').pluck().get() as string;
    db.close();

    // Its quality over the run: content PSNR/SSIM, the style distance and KID at each recorded validation.
    const report = await runCli(['report', runId, '--library', lib]);
    expect(report.code).toBe(0);
    const lines = report.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^.+ \\(${runId}\\): animeganv2, done at step 6 of 6$`));
    expect(lines[1]).toMatch(/^ +step +PSNR dB +SSIM +style dist +KID \(VGG\)$/);
    expect(lines.at(-2)).toMatch(/^ +6 +\d+\.\d\d +-?\d\.\d{3} +\d\S* +-?\d[\d.]*(e[+-]\d+)?$/);
    expect(lines.at(-1)).toMatch(/^style distance to the style set (down|up) \d+\.\d % since step \d+; content PSNR \d+\.\d\d dB at step 6$/);
    // Several runs: each one's table, then one line per run side by side.
    const both = await runCli(['report', runId, runId, '--library', lib]);
    expect(both.code).toBe(0);
    const side = both.stdout.trim().split('\n').slice(-3);
    expect(side[0]).toMatch(/^run +steps +PSNR dB +SSIM +style dist +change +KID \(VGG\)$/);
    expect(side[1]).toBe(side[2]);
    expect(side[1]).toMatch(/^.{24} +6 +\d+\.\d\d +-?\d\.\d{3} +\d\S* +[+-]?\d+\.\d % +-?\d[\d.]*(e[+-]\d+)?$/);

    // The run's generator, exported to ONNX and imported back, styles a photo as the run itself does.
    const out = tempDir();
    const onnx = join(out, 'run.onnx');
    const exported = await runCli(['export-onnx', runId, '-o', onnx, '--library', lib]);
    expect(exported.stderr).not.toMatch(/cel-studio:/);
    expect(exported.stdout).toMatch(/animeganv2 at width 0\.125, step 6/);
    const photo = join(frames, readdirSync(frames).sort()[0]!);
    const viaOnnx = await runCli(['still', photo, '-o', join(out, 'onnx.png'), '--model', onnx]);
    const viaRun = await runCli(['still', photo, '-o', join(out, 'run.png'), '--model', runId, '--library', lib]);
    expect(viaOnnx.code).toBe(0);
    expect(viaRun.code).toBe(0);
    const [x, y] = await Promise.all(['onnx.png', 'run.png'].map((f) => sharp(join(out, f)).raw().toBuffer()));
    expect(x!.length).toBe(y!.length);
    let maxDiff = 0;
    for (let i = 0; i < x!.length; i++) maxDiff = Math.max(maxDiff, Math.abs(x![i]! - y![i]!));
    expect(maxDiff).toBeLessThanOrEqual(1);
    const again = await runCli(['export-onnx', runId, '-o', onnx, '--library', lib]);
    expect(again.stderr).toMatch(/run\.onnx already exists/);
  });

  it('says what is wrong with a bad training command', async () => {
    const lib = join(tempDir(), 'L');
    await runCli(['import', 'photos', await makeCurationFrames(tempDir()), '--library', lib, '--set', 'photos']);
    const noSet = await runCli(['train', '--library', lib, '--style', 'nope', '--content', 'photos']);
    expect(noSet.code).toBe(1);
    expect(noSet.stderr).toBe('cel-studio: no set called "nope" (--style); sets: photos\n');
    const badModel = await runCli(['train', '--library', lib, '--style', 'photos', '--content', 'photos', '--model', 'gpt']);
    expect(badModel.stderr).toMatch(/^cel-studio: --model must be one of animeganv2, lwcomic, resnet-cbam, unet-cycle/);
    const train = ['train', '--library', lib, '--style', 'photos', '--content', 'photos'];
    const badBudget = await runCli([...train, '--budget', 'soon']);
    expect(badBudget.code).toBe(1);
    expect(badBudget.stderr).toBe('cel-studio: --budget must be minutes or hours (10m, 90min, 1.5h) or one of quick, hour, overnight, not "soon"\n');
    const budgetAndSteps = await runCli([...train, '--budget', 'quick', '--steps', '100']);
    expect(budgetAndSteps.stderr).toBe('cel-studio: --budget sets the steps: leave out --steps\n');
  });
});
