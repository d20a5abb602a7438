/**
 * `cel-studio models import` of the animegan2-pytorch fixture (its `.pt` state dict and its ONNX export), then
 * `cel-studio still --model <name>`: the still equals PyTorch's own 8-bit output within a mean of 1/255 and a
 * largest difference of 8/255. The import is listed, kept under its name, and refused twice or for a bad file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import onnxProto from 'onnx-proto';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { makeCurationFrames } from '../../support/curation-fixtures';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';

const fixture = sharedPath('weights/animegan2-pytorch-random-seed1');

/** Mean and largest absolute difference of two 8-bit RGB images of one size. */
async function difference(a: string, b: string): Promise<{ mean: number; max: number }> {
  const [x, y] = await Promise.all([a, b].map((p) => sharp(p).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  expect([x!.info.width, x!.info.height]).toEqual([y!.info.width, y!.info.height]);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < x!.data.length; i++) {
    const d = Math.abs(x!.data[i]! - y!.data[i]!);
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / x!.data.length, max };
}

describe.skipIf(!fixture)('cel-studio models import', () => {
  it("imports the .pt and the .onnx of an animegan2-pytorch generator; stills from both match PyTorch's", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const lib = join(dir, 'L');
    const pt = await runCli(['models', 'import', join(fixture!, 'generator.pt'), '--name', 'port', '--library', lib]);
    expect(pt.stderr).toBe('');
    expect(pt.code).toBe(0);
    expect(pt.stdout).toMatch(/^imported port +animeganv2 width 1, animegan2-pytorch flavour, trainable \(from generator\.pt, sha256 [0-9a-f]{12}\)\n/);
    const onnx = await runCli(['models', 'import', join(fixture!, 'generator.onnx'), '--name', 'port-onnx', '--library', lib]);
    expect(onnx.code).toBe(0);

    const list = await runCli(['models', 'list', '--library', lib]);
    expect(list.stdout).toMatch(/Architectures to train:\n {2}animeganv2/);
    expect(list.stdout).toMatch(/\n {2}port +animeganv2 width 1/);
    // The port's ONNX export is trainable too: its weights are recovered from the graph.
    expect(list.stdout).toMatch(/\n {2}port-onnx +animeganv2 width 1, animegan2-pytorch flavour, trainable \(from generator\.onnx/);

    for (const name of ['port', 'port-onnx']) {
      const out = join(dir, `${name}.png`);
      const still = await runCli(['still', join(fixture!, 'input.png'), '-o', out, '--model', name, '--library', lib]);
      // (Dawn may print adapter warnings while ONNX Runtime looks for a GPU: no error of ours.)
      expect(still.stderr).not.toMatch(/cel-studio:/);
      expect(still.code).toBe(0);
      const d = await difference(out, join(fixture!, 'output.png'));
      expect(d.mean).toBeLessThanOrEqual(1);
      expect(d.max).toBeLessThanOrEqual(8);
    }
  });

  it('refuses a taken name, a bad name and a file that is no generator, leaving nothing behind', async () => {
    const dir = tempDir();
    const lib = join(dir, 'L');
    expect((await runCli(['models', 'import', join(fixture!, 'generator.onnx'), '--name', 'a', '--library', lib])).code).toBe(0);
    const again = await runCli(['models', 'import', join(fixture!, 'generator.onnx'), '--name', 'a', '--library', lib]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('cel-studio: a model named "a" is already imported: choose another name\n');
    const bad = await runCli(['models', 'import', join(fixture!, 'generator.onnx'), '--name', '../x', '--library', lib]);
    expect(bad.stderr).toMatch(/"\.\.\/x" cannot name a model/);
    const text = join(dir, 'notes.pt');
    writeFileSync(text, 'not a model at all');
    const junk = await runCli(['models', 'import', text, '--name', 'junk', '--library', lib]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toBe(
      'cel-studio: notes.pt is neither a PyTorch state dict (.pt, zip format) nor an ONNX model: import an animegan2-pytorch generator or an ONNX file\n',
    );
    expect(existsSync(join(lib, 'models', 'generators', 'junk'))).toBe(false);
  });

  it.skipIf(!sharedPath('weights/vgg19-keras-tfjs-block1-3'))('trains from the imported generator: says so, skips the init, and the run keeps its flavour', { timeout: 300_000 }, async () => {
    const vgg = sharedPath('weights/vgg19-keras-tfjs-block1-3')!;
    const dir = tempDir();
    const lib = join(dir, 'L');
    const frames = await makeCurationFrames(tempDir());
    expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'anime', '--kind', 'style'])).code).toBe(0);
    expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'photos'])).code).toBe(0);
    expect((await runCli(['models', 'import', join(fixture!, 'generator.pt'), '--name', 'port', '--library', lib])).code).toBe(0);
    const v3 = sharedPath('weights/AnimeGANv3_tiny_Cute.onnx');
    expect((await runCli(['models', 'import', v3!, '--name', 'v3', '--library', lib])).code).toBe(0);
    const env = { CEL_STUDIO_VGG19: vgg };
    const base = ['train', '--library', lib, '--style', 'anime', '--content', 'photos', '--size', '32', '--steps', '2', '--batch', '1'];

    const narrow = await runCli([...base, '--from', 'port', '--width', '0.5'], env);
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toMatch(/cel-studio: imported model "port" has width 1: set the width to 1 to start from it\n$/);
    const onnxOnly = await runCli([...base, '--from', 'v3'], env);
    expect(onnxOnly.code).toBe(1);
    expect(onnxOnly.stderr).toMatch(/"v3" is an ONNX generator the studio cannot train/);

    const train = await runCli([...base, '--from', 'port'], env);
    expect(train.stderr).toContain('starting the generator from imported model "port"; the discriminator starts fresh; the content-only init is skipped');
    expect(train.stderr).not.toMatch(/^cel-studio:/m);
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/done at step 2\/2/);
    const db = new Database(join(lib, 'library.sqlite'), { readonly: true });
    const run = db.prepare('SELECT id, config, notices FROM runs').get() as { id: string; config: string; notices: string };
    db.close();
    expect(JSON.parse(run.config)).toMatchObject({ width: 1, startFrom: { kind: 'imported', name: 'port' }, flavour: 'animegan2-pytorch' });
    expect((JSON.parse(run.notices) as { text: string }[]).map((n) => n.text)).toContain(
      'Starts from imported model "port" (animegan2-pytorch flavour); the discriminator starts fresh',
    );

    // Its export computes as the port does: the flavour travels with the run's checkpoints.
    const onnx = join(dir, 'run.onnx');
    expect((await runCli(['export-onnx', run.id, '-o', onnx, '--library', lib])).code).toBe(0);
    const model = onnxProto.onnx.ModelProto.decode(readFileSync(onnx));
    expect(Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]))).toMatchObject({ 'cel-studio.flavour': 'animegan2-pytorch' });
  });
});
