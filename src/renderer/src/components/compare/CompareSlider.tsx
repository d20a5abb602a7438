import { useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import './compare.css';

/** Percent the arrow keys move the divider (Shift: ten times as far). */
export const COMPARE_KEY_STEP = 2;

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/**
 * Two images of the same size stacked in one box: "before" underneath, "after" on top clipped to the right of a
 * divider. A transparent range input covers the box, so dragging anywhere moves the divider, and it is the one
 * control a keyboard or a screen reader uses (←/→, Shift for bigger steps, Home/End). The box keeps the images'
 * aspect ratio and never changes size when the images change, so swapping frames does not shift the layout.
 */
export function CompareSlider({
  before,
  after,
  width,
  height,
  position: controlled,
  onPositionChange,
  label = 'Compare',
  beforeAlt = 'Before',
  afterAlt = 'After',
  maxHeight = '60vh',
  busy = false,
  testId,
  children,
}: {
  /** Image URLs; without both, the box shows `children` alone. */
  before: string | null;
  after: string | null;
  /** Pixel size of the images (only their ratio matters). */
  width: number;
  height: number;
  /** Divider position in percent from the left; uncontrolled (starting at 50) when omitted. */
  position?: number;
  onPositionChange?: (percent: number) => void;
  label?: string;
  beforeAlt?: string;
  afterAlt?: string;
  /** Tallest the box may be, as a CSS length; the width follows from the ratio. */
  maxHeight?: string;
  /** Marks the box as waiting for newer images (the old ones stay visible). */
  busy?: boolean;
  testId?: string;
  /** Overlays: an empty-state message, a busy badge, captions. */
  children?: ReactNode;
}) {
  const [own, setOwn] = useState(50);
  const position = clampPercent(controlled ?? own);
  const ratio = width > 0 && height > 0 ? width / height : 16 / 9;
  const ready = before !== null && after !== null;

  const move = (percent: number) => {
    const next = clampPercent(percent);
    setOwn(next);
    onPositionChange?.(next);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = e.shiftKey ? COMPARE_KEY_STEP * 5 : COMPARE_KEY_STEP;
    const delta = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step, PageDown: -20, PageUp: 20 }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    move(position + delta);
  };

  const box: CSSProperties = {
    aspectRatio: `${ratio}`,
    width: `min(100%, calc(${maxHeight} * ${ratio.toFixed(5)}))`,
  };
  return (
    <div className="compare-frame">
      <div className="compare" style={box} data-testid={testId} data-busy={busy || undefined} data-position={Math.round(position)}>
        {ready && (
          <>
            <img className="compare-img" src={before} alt={beforeAlt} draggable={false} />
            <img
              className="compare-img compare-after"
              src={after}
              alt={afterAlt}
              draggable={false}
              style={{ clipPath: `inset(0 0 0 ${position}%)` }}
            />
            <input
              type="range"
              className="compare-input"
              min={0}
              max={100}
              step={0.1}
              value={position}
              aria-label={label}
              aria-valuetext={`${Math.round(position)}% before, ${Math.round(100 - position)}% after`}
              onChange={(e) => move(Number(e.target.value))}
              onKeyDown={onKey}
            />
            <div className="compare-handle" style={{ left: `${position}%` }} aria-hidden="true">
              <span className="compare-knob">⟨⟩</span>
            </div>
            <span className="compare-caption compare-caption-before" aria-hidden="true">
              {beforeAlt}
            </span>
            <span className="compare-caption compare-caption-after" aria-hidden="true">
              {afterAlt}
            </span>
          </>
        )}
        {children}
        {/* Always in place, only faded in: a busy state must not move anything. */}
        <span className="compare-busy" data-visible={busy || undefined} aria-hidden="true">
          <span className="spinner" />
          updating
        </span>
      </div>
    </div>
  );
}
