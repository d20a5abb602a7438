import { formatScore } from '../../../lib/format';

/** What the ≈ badge of a cell means, on hover and for screen readers. */
export function clusterTitle(cluster: number, best: boolean): string {
  return best
    ? `Near-duplicate group ${cluster}; ★ this is its sharpest frame, the one “Reject duplicates” keeps`
    : `Near-duplicate group ${cluster}: items with this number look almost the same; the sharpest (★) is kept`;
}

/** What the ◆ figure of a cell means. */
export function sharpnessTitle(sharpness: number): string {
  return `Sharpness ${formatScore(sharpness, 0)} (variance of the Laplacian): higher is crisper; compare within a set`;
}

export const UNSCORED_TITLE = 'Not scored yet: sharpness, brightness and contrast appear once analysis has run';

/** The badges of the curation grid, for its legend. */
export const BADGE_LEGEND: readonly { badge: string; meaning: string }[] = [
  { badge: '◆ 1,105', meaning: 'sharpness (variance of the Laplacian); higher is crisper' },
  { badge: '≈2', meaning: 'near-duplicate group 2 at the current duplicate distance' },
  { badge: '★', meaning: 'the sharpest of its group, the one “Reject duplicates” keeps' },
];
