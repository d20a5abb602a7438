/**
 * loadVgg19 on the generated VGG-shaped model: the stack is built from whichever shard groups are present, a
 * missing one ends the network there, damaged files and empty folders are clear errors, and nothing leaks.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadVgg19, type LoadVgg19Options, type Vgg19 } from '../../../../src/main/engine/vgg';
import { tempDir } from '../../../support/temp-dir';
import { makeTinyVgg } from './tiny-vgg';
import { referenceForward, useCpuBackend, writeModel } from './vgg-helpers';

useCpuBackend();

const model = makeTinyVgg();
const input = (): tf.Tensor4D => tf.randomUniform([2, 32, 32, 3], -1, 1, 'float32', 9) as tf.Tensor4D;
const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** loadVgg19 on the model written to a new folder without the shard files named in `missing`. */
async function loadWritten(missing: string[] = [], opts?: LoadVgg19Options): Promise<Vgg19> {
  const dir = tempDir();
  writeModel(model, dir, missing);
  return loadVgg19(dir, opts);
}

describe('loadVgg19 with every shard present', () => {
  it('builds block1_conv1 .. block4_conv4 and reads block4_conv4 before its ReLU, without the head', async () => {
    const vgg = await loadWritten(['group16-shard1of1']); // the Dense head's group: never needed
    expect(vgg.layers).toEqual([
      'block1_conv1', 'block1_conv2', 'block1_pool', 'block2_conv1', 'block2_conv2', 'block2_pool',
      'block3_conv1', 'block3_conv2', 'block3_conv3', 'block3_conv4', 'block3_pool',
      'block4_conv1', 'block4_conv2', 'block4_conv3', 'block4_conv4',
    ]);
    expect(vgg.featureLayer).toBe('block4_conv4');
    expect(vgg.note).toMatch(/block4_conv4.*before its ReLU/);
    const x = input();
    const f = vgg.features(x);
    expect(f.shape).toEqual([2, 4, 4, 8]);
    const ref = referenceForward(model.convs, x, 'block4_conv4', false);
    expect(maxDiff(f, ref)).toBeLessThan(1e-3 * tf.tidy(() => tf.max(tf.abs(ref)).dataSync()[0]!));
    expect(tf.tidy(() => tf.min(f).dataSync()[0]!)).toBeLessThan(0); // pre-ReLU values can be negative
    tf.dispose([x, f, ref]);
    vgg.dispose();
  });

  it('loads the whole convolution stack with upTo block5_pool, and any layer after its ReLU on request', async () => {
    const vgg = await loadWritten([], { upTo: 'block5_pool' });
    expect(vgg.deepest).toBe('block5_pool');
    const x = input();
    const f = vgg.features(x, { layer: 'block2_conv2', relu: true });
    const ref = referenceForward(model.convs, x, 'block2_conv2', true);
    expect(f.shape).toEqual([2, 16, 16, 6]);
    expect(maxDiff(f, ref)).toBeLessThan(1e-3);
    expect(vgg.features(x, { layer: 'block5_pool' }).shape).toEqual([2, 1, 1, 8]);
    expect(() => vgg.features(x, { layer: 'fc1' })).toThrow(/fc1 is not loaded/);
    tf.dispose([x, f, ref]);
    vgg.dispose();
  });
});

describe('loadVgg19 with shards missing', () => {
  it('ends the network at the first convolution whose group is absent, and says which layer stands in', async () => {
    const vgg = await loadWritten(['group5-shard1of1']); // block3_conv2
    expect(vgg.layers.slice(-2)).toEqual(['block2_pool', 'block3_conv1']);
    expect(vgg.featureLayer).toBe('block3_conv1');
    expect(vgg.note).toMatch(/block3_conv1 stands in for block4_conv4/);
    expect(vgg.note).toMatch(/weights end before block3_conv2\./);
    expect(vgg.note).not.toMatch(/shard/);
    expect(vgg.missing).toEqual(['group5-shard1of1']);
    vgg.dispose();
  });

  it('treats a group with one of its shards missing as missing', async () => {
    const vgg = await loadWritten(['group4-shard2of2']); // block3_conv1, stored in two shards
    expect(vgg.deepest).toBe('block2_pool');
    expect(vgg.featureLayer).toBe('block2_conv2');
    expect(vgg.missing).toEqual(['group4-shard2of2']);
    vgg.dispose();
  });

  it('stops where asked and says so', async () => {
    const vgg = await loadWritten([], { upTo: 'block2_pool' });
    expect(vgg.deepest).toBe('block2_pool');
    expect(vgg.featureLayer).toBe('block2_conv2');
    expect(vgg.note).toMatch(/asked to stop at block2_pool/);
    vgg.dispose();
  });

  it('fails clearly with no weights, no model.json, a truncated shard or an unknown layer', async () => {
    const dir = tempDir();
    writeModel(model, dir, ['group1-shard1of1']);
    await expect(loadVgg19(dir)).rejects.toThrow(/no VGG19 weights in .*group1-shard1of1 missing/);
    await expect(loadVgg19(tempDir())).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no VGG19 model.json/) });
    const damaged = tempDir();
    writeModel(model, damaged);
    truncateSync(join(damaged, 'group3-shard1of1'), 100);
    await expect(loadVgg19(damaged)).rejects.toThrow(/group 3 .* is damaged: group3-shard1of1 hold 100 bytes/);
    await expect(loadVgg19(damaged, { upTo: 'block9_conv1' })).rejects.toThrow(/no layer block9_conv1/);
    const notJson = tempDir();
    writeFileSync(join(notJson, 'model.json'), '{"modelTopology":');
    await expect(loadVgg19(notJson)).rejects.toThrow(/not valid JSON/);
  });
});

describe('loadVgg19 and memory', () => {
  it('creates no Variables and frees every tensor on dispose, including weights of layers it cut off', async () => {
    const dir = tempDir();
    writeModel(model, dir);
    const tensors = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().registeredVariables).length;
    const vgg = await loadVgg19(dir, { upTo: 'block2_conv1' }); // block2_conv2 shares its group
    expect(vgg.layers).toEqual(['block1_conv1', 'block1_conv2', 'block1_pool', 'block2_conv1']);
    expect(tf.memory().numTensors).toBe(tensors + 6);
    expect(Object.keys(tf.engine().registeredVariables).length).toBe(variables);
    vgg.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(() => vgg.features(tf.zeros([1, 8, 8, 3]))).toThrow(/disposed/);
  });
});
