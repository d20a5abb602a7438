/**
 * The frozen VGG19 the perceptual losses read: loaded from the tfjs layers-format shards present (a partial folder
 * gives a shorter network and says so), and downloaded resumably where the machine is connected.
 */
export { loadVgg19, type LoadVgg19Options } from './load-vgg19';
export { CONTENT_LAYER, type FeatureOptions, type Vgg19 } from './vgg19';
export { caffePreprocess, CAFFE_BGR_MEAN } from './caffe-preprocess';
export {
  downloadVgg19,
  DEFAULT_VGG19_URL,
  type DownloadVgg19Options,
  type DownloadVgg19Result,
} from './download-vgg19';
export { DownloadError, type DownloadFailure } from '../download/download-error';
