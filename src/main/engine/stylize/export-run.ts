/**
 * Writes a training run's generator, at its newest checkpoint, as an ONNX file other tools (and the studio's
 * own ONNX import) can run. The file appears complete under its name or not at all.
 */
import { writeFileAtomic } from '../files/write-atomic';
import { exportGeneratorOnnx } from '../onnx';
import { loadGeneratorFromCheckpoint } from './tfjs-generator';

/** What was written. */
export interface ExportedRunFile {
  path: string;
  bytes: number;
  model: string;
  width: number;
  step: number;
  flopsPerPixel: number;
}

/**
 * Exports the generator in `checkpointDir` to `output` (NHWC float32 [N,H,W,3] in [-1,1] -> same), with the run's
 * name and step in the model's metadata.
 */
export async function exportRunToOnnx(checkpointDir: string, output: string, runName: string): Promise<ExportedRunFile> {
  const loaded = await loadGeneratorFromCheckpoint(checkpointDir);
  try {
    const { bytes, flopsPerPixel } = await exportGeneratorOnnx(loaded.spec, loaded.generator, {
      graphName: `${loaded.spec.name} ${runName}`,
      metadata: { 'cel-studio.run': runName, 'cel-studio.step': String(loaded.step) },
    });
    await writeFileAtomic(output, bytes);
    return { path: output, bytes: bytes.length, model: loaded.spec.name, width: loaded.width, step: loaded.step, flopsPerPixel };
  } finally {
    loaded.generator.dispose();
  }
}
