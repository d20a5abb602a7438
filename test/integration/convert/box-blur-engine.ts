/**
 * A small real StyleEngine for the conversion tests: a 3x3 box blur (edges clamped) on the [-1, 1] NHWC batch.
 * It counts its calls so tests can tell whether frames were stylized again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { StyleEngine } from '../../../src/main/engine/stylize/style-engine';
import { boxBlur, clampToEdge } from '../../support/box-blur';

/** The engine plus how many frames it has stylized. */
export type CountingEngine = StyleEngine & { frames: number };

/**
 * A 3x3 box-blur engine; with `delayMs`, each call answers that much later on the event loop (as a worker thread
 * or a GPU queue would), which also leaves time to act in the middle of a segment.
 */
export function boxBlurEngine(delayMs = 0): CountingEngine {
  const engine: CountingEngine = {
    label: '3x3 box blur (test)',
    kind: 'builtin',
    sizeMultiple: 1,
    contextPixels: 1,
    flopsPerPixel: 27,
    frames: 0,
    async stylize(x, n, height, width) {
      if (delayMs > 0) await sleep(delayMs);
      engine.frames += n;
      return boxBlur(x, n, height, width, 1, clampToEdge);
    },
    async dispose() {},
  };
  return engine;
}

/** `engine`, except that its `n`-th stylize call (counting from 1) throws `error`; the calls after it work again. */
export function failingOnCall(engine: StyleEngine, n: number, error: Error): StyleEngine {
  let calls = 0;
  return {
    ...engine,
    stylize: async (...args) => {
      if (++calls === n) throw error;
      return engine.stylize(...args);
    },
  };
}
