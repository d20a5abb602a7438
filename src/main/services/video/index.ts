/** Video: probing clips, streaming their frames through ffmpeg, and finding letterbox bars. */
export {
  ffmpegBinaries,
  ffmpegPath,
  ffprobePath,
  locateBinaries,
  type BinarySource,
  type FfmpegBinaries,
} from './ffmpeg-binaries';
export { probeClip, type AudioInfo, type ClipInfo, type VideoInfo } from './probe-clip';
export { extractFrames, type DecodedFrame } from './extract-frames';
export type { CropRect, ExtractOptions } from './frame-plan';
export { detectBars, sampleForBars, type RgbFrame } from './letterbox';
