import { useCallback, useRef } from 'react';
import type { ClipSummary } from '@shared/convert';
import { useStudio } from '../../../transport';
import { stepFrames } from './frames';

/**
 * Moving the preview by whole frames. On a clip whose frames are evenly spaced a frame is 1/fps; on a
 * variable-rate clip a single step asks the services for the exact time of the next or previous frame
 * (`convert.frameTime`), since 1/fps would skip or repeat frames there. Longer jumps (a second, ten) use the
 * average rate either way. While a step is being looked up, further single steps wait for it (holding a key steps
 * as fast as the answers come).
 */
export function useFrameStep(clip: ClipSummary | null, time: number, setTime: (seconds: number) => void): (delta: number) => void {
  const api = useStudio();
  const inFlight = useRef(false);
  return useCallback(
    (delta: number) => {
      if (!clip || delta === 0) return;
      const byRate = (): void => setTime(stepFrames(time, delta, clip.durationSeconds, clip.fps));
      if (!clip.variableFrameRate || Math.abs(delta) !== 1) {
        byRate();
        return;
      }
      if (inFlight.current) return;
      inFlight.current = true;
      const direction = delta > 0 ? 'next' : 'previous';
      api.call('convert.frameTime', { path: clip.path, timeSeconds: time, direction }).then(
        (found) => setTime(Math.round(found.timeSeconds * 1e6) / 1e6),
        // The preview of that time will say what went wrong with the clip; the step still moves.
        byRate,
      ).finally(() => {
        inFlight.current = false;
      });
    },
    [api, clip, time, setTime],
  );
}
