import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatWeight } from '../format';
import {
  DRAG_PRECISION,
  formatWeightExact,
  dragFraction,
  fractionToWeight,
  stepWeight,
  weightToFraction,
  type StepSize,
  type WeightRange,
} from './weightScale';

const KEYS: Record<string, { direction: 1 | -1; size?: StepSize; end?: 'lo' | 'hi' }> = {
  ArrowRight: { direction: 1 },
  ArrowUp: { direction: 1 },
  ArrowLeft: { direction: -1 },
  ArrowDown: { direction: -1 },
  PageUp: { direction: 1, size: 'coarse' },
  PageDown: { direction: -1, size: 'coarse' },
  Home: { direction: -1, end: 'lo' },
  End: { direction: 1, end: 'hi' },
};

interface Drag {
  pointerId: number;
  /** The weight when the drag began, for Escape. */
  startValue: number;
  width: number;
  /** Where the track position was, and the pointer, when the drag (or its last Shift change) began. */
  anchorX: number;
  anchorFraction: number;
  fraction: number;
  fine: boolean;
  /** The track as the drag began: it does not move under the pointer. */
  range: WeightRange;
}

/** An end's number gives way to the preset's when the preset sits this close to it (a fraction of the track). */
const END_CLEARANCE = 0.27;

export const TRACK_HELP =
  'Drag, or click to jump; hold Shift to drag 10× finer. ←/→ step 1 % (Shift 0.1 %), Page Up/Down 10 %, Home/End go to the ends, Esc undoes a drag. Double-click the knob for the preset.';

/**
 * A log-scale slider over `range` with a tick at the preset. Pointer drags are relative once begun, so Shift can
 * switch to fine dragging mid-drag without the knob jumping; a click on the track (not the knob) jumps there first.
 */
export function WeightTrack({
  value,
  range,
  preset,
  disabled,
  labelId,
  testId,
  onChange,
}: {
  value: number;
  range: WeightRange;
  /** The preset's weight, marked on the track; null when unknown. */
  preset: number | null;
  disabled: boolean;
  labelId: string;
  testId: string;
  onChange: (value: number) => void;
}) {
  const rail = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  // Pointer capture makes the track, not the knob, the target of the clicks that follow a press.
  const pressedKnob = useRef(false);
  const [dragging, setDragging] = useState<'normal' | 'fine' | null>(null);

  const fraction = weightToFraction(range, value);
  const presetFraction = preset !== null && preset > 0 ? weightToFraction(range, preset) : null;
  const presetShown = presetFraction !== null && preset! >= range.lo && preset! <= range.hi;
  // The fill runs from the preset to the value, so how far the run is steered from it shows at a glance.
  const from = presetShown ? presetFraction : 0;
  const fillLeft = Math.min(from, fraction);
  const fillWidth = Math.abs(fraction - from);

  const emit = (next: number) => {
    if (next !== value) onChange(next);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (disabled || e.button !== 0 || !rail.current) return;
    e.preventDefault();
    e.currentTarget.focus();
    e.currentTarget.setPointerCapture(e.pointerId);
    const box = rail.current.getBoundingClientRect();
    const onKnob = (e.target as HTMLElement).classList.contains('weight-thumb');
    pressedKnob.current = onKnob;
    let start = fraction;
    // A plain click on the track jumps there; on the knob, or with Shift, the value moves only as the pointer does.
    if (!onKnob && !e.shiftKey && box.width > 0) {
      start = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
      emit(fractionToWeight(range, start, DRAG_PRECISION.normal));
    }
    drag.current = {
      pointerId: e.pointerId,
      startValue: value,
      width: box.width,
      anchorX: e.clientX,
      anchorFraction: start,
      fraction: start,
      fine: e.shiftKey,
      range,
    };
    setDragging(e.shiftKey ? 'fine' : 'normal');
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (e.shiftKey !== d.fine) {
      d.fine = e.shiftKey;
      d.anchorX = e.clientX;
      d.anchorFraction = d.fraction;
      setDragging(d.fine ? 'fine' : 'normal');
    }
    d.fraction = dragFraction(d.anchorFraction, e.clientX - d.anchorX, d.width, d.fine);
    emit(fractionToWeight(d.range, d.fraction, d.fine ? DRAG_PRECISION.fine : DRAG_PRECISION.normal));
  };

  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== e.pointerId) return;
    drag.current = null;
    setDragging(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled) return;
    if (e.key === 'Escape' && drag.current) {
      e.preventDefault();
      const { startValue, pointerId } = drag.current;
      drag.current = null;
      setDragging(null);
      if (e.currentTarget.hasPointerCapture(pointerId)) e.currentTarget.releasePointerCapture(pointerId);
      emit(startValue);
      return;
    }
    const key = KEYS[e.key];
    if (!key || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (key.end) emit(range[key.end]);
    else emit(stepWeight(value, key.direction, key.size ?? (e.shiftKey ? 'fine' : 'normal'), range));
  };

  const onDoubleClick = () => {
    if (disabled || preset === null || !pressedKnob.current) return;
    emit(preset);
  };

  const presetText = preset === null ? '' : preset > 0 ? `, preset ${formatWeight(preset)}` : ', preset off';
  return (
    <div
      className="weight-track"
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-labelledby={labelId}
      aria-orientation="horizontal"
      aria-valuemin={range.lo}
      aria-valuemax={range.hi}
      aria-valuenow={value}
      aria-valuetext={`${value > 0 ? formatWeightExact(value) : 'off'}${presetText}`}
      aria-disabled={disabled || undefined}
      title={TRACK_HELP}
      data-dragging={dragging ?? undefined}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onLostPointerCapture={endDrag}
      onKeyDown={onKeyDown}
      onDoubleClick={onDoubleClick}
    >
      <div className="weight-rail" ref={rail}>
        <span className="weight-fill" style={{ left: pct(fillLeft), width: pct(fillWidth) }} />
        {presetShown && <span className="weight-preset-tick" style={{ left: pct(presetFraction) }} />}
        <span className="weight-thumb" data-off={value > 0 ? undefined : true} style={{ left: pct(fraction) }} />
      </div>
      <div className="weight-scale num" aria-hidden="true">
        {(!presetShown || presetFraction > END_CLEARANCE) && <span className="weight-scale-end">{formatWeight(range.lo)}</span>}
        {presetShown && (
          <span className="weight-scale-preset" style={{ left: pct(presetFraction) }}>
            preset <span data-testid={`${testId}-preset`}>{formatWeight(preset!)}</span>
          </span>
        )}
        {(!presetShown || presetFraction < 1 - END_CLEARANCE) && (
          <span className="weight-scale-end weight-scale-hi">{formatWeight(range.hi)}</span>
        )}
      </div>
    </div>
  );
}

function pct(f: number): string {
  return `${(f * 100).toFixed(3)}%`;
}
