/** Video: probing clips, streaming their frames through ffmpeg, finding letterbox bars, and feeding ffmpeg frames. */
export {
  ffmpegBinaries,
  ffmpegPath,
  ffprobePath,
  locateBinaries,
  packagedResourcesDir,
  type BinarySource,
  type FfmpegBinaries,
} from './ffmpeg-binaries';
export {
  listEncoders,
  probePacketTimes,
  startFfmpeg,
  type FfmpegExit,
  type FfmpegProcess,
  type FfmpegProcessSpec,
} from './ffmpeg-runner';
export { probeClip, type AudioInfo, type ClipInfo, type ColorInfo, type VideoInfo } from './probe-clip';
export { ClipProbes, type ProbeClip } from './clip-probes';
export { extractFrames, type DecodedFrame } from './extract-frames';
export { ffmpegSeconds, fitSize, type CropRect, type ExtractOptions } from './frame-plan';
export { detectBars, sampleForBars, type RgbFrame } from './letterbox';
export { MKV_TICK_NS, mkvFrameHeader, mkvRawHeader } from './mkv-raw-writer';
