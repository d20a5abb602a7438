import type { KeyboardEvent } from 'react';
import { Button } from '../../../components/ui';
import { formatSourceTime } from '../../../lib/format';
import { clampTime, frameIndex, lastFrameTime } from './frames';

/** What frame stepping reads of a key event: React's or the DOM's. */
export interface FrameKey {
  key: string;
  shiftKey: boolean;
  preventDefault(): void;
}

/** Keys that move the position, in frames (seconds-based keys are converted at the clip's rate). */
function keyDelta(e: FrameKey, fps: number): number | null {
  const second = Math.max(1, Math.round(fps));
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return e.shiftKey ? -second : -1;
    case 'ArrowRight':
    case 'ArrowUp':
      return e.shiftKey ? second : 1;
    case 'PageDown':
      return -10 * second;
    case 'PageUp':
      return 10 * second;
    default:
      return null;
  }
}

/** Handles ←/→ (one frame; Shift: one second) for any element around the scrubber; true when it moved. */
export function handleFrameKeys(e: FrameKey, fps: number, onStep: (frames: number) => void): boolean {
  const delta = keyDelta(e, fps);
  if (delta === null) return false;
  e.preventDefault();
  onStep(delta);
  return true;
}

/**
 * Position in a clip: a range over its length (dragging asks for previews as it goes), ±1 frame buttons, and
 * ←/→ for a frame (Shift: a second, PageUp/PageDown: ten), Home/End for the ends.
 */
export function Scrubber({
  time,
  durationSeconds,
  fps,
  onChange,
  onStep,
  disabled,
}: {
  time: number;
  durationSeconds: number;
  fps: number;
  onChange: (seconds: number) => void;
  /** Moves by whole frames (see useFrameStep). */
  onStep: (frames: number) => void;
  disabled?: boolean;
}) {
  const last = lastFrameTime(durationSeconds, fps);
  const frame = frameIndex(time, fps);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      onChange(e.key === 'Home' ? 0 : last);
      return;
    }
    handleFrameKeys(e, fps, onStep);
  };

  return (
    <div className="scrubber">
      <Button
        variant="ghost"
        className="btn-icon"
        aria-label="Previous frame"
        title="Previous frame (←)"
        disabled={disabled || time <= 0}
        onClick={() => onStep(-1)}
        data-testid="frame-prev"
      >
        ‹
      </Button>
      <input
        type="range"
        className="scrubber-range"
        min={0}
        max={last}
        step="any"
        value={Math.min(time, last)}
        disabled={disabled}
        aria-label="Scrubber"
        aria-valuetext={`${formatSourceTime(time)}, frame ${frame.toLocaleString('en-US')}`}
        onChange={(e) => onChange(clampTime(Number(e.target.value), durationSeconds, fps))}
        onKeyDown={onKey}
        data-testid="scrubber"
        data-time={time}
      />
      <Button
        variant="ghost"
        className="btn-icon"
        aria-label="Next frame"
        title="Next frame (→)"
        disabled={disabled || time >= last}
        onClick={() => onStep(1)}
        data-testid="frame-next"
      >
        ›
      </Button>
      <span className="scrubber-time num mono" data-testid="scrubber-time" aria-live="off">
        {formatSourceTime(time)} / {formatSourceTime(durationSeconds)}
        <span className="muted"> · frame {frame.toLocaleString('en-US')}</span>
      </span>
    </div>
  );
}
