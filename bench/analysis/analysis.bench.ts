/**
 * Speed of the per-frame measures at 640x360 and 1280x720, and of near-duplicate clustering on 10,000 hashes.
 * The frame is synthetic but cel-like (flat colour regions with hard outlines over a soft gradient, plus grain), so
 * that Canny, hysteresis and edge smoothing do realistic amounts of work; no files are read.
 * Export for the bench runner: benchAnalysis() → rows of { name, size, msPerFrame, framesPerSecond }.
 */
import {
  cannyEdges,
  clusterNearDuplicates,
  dilate,
  edgeSmooth,
  grayscale,
  laplacianVariance,
  lumaStats,
  mulberry32,
  pHash,
} from '../../src/main/services/frames/analysis';

/** One timing: `msPerFrame` is the median over the timed runs (for clustering, per call on all hashes). */
export interface Row {
  name: string;
  size: string;
  msPerFrame: number;
  framesPerSecond: number;
}

const SIZES: [number, number][] = [
  [640, 360],
  [1280, 720],
];

/** A cel-like RGB24 frame: Uint8Array of width*height*3, interleaved, row-major. */
function celFrame(width: number, height: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      rgb[i] = 60 + (120 * y) / height;
      rgb[i + 1] = 90 + (80 * x) / width;
      rgb[i + 2] = 170;
    }
  }
  // Discs of flat colour with a dark 2-pixel outline, the shapes cels are made of.
  for (let k = 0; k < 40; k++) {
    const cx = random() * width;
    const cy = random() * height;
    const r = (0.03 + random() * 0.12) * height;
    const colour = [random() * 255, random() * 255, random() * 255];
    for (let y = Math.max(0, Math.floor(cy - r - 2)); y < Math.min(height, cy + r + 2); y++) {
      for (let x = Math.max(0, Math.floor(cx - r - 2)); x < Math.min(width, cx + r + 2); x++) {
        const d = Math.hypot(x - cx, y - cy);
        if (d <= r + 2) rgb.set(d > r ? [20, 20, 30] : colour, (y * width + x) * 3);
      }
    }
  }
  for (let i = 0; i < rgb.length; i++) rgb[i] = Math.min(255, Math.max(0, rgb[i]! + Math.floor(random() * 7) - 3));
  return rgb;
}

/** Median milliseconds per call of `run`, after a warm-up, over at least `minRuns` calls and `minMs` milliseconds; the
 * median rather than the mean, so that a busy machine's stalls and garbage collections do not skew a row. */
function time(run: () => unknown, minRuns = 9, minMs = 400): number {
  for (let i = 0; i < 3; i++) run();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

function row(name: string, size: string, ms: number): Row {
  return { name, size, msPerFrame: Math.round(ms * 1000) / 1000, framesPerSecond: Math.round((1000 / ms) * 10) / 10 };
}

/** Times every measure at 640x360 and 1280x720, then clustering of 10,000 hashes at distance 10. */
export async function benchAnalysis(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [w, h] of SIZES) {
    const size = `${w}x${h}`;
    const rgb = celFrame(w, h, 1);
    const gray = grayscale(rgb, w, h);
    const edges = cannyEdges(gray, w, h);
    rows.push(row('grayscale', size, time(() => grayscale(rgb, w, h))));
    rows.push(row('lumaStats', size, time(() => lumaStats(gray))));
    rows.push(row('laplacianVariance', size, time(() => laplacianVariance(gray, w, h))));
    rows.push(row('pHash', size, time(() => pHash(gray, w, h))));
    rows.push(row('cannyEdges', size, time(() => cannyEdges(gray, w, h))));
    rows.push(row('dilate 5x5', size, time(() => dilate(edges, w, h, 5))));
    rows.push(row('edgeSmooth', size, time(() => edgeSmooth(rgb, w, h))));
    rows.push(
      row('all frame measures (gray, stats, sharpness, hash)', size, time(() => {
        const g = grayscale(rgb, w, h);
        return [lumaStats(g), laplacianVariance(g, w, h), pHash(g, w, h)];
      })),
    );
    // Let the event loop breathe between sizes so a runner can report progress.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const random = mulberry32(2);
  const u32 = (): bigint => BigInt(Math.floor(random() * 2 ** 32));
  const hashes = Array.from({ length: 10_000 }, () => (u32() << 32n) | u32());
  rows.push(row('clusterNearDuplicates (distance 10)', '10000 hashes', time(() => clusterNearDuplicates(hashes, 10), 3, 1000)));
  return rows;
}
