import { describe, expect, it } from 'vitest';
import { citeFull, citeShort, getPaper, PAPERS, PaperId, shortAuthors } from '@shared/papers';
import { PRESETS } from '../../../src/main/engine/training/presets';
import { listModels } from '../../../src/main/engine/models/registry';

describe('papers', () => {
  it('cites each paper by authors, title and year, never by a file name', () => {
    expect(citeShort('animeganv2')).toBe('Chen, Liu & Chen, “AnimeGANv2” (2020)');
    expect(citeShort('lwcomicgan')).toBe('Yang et al., “LWComicGAN”');
    expect(citeShort('sang-xu-2022')).toBe('Sang & Xu, “Creative Animation Driven by Deep Learning” (2022)');
    expect(shortAuthors(getPaper('tan-2024'))).toBe('Tan');
    expect(citeFull('tan-2024')).toBe(
      'Xiaojun Tan, “AI Digital Anime Style Generation Algorithm Based on Adversarial Generative Network”, ICCSIE, ACM, 2024. ' +
        'https://doi.org/10.1145/3689236.3689257',
    );
    expect(citeFull('kalin-akniyet')).toBe('Arlan Kalin, Talgatkyzy Akniyet, “Anime Style Transfer using GAN Model”, UNIST');
    for (const id of PaperId.options) {
      const p = PAPERS[id];
      expect(p.id).toBe(id);
      expect(citeFull(id)).not.toMatch(/seeds\/|_[0-9a-f]{16}\.txt/);
      if (p.url !== null) expect(p.url, id).toMatch(/^https:\/\//);
    }
  });

  it('is what the models and presets cite', () => {
    for (const m of listModels()) expect(PaperId.options, m.name).toContain(m.paper);
    for (const p of PRESETS) {
      expect(p.source, p.name).toContain(citeShort(p.paperId));
      expect(p.source, p.name).not.toMatch(/seeds\//);
    }
  });
});
