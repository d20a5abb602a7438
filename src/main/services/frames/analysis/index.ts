/**
 * Per-frame measures for building style sets (brightness, contrast, sharpness, perceptual hashes and near-duplicate
 * clusters) and AnimeGANv2's edge-smoothing preprocessing. Plain TypeScript on typed arrays: no Node or Electron
 * imports, so everything here also runs in a worker. Images are row-major; RGB is 3 interleaved bytes per pixel.
 */
export { grayscale } from './grayscale';
export { laplacianVariance } from './laplacian';
export {
  lumaStats,
  classifyExposure,
  DARK_MEAN_MAX,
  BRIGHT_MEAN_MIN,
  FLAT_STD_MAX,
  CROP_FLAT_STD_MAX,
  type LumaStats,
  type ExposureFlag,
  type ExposureThresholds,
} from './luma-stats';
export { resizeArea } from './resize-area';
export { pHash, hammingDistance, hashToHex, hexToHash, lowFrequencyDct } from './phash';
export { clusterNearDuplicates, pickBestPerCluster } from './near-duplicates';
export { sobel3 } from './sobel';
export { cannyEdges } from './canny';
export { dilate } from './dilate';
export { edgeSmooth, blurWhere, EDGE_SMOOTH_CANNY_LOW, EDGE_SMOOTH_CANNY_HIGH, EDGE_SMOOTH_DILATE_SIZE } from './edge-smooth';
export { cropRects, centerCrop, mulberry32, type CropRect, type CropPlan } from './crops';
