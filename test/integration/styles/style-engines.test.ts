/**
 * loadStyle runs each engine in a stylize worker thread when it has the built worker, in this thread when told
 * not to (or when running from sources, where there is none), and checks a style's file before any thread starts.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StyleChoice } from '@shared/convert';
import { runningStylizeWorkers } from '../../../src/main/engine/stylize/threaded-engine';
import type { OpenLibrary } from '../../../src/main/services/studio/open-library';
import { builtStylizeWorker, loadStyle } from '../../../src/main/services/styles/style-engines';
import { assertBuilt, REPO_DIR } from '../../support/cli';

const WORKER = resolve(REPO_DIR, 'out/main/stylize-worker.js');
const noLibrary = (): OpenLibrary => {
  throw new Error('no library needed for these styles');
};
const builtin: StyleChoice = { kind: 'builtin', options: { levels: 5, edgeStrength: 0.9, smoothing: 1 } };
const pixels = new Float32Array([0.2, -0.4, 0.9, 0.1, 0.5, -0.7]);

describe('loadStyle', () => {
  it('runs the engine in a worker thread given the built stylize worker, and in this thread given false', async () => {
    assertBuilt();
    const before = runningStylizeWorkers();
    const threaded = await loadStyle(builtin, noLibrary, { stylizeWorker: WORKER });
    const here = await loadStyle(builtin, noLibrary, { stylizeWorker: false });
    try {
      expect(runningStylizeWorkers()).toBe(before + 1);
      expect(threaded.choice).toEqual(here.choice);
      expect(await threaded.engine.stylize(pixels, 1, 1, 2)).toEqual(await here.engine.stylize(pixels, 1, 1, 2));
    } finally {
      await Promise.all([threaded.engine.dispose(), here.engine.dispose()]);
    }
    expect(runningStylizeWorkers()).toBe(before);
  });

  it('runs engines in this thread when running from sources (no built worker beside this module)', () => {
    expect(builtStylizeWorker()).toBeUndefined();
  });

  it('names a missing ONNX file before starting a worker', async () => {
    const before = runningStylizeWorkers();
    const missing = resolve(REPO_DIR, 'no-such-model.onnx');
    await expect(loadStyle({ kind: 'onnx', path: missing }, noLibrary, { stylizeWorker: WORKER })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: `${missing} does not exist`,
      field: 'style.path',
    });
    expect(runningStylizeWorkers()).toBe(before);
  });
});
