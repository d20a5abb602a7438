/**
 * Training presets. AnimeGANv2's three come from its training code's per-dataset weights; Kalin & Akniyet's
 * and LWComicGAN's from their papers (cited in @shared/papers).
 */
import { citeShort } from '@shared/papers';
import type { LossWeights, PresetInfo, PresetName, TrainConfig } from '@shared/training';

const ANIMEGANV2 = `${citeShort('animeganv2')}, its train.py defaults for this style: init 1 epoch at 2e-4, G 2e-5, D 4e-5`;

function w(adv: number, con: number, gra: number, col: number, tv: number): LossWeights {
  return { adv, con, gra, col, tv, cycle: 10 };
}

export const PRESETS: readonly PresetInfo[] = [
  { name: 'hayao', title: 'AnimeGANv2 Hayao', weights: w(300, 1.5, 2.5, 15, 1), initEpochs: 1, initLr: 2e-4, lrG: 2e-5, lrD: 4e-5, batch: 4, source: ANIMEGANV2, paperId: 'animeganv2' },
  { name: 'shinkai', title: 'AnimeGANv2 Shinkai', weights: w(300, 1.2, 2.0, 10, 1), initEpochs: 1, initLr: 2e-4, lrG: 2e-5, lrD: 4e-5, batch: 4, source: ANIMEGANV2, paperId: 'animeganv2' },
  { name: 'paprika', title: 'AnimeGANv2 Paprika', weights: w(300, 2.0, 0.6, 50, 0.1), initEpochs: 1, initLr: 2e-4, lrG: 2e-5, lrD: 4e-5, batch: 4, source: ANIMEGANV2, paperId: 'animeganv2' },
  {
    name: 'kalin-akniyet',
    title: 'Kalin & Akniyet',
    // The paper fixes w_adv 300 and w_col 10 and keeps AnimeGAN's content and style weights.
    weights: w(300, 1.5, 3.0, 10, 1),
    initEpochs: 1,
    initLr: 1e-4,
    lrG: 8e-5,
    lrD: 1.6e-4,
    batch: 4,
    source: `${citeShort('kalin-akniyet')}: 1 init epoch at 1e-4, G 8e-5, D 1.6e-4, batch 4`,
    paperId: 'kalin-akniyet',
  },
  {
    name: 'lwcomic',
    title: 'LWComicGAN',
    weights: w(350, 2.5, 12.5, 15, 1),
    initEpochs: 1,
    initLr: 2e-4,
    lrG: 2e-5,
    lrD: 4e-5,
    batch: 4,
    source: `${citeShort('lwcomicgan')}: alpha 350 (gan), beta 2.5 (con), gamma 12.5 (gra), omega 15 (col)`,
    paperId: 'lwcomicgan',
  },
];

/** The preset called `name`. */
export function getPreset(name: PresetName): PresetInfo {
  const p = PRESETS.find((x) => x.name === name);
  if (!p) throw new Error(`unknown preset ${name}`);
  return p;
}

/** The loss weights a run of `config` starts with: its preset's, with the config's overrides. */
export function startingWeights(config: Pick<TrainConfig, 'preset' | 'weights'>): LossWeights {
  return { ...getPreset(config.preset).weights, ...(config.weights ?? {}) };
}
