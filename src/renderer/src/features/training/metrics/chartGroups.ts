import type { LossWeights, ModelInfo } from '@shared/training';
import type { SeriesKey } from './series';

/** One line family on a chart: a measure, its colour and which y axis it uses. */
export interface ChartSeries {
  key: SeriesKey;
  label: string;
  color: string;
  axis: 'left' | 'right';
  /** What the measure is, shown on hover over its latest value (the group's hint covers one-series charts). */
  hint?: string;
}

/** A chart of the dashboard: one loss term group, the totals, or image quality. */
export interface ChartGroup {
  id: string;
  title: string;
  hint: string;
  series: readonly ChartSeries[];
  /** The loss weight that scales this term, shown beside the title. */
  weight?: keyof LossWeights;
  /** Loss-term charts are shown only for models that train with the term. */
  term?: string;
}

const one = (key: SeriesKey, label: string, color: string): ChartSeries[] => [{ key, label, color, axis: 'left' }];

export const CHART_GROUPS: readonly ChartGroup[] = [
  { id: 'gTotal', title: 'Generator total', hint: 'Weighted sum the generator minimises', series: one('gTotal', 'G total', '#7c9cff') },
  { id: 'dTotal', title: 'Discriminator total', hint: 'Loss of the discriminator(s)', series: one('dTotal', 'D total', '#f0a35e') },
  { id: 'adv', title: 'Adversarial', hint: 'How well the output fools the discriminator', series: one('adv', 'adv', '#e57bd8'), weight: 'adv', term: 'adv' },
  { id: 'con', title: 'Content', hint: 'VGG feature distance to the input photo', series: one('con', 'con', '#5fc8d8'), weight: 'con', term: 'con' },
  { id: 'gra', title: 'Style (Gram)', hint: 'Gram-matrix distance to the style images (grayscale)', series: one('gra', 'gra', '#d28cff'), weight: 'gra', term: 'gra' },
  { id: 'col', title: 'Colour', hint: 'YUV colour distance to the input photo', series: one('col', 'col', '#e5b45b'), weight: 'col', term: 'col' },
  { id: 'tv', title: 'Total variation', hint: 'Smoothness of the output', series: one('tv', 'tv', '#4cc38a'), weight: 'tv', term: 'tv' },
  { id: 'cycle', title: 'Cycle consistency', hint: 'A→B→A reconstruction error', series: one('cycle', 'cycle', '#f06a6a'), weight: 'cycle', term: 'cycle' },
  {
    id: 'psnr',
    title: 'PSNR / SSIM',
    hint: 'Output against input: PSNR in dB (left axis), SSIM 0..1 (right axis)',
    series: [
      { key: 'psnr', label: 'PSNR dB', color: '#7c9cff', axis: 'left' },
      { key: 'ssim', label: 'SSIM', color: '#4cc38a', axis: 'right' },
    ],
  },
  {
    id: 'styleDist',
    title: 'Style distance / KID',
    hint:
      'Validation outputs against the style set; lower is closer to the style set. Style dist (left axis): Gram ' +
      'distance of grayscale VGG features; KID (right axis): Kernel Inception Distance on colour VGG features, ~0 ' +
      'when indistinguishable',
    series: [
      {
        key: 'styleDist',
        label: 'style dist',
        color: '#d28cff',
        axis: 'left',
        hint: 'Gram distance of grayscale VGG features to the style set; lower is closer to the style set',
      },
      {
        key: 'kid',
        label: 'KID (VGG)',
        color: '#f0a35e',
        axis: 'right',
        hint: 'Kernel Inception Distance on colour VGG features to the style set; lower is closer to the style set, ~0 indistinguishable',
      },
    ],
  },
];

/** The charts that apply to `model` (every chart while the models are unknown). */
export function groupsForModel(model: ModelInfo | undefined): ChartGroup[] {
  if (!model) return [...CHART_GROUPS];
  return CHART_GROUPS.filter((g) => !g.term || model.losses.includes(g.term) || (g.term === 'cycle' && model.cycle));
}
