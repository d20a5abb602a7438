/**
 * `cel-studio models import` of the animegan2-pytorch fixture (its `.pt` state dict and its ONNX export), then
 * `cel-studio still --model <name>`: the still equals PyTorch's own 8-bit output within a mean of 1/255 and a
 * largest difference of 8/255. The import is listed, kept under its name, and refused twice or for a bad file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
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
    expect(list.stdout).toMatch(/\n {2}port-onnx +ONNX, conversion only/);

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
});
