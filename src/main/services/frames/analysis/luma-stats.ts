/**
 * Brightness and contrast of a frame, and the flags that mark frames a style set should not learn from: black or
 * white frames (cuts, fades, flashes) and frames with almost no contrast (title cards, solid fills, mid-fade).
 */

/** Mean and population standard deviation of luma, both 0..255 (cv2.meanStdDev on the gray image). */
export interface LumaStats {
  mean: number;
  std: number;
}

/**
 * A frame is 'dark' below this mean luma (6% of full range). ffmpeg's blackdetect counts a pixel as black below 10%
 * (25.5); a frame that averages under 16 is nearly all such pixels: a black frame (near 0) or the tail of a fade.
 * 20 was the other candidate; 16 keeps every photo of the 118 in shared/corpus/photos, whose darkest (the Hubble deep
 * field, a star field that is real content) averages 19.3, and whose night and dusk shots sit at 37-56.
 */
export const DARK_MEAN_MAX = 16;

/** A frame is 'bright' above this mean luma: the mirror of DARK_MEAN_MAX (255 - 16), for white flashes and fades to white. */
export const BRIGHT_MEAN_MIN = 239;

/**
 * A frame is 'flat' below this luma standard deviation. Encoder noise on a solid fill measures 1-3, and a frame in the
 * middle of a fade falls under 10 once it keeps less than about a fifth of a normal frame's contrast (40-70).
 * pytorch-animeGAN drops training crops with std <= 25 (CROP_FLAT_STD_MAX), but that is for 256x256 crops that show one
 * wall or sky; on whole frames 25 would reject real content: in shared/corpus/photos a wood texture measures 11.6, a
 * hazy landscape 21.5 and a star field 24.9.
 */
export const FLAT_STD_MAX = 10;

/** pytorch-animeGAN's rule for a 256x256 training crop (script/video_to_images.py keeps a crop only when np.std > 25). */
export const CROP_FLAT_STD_MAX = 25;

/** Why a frame is unfit to train on; an empty list means it passed. */
export type ExposureFlag = 'dark' | 'bright' | 'flat';

/** Limits classifyExposure applies; each defaults to the exported constant of the same meaning. */
export interface ExposureThresholds {
  darkMeanMax: number;
  brightMeanMin: number;
  flatStdMax: number;
}

const DEFAULT_THRESHOLDS: ExposureThresholds = {
  darkMeanMax: DARK_MEAN_MAX,
  brightMeanMin: BRIGHT_MEAN_MIN,
  flatStdMax: FLAT_STD_MAX,
};

/** Mean and std of luma. gray: Uint8Array of any length (width*height, row-major or not: order does not matter). */
export function lumaStats(gray: Uint8Array): LumaStats {
  const n = gray.length;
  if (n === 0) return { mean: 0, std: 0 };
  // A histogram keeps every sum an exact integer, and is faster than squaring each pixel.
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i++) hist[gray[i]!]!++;
  let sum = 0;
  let sumSq = 0;
  for (let v = 1; v < 256; v++) {
    const c = hist[v]!;
    sum += c * v;
    sumSq += c * v * v;
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

/** Flags for a frame's luma stats: 'dark' (mean < darkMeanMax), 'bright' (mean > brightMeanMin), 'flat' (std < flatStdMax). */
export function classifyExposure(stats: LumaStats, thresholds: Partial<ExposureThresholds> = {}): ExposureFlag[] {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const flags: ExposureFlag[] = [];
  if (stats.mean < t.darkMeanMax) flags.push('dark');
  if (stats.mean > t.brightMeanMin) flags.push('bright');
  if (stats.std < t.flatStdMax) flags.push('flat');
  return flags;
}
