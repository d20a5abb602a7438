/**
 * The model-store calls through the real host, as the window makes them: `models.import` of the animegan2-pytorch
 * fixture's .pt (trainable) and .onnx (conversion only), `models.list`, a taken name refused by the contract's
 * rules, and `train.start` from an ONNX-only import refused before any run exists.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { importTrainingSets } from '../../support/training-fixtures';

const fixture = sharedPath('weights/animegan2-pytorch-random-seed1');
let h: RecordedHost | undefined;
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
});

describe.skipIf(!fixture)('model store calls', () => {
  it('imports, lists, and refuses to train from what cannot train', { timeout: 120_000 }, async () => {
    h = await hostWithLibrary(join(tempDir(), 'L'));
    const pt = (await h.call('models.import', { path: join(fixture!, 'generator.pt'), name: 'port' }));
    expect(pt).toMatchObject({ name: 'port', source: 'animegan2-pytorch', model: 'animeganv2', width: 1, flavour: 'animegan2-pytorch', file: 'generator.pt' });
    expect(pt.sha256).toMatch(/^[0-9a-f]{64}$/);
    // What the convert page's picker fills in as the ONNX style's path.
    expect(pt.onnx).toBe(join(h.host.open().library.root, 'models', 'generators', 'port', 'generator.onnx'));
    expect(await h.call('convert.preview', { path: join(fixture!, 'input.png'), style: { kind: 'onnx', path: pt.onnx }, maxSize: 64 })).toMatchObject({
      engine: { kind: expect.stringMatching(/^onnxruntime-/) },
    });
    // The port's ONNX export: trainable too, its weights recovered from the graph.
    const onnx = (await h.call('models.import', { path: join(fixture!, 'generator.onnx'), name: 'port.onnx' }));
    expect(onnx).toMatchObject({ source: 'onnx', model: 'animeganv2', width: 1, flavour: 'animegan2-pytorch' });
    // Another architecture's ONNX: a style only.
    const v3 = (await h.call('models.import', { path: sharedPath('weights/AnimeGANv3_tiny_Cute.onnx')!, name: 'v3' }));
    expect(v3).toMatchObject({ source: 'onnx', model: null, width: null, flavour: null });
    expect(((await h.call('models.list', {}))).map((m) => m.name)).toEqual(['port', 'port.onnx', 'v3']);
    await expect(h.call('models.import', { path: join(fixture!, 'generator.onnx'), name: 'port' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(h.call('models.import', { path: join(fixture!, 'generator.onnx'), name: '../up' })).rejects.toMatchObject({ code: 'VALIDATION' });

    const { style, content } = await importTrainingSets(h.host, 2);
    const config = { model: 'animeganv2', preset: 'hayao', size: 32, steps: 2, width: 1, startFrom: { kind: 'imported', name: 'v3' } } as const;
    await expect(h.call('train.start', { styleSetId: style.id, contentSetId: content.id, config })).rejects.toThrow(
      /"v3" is an ONNX generator the studio cannot train/,
    );
    await expect(
      h.call('train.start', { styleSetId: style.id, contentSetId: content.id, config: { ...config, width: 0.5, startFrom: { kind: 'imported', name: 'port' } } }),
    ).rejects.toThrow('imported model "port" has width 1: set the width to 1 to start from it');
    expect(await h.call('runs.list', {})).toEqual([]);
  });
});
