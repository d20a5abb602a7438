/**
 * What a conversion's input and style are when it starts, so a resume can tell they are still the same: the
 * clip's size and modification time, an ONNX file's likewise, a run's checkpoint step (a run that trained on
 * would style the rest of the clip differently).
 */
import { stat } from 'node:fs/promises';
import type { StyleChoice } from '@shared/convert';
import type { OpenLibrary } from '../studio/open-library';

async function fileStamp(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  return info ? `${info.size} bytes, modified ${new Date(info.mtimeMs).toISOString()}` : 'missing';
}

/** The pin of `input` converted with `style`. */
export async function conversionPin(input: string, style: StyleChoice, open: () => OpenLibrary): Promise<{ input: string; style: string }> {
  const styleStamp =
    style.kind === 'builtin'
      ? 'built-in'
      : style.kind === 'onnx'
        ? `${style.path}: ${await fileStamp(style.path)}`
        : `run ${style.runId} at checkpoint ${open().runs.summary(style.runId).lastCheckpointStep ?? 'none'}`;
  return { input: await fileStamp(input), style: styleStamp };
}
