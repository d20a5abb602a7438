/** ONNX export of the studio's generators: the public face of this folder. */
export { OnnxExportError } from './errors';
export {
  exportGeneratorOnnx,
  ONNX_IMAGE_DIMS,
  ONNX_INPUT,
  ONNX_METADATA_KEYS,
  ONNX_OUTPUT,
  type OnnxExport,
  type OnnxExportOptions,
} from './export';
export { OPSET } from './graph';
