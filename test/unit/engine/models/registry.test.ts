import { beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../src/shared/errors';
import { PaperId } from '../../../../src/shared/papers';
import { DEFAULT_MODEL, FULL_WIDTH_PARAMS, fullWidthParams, getModel, listModels, measureParams } from '../../../../src/main/engine/models/registry';
import { useCpuBackend } from './model-suite';

describe('model registry', () => {
  beforeAll(useCpuBackend);

  it('lists the four models, AnimeGANv2 (the default) first', () => {
    expect(listModels().map((m) => m.name)).toEqual(['animeganv2', 'lwcomic', 'resnet-cbam', 'unet-cycle']);
    expect(listModels()[0]?.name).toBe(DEFAULT_MODEL);
  });

  it('finds a model by name', () => {
    expect(getModel('lwcomic').title).toBe('LWComicGAN');
  });

  it('rejects an unknown name with a BAD_INPUT error that lists the valid names', () => {
    expect(() => getModel('cartoongan')).toThrow(StudioError);
    expect(() => getModel('cartoongan')).toThrow(
      'unknown model "cartoongan"; the models are animeganv2, lwcomic, resnet-cbam, unet-cycle',
    );
    expect(() => fullWidthParams('nope')).toThrow(/animeganv2, lwcomic/);
  });

  it('declares what each model trains with and shows', () => {
    for (const m of listModels()) {
      expect(m.losses, m.name).toContain('adv');
      expect(m.previews.slice(0, 2), m.name).toEqual(['input', 'output']);
      expect(m.cycle, m.name).toBe(m.losses.includes('cycle'));
      expect(m.previews.includes('cycle'), m.name).toBe(m.cycle);
      expect(Number.isInteger(m.sizeMultiple) && m.sizeMultiple >= 4, m.name).toBe(true);
      expect(PaperId.options, m.name).toContain(m.paper);
    }
    expect(getModel('animeganv2').losses).toEqual(['adv', 'con', 'gra', 'col', 'tv']);
  });

  // One full-width build per model, so the CLI and UI can show sizes without building 30M parameters.
  it.each(listModels().map((m) => [m.name, m] as const))(
    '%s: the cached full-width counts match a real build',
    (name, spec) => {
      expect(measureParams(spec, 1)).toEqual(FULL_WIDTH_PARAMS[name]);
      expect(fullWidthParams(name)).toEqual(FULL_WIDTH_PARAMS[name]);
    },
  );

  it('gives AnimeGANv2 the official generator size, 2,143,552', () => {
    expect(fullWidthParams('animeganv2').generator).toBe(2_143_552);
  });
});
