/** Label of a weight-change reference line: a diamond at the top whose native tooltip says what changed. */
export function WeightMarker({ viewBox, title }: { viewBox?: { x?: number; y?: number; height?: number }; title: string }) {
  const x = viewBox?.x ?? 0;
  const y = viewBox?.y ?? 0;
  const h = viewBox?.height ?? 0;
  return (
    <g className="weight-marker">
      <title>{title}</title>
      {/* A wide transparent strip makes the whole line hoverable, not just its 1px stroke. */}
      <rect x={x - 4} y={y} width={8} height={h} fill="transparent" />
      <path d={`M ${x} ${y - 1} l 4 4 l -4 4 l -4 -4 z`} fill="#e5b45b" />
    </g>
  );
}
