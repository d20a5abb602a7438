/** What every tile plan must hold, checked the same way for free and fixed tile sizes. */
import { expect } from 'vitest';
import { type TilePlan } from '../../../../src/main/engine/stylize/tile-plan';

/**
 * Every tile lies inside the padded frame, each core has at least `context` pixels of its own tile on every inner
 * side (all there is towards the frame's border), and the cores cover the padded frame exactly once.
 */
export function expectCoresCoverFrame(plan: TilePlan, context: number): void {
  const { paddedWidth: pw, paddedHeight: ph } = plan;
  const covered = new Uint8Array(pw * ph);
  for (const t of plan.tiles) {
    expect(t.x >= 0 && t.y >= 0 && t.x + t.width <= pw && t.y + t.height <= ph).toBe(true);
    const { x0, y0, x1, y1 } = t.core;
    expect(x0 - t.x).toBeGreaterThanOrEqual(Math.min(context, x0));
    expect(y0 - t.y).toBeGreaterThanOrEqual(Math.min(context, y0));
    expect(t.x + t.width - x1).toBeGreaterThanOrEqual(Math.min(context, pw - x1));
    expect(t.y + t.height - y1).toBeGreaterThanOrEqual(Math.min(context, ph - y1));
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) covered[y * pw + x]! += 1;
  }
  expect(covered.every((c) => c === 1)).toBe(true);
}
