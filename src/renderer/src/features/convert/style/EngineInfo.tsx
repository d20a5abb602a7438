import type { EngineChoice } from '@shared/convert';
import { formatScore } from '../../../lib/format';

/** "onnxruntime-cpu 120 ms/MP · tfjs-wasm 900 ms/MP", fastest first; '' when nothing was measured. */
export function candidatesLine(engine: EngineChoice): string {
  return Object.entries(engine.msPerMegapixel)
    .sort((a, b) => a[1] - b[1])
    .map(([kind, ms]) => `${kind} ${formatScore(ms, 0)} ms/MP`)
    .join(' · ');
}

/** The engine a preview or still ran on: its kind as a badge, and the measured speed of the candidates. */
export function EngineInfo({ engine, stylizeMs }: { engine: EngineChoice | null; stylizeMs?: number | null }) {
  if (!engine) {
    return (
      <div className="engine-info muted small" data-testid="preview-engine" data-engine="">
        Engine: chosen at the first preview
      </div>
    );
  }
  const measured = candidatesLine(engine);
  return (
    <div
      className="engine-info small"
      data-testid="preview-engine"
      data-engine={engine.kind}
      title={measured ? `${engine.label}\nMeasured: ${measured}` : engine.label}
    >
      <span className="muted">Engine</span>
      <span className="badge engine-kind mono">{engine.kind}</span>
      <span className="engine-label">{engine.label}</span>
      {engine.fixedSize && (
        <span
          className="badge mono"
          data-testid="engine-fixed-size"
          title={`This model takes ${engine.fixedSize.width}x${engine.fixedSize.height} images only: frames are cut into tiles of that size (smaller ones padded up) and blended back`}
        >
          fixed {engine.fixedSize.width}×{engine.fixedSize.height}, tiled
        </span>
      )}
      {stylizeMs != null && (
        <span className="muted num" data-testid="preview-ms">
          {formatScore(stylizeMs, 0)} ms
        </span>
      )}
      {measured && (
        <span className="engine-measured muted mono" data-testid="engine-candidates">
          measured {measured}
        </span>
      )}
    </div>
  );
}
