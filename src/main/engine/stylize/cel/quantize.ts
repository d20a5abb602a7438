/**
 * Luma banding: luma is pulled to the middle of one of `levels` equal bands, with a tanh step between bands
 * (Winnemöller et al. 2006) so band edges are a pixel or two soft instead of aliased stairs. Chroma is left alone,
 * so a red shirt stays the same red in light and shade: that is what makes flat cel tones rather than posterized
 * RGB, where each channel jumps on its own and hues shift.
 */

/** How sharp the step between bands is, in band widths: the step is ~1/BAND_SHARPNESS of a band wide. */
const BAND_SHARPNESS = 8;

/** Banded luma for `l` in [0, 1] with `levels` bands (>= 2): the nearest band centre, softly. */
export function bandLuma(l: number, levels: number): number {
  const band = 1 / levels;
  // Nearest boundary between bands; above it the value rises to the upper band's centre, below it falls to the lower.
  const boundary = Math.min(levels - 1, Math.max(1, Math.round(l * levels))) * band;
  const banded = boundary + 0.5 * band * Math.tanh((BAND_SHARPNESS * (l - boundary)) / band);
  // Stretch band centres [band/2, 1 - band/2] halfway to [0, 1]: crisper lights and darks, yet a dim scene's
  // darkest band (most of its pixels) is not crushed to black.
  return (banded - 0.25 * band) / (1 - 0.5 * band);
}
