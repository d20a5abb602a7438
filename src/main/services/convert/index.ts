/** Conversion: clips and photos through a style, as jobs; single frames and stills for previews. */
export {
  ConvertClipParams,
  sameConversion,
  sameSegments,
  workDirFor,
  type ConvertClipInput,
} from './convert-clip-params';
export {
  CONVERT_CLIP_KIND,
  convertClipRunner,
  type ConvertClipRunner,
  type ConvertClipRunnerOptions,
} from './convert-clip-runner';
export {
  CONVERT_PHOTOS_KIND,
  ConvertPhotosParams,
  convertPhotosRunner,
  type ConvertPhotosRunner,
} from './convert-photos-runner';
export { planConversion, type ConvertSegment, type FramePlan } from './convert-plan';
export { encodeSegment, SEGMENT_OFFSET_SECONDS, type SegmentTask } from './encode-segment';
export { videoEncoding, type VideoCodec, type VideoEncoding } from './encoding';
export { joinSegments, type JoinTask } from './join-segments';
export { concatListText, CONCAT_LIST_NAME } from './concat-list';
export { outputContainer, type OutputContainer } from './output-container';
export { segmentFileName, segmentFormatOf, segmentStartFileName, type SegmentFormat } from './segment-format';
export { neighbourFrameTime, type FrameDirection } from './neighbour-frame';
export { renderFrameAt, stillFormatOf, writeStill, type RenderedFrame, type StillFormat } from './render-frame';
export { isPhotoPath, MAX_PHOTO_PIXELS, MAX_STILL_PIXELS, PHOTO_EXTENSIONS, decodePhoto } from './decode-photo';
export { checkClipOutput, prepareOutputFolder, refuseOutput, sameFile } from './output-checks';
