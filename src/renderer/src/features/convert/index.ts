/**
 * Convert (video) area, and the pieces the Stills area shares with it: the style picker, the preview with its
 * before/after compare, the still export and the conversion queue.
 */
import './convert.css';

export { ConvertPage } from './ConvertPage';
export { ConversionQueue } from './jobs/ConversionQueue';
export { LibraryNotice } from './LibraryNotice';
export { defaultFolderOutput, defaultImageOutput } from './paths';
export { PreviewStage } from './preview/PreviewStage';
export { useFramePreview, type FramePreviewState, type PreviewRequest } from './preview/useFramePreview';
export { StillExport } from './StillExport';
export { StylePanel } from './style/StylePanel';
export { type ResolvedStyle } from './style/styleForm';
export { usePageStyle } from './style/usePageStyle';
