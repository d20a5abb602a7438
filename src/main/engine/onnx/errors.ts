/** Why a network could not be exported, in words a user can act on. */
import { StudioError } from '@shared/errors';

/** A network the ONNX exporter cannot write (not built by the model files, or not a generator). */
export class OnnxExportError extends StudioError {
  constructor(message: string) {
    super('BAD_INPUT', message);
    this.name = 'OnnxExportError';
  }
}
