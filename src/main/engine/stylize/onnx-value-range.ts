/**
 * Which pixel value range an ONNX image model expects and produces: [-1,1] (GANs with tanh), [0,1] or [0,255].
 * Order of evidence: `cel-studio.input_range` / `cel-studio.output_range` / `cel-studio.range` metadata; then the
 * graph (the heuristic below); then the other side's range (generators map a range onto itself); then [-1,1],
 * the range every generator the studio knows was trained on.
 *
 * The graph heuristic, no inference needed:
 *  - input: follow the input forward through layout-only ops, collecting Mul/Div/Add/Sub by constants (the
 *    model's own normalisation, e.g. x/127.5-1, x/255, (x-mean)/std). Apply that affine map to each candidate
 *    range and keep the candidate it sends closest to a "normalised" interval ([-1,1] or [0,1], scored by log
 *    width ratio + centre offset). No such ops -> no evidence.
 *  - output: walk back from the output through layout-only ops and affine ops to the first bounded op (Tanh
 *    [-1,1], Sigmoid/HardSigmoid [0,1], Clip [min,max]); push its interval forward through the affine ops and
 *    take the candidate range it matches (within 25% of the width).
 */
import { type GraphIndex, PASS_THROUGH } from './onnx-graph';
import { floatAttr, type NodeProto } from './onnx-proto-read';

/** A pixel value range. */
export type ValueRange = '-1..1' | '0..1' | '0..255';
/**
 * Where a conclusion came from: the model's metadata, its declared shapes, graph evidence, or 'default' (assumed:
 * for a range, the other side's range when that one is known, else [-1,1]).
 */
export type Evidence = 'metadata' | 'shape' | 'graph' | 'default';

export const RANGE_BOUNDS: Readonly<Record<ValueRange, readonly [number, number]>> = {
  '-1..1': [-1, 1],
  '0..1': [0, 1],
  '0..255': [0, 255],
};
const CANDIDATES = Object.keys(RANGE_BOUNDS) as ValueRange[];
const MAX_CHAIN = 8;
const AFFINE = new Set(['Mul', 'Div', 'Add', 'Sub']);

type Interval = [number, number];
type Affine = (v: Interval) => Interval;

/** Parses '-1,1', '[-1, 1]', '-1..1', '0 to 255'... into a ValueRange, or undefined. */
export function parseRange(text: string | undefined): ValueRange | undefined {
  const m = text?.match(/^\s*\[?\s*(-?\d+(?:\.\d+)?)\s*(?:,|\.\.|to)\s*(-?\d+(?:\.\d+)?)\s*\]?\s*$/);
  if (!m) return undefined;
  const [lo, hi] = [Number(m[1]), Number(m[2])];
  return CANDIDATES.find((c) => RANGE_BOUNDS[c][0] === lo && RANGE_BOUNDS[c][1] === hi);
}

/** Input and output ranges with their evidence (see the file header for the order). */
export function detectRanges(
  index: GraphIndex,
  input: string,
  output: string,
  metadata: Record<string, string>,
): { input: ValueRange; output: ValueRange; inputSource: Evidence; outputSource: Evidence } {
  const both = parseRange(metadata['cel-studio.range']);
  let inSrc: Evidence = 'metadata';
  let outSrc: Evidence = 'metadata';
  let inRange = parseRange(metadata['cel-studio.input_range']) ?? both;
  let outRange = parseRange(metadata['cel-studio.output_range']) ?? both;
  if (!inRange) [inRange, inSrc] = [inputRangeFromGraph(index, input), 'graph'];
  if (!outRange) [outRange, outSrc] = [outputRangeFromGraph(index, output), 'graph'];
  if (!inRange && outRange) [inRange, inSrc] = [outRange, 'default'];
  if (!outRange && inRange) [outRange, outSrc] = [inRange, 'default'];
  return {
    input: inRange ?? '-1..1',
    output: outRange ?? '-1..1',
    inputSource: inRange ? inSrc : 'default',
    outputSource: outRange ? outSrc : 'default',
  };
}

/** The affine map of Mul/Div/Add/Sub `node` whose other operand is a constant (per-channel: the mean). */
function affineOf(index: GraphIndex, node: NodeProto): Affine | undefined {
  const split = index.splitConstant(node);
  if (!split || split.constant.length === 0 || split.constant.length > 4) return undefined;
  const c = split.constant.reduce((a, b) => a + b, 0) / split.constant.length;
  const sort = (a: number, b: number): Interval => (a <= b ? [a, b] : [b, a]);
  switch (node.opType) {
    case 'Mul':
      return ([a, b]) => sort(a * c, b * c);
    case 'Add':
      return ([a, b]) => [a + c, b + c];
    case 'Sub':
      return split.constantFirst ? ([a, b]) => [c - b, c - a] : ([a, b]) => [a - c, b - c];
    case 'Div':
      return split.constantFirst || c === 0 ? undefined : ([a, b]) => sort(a / c, b / c);
    default:
      return undefined;
  }
}

/** How far an interval is from a normalised one ([-1,1] or [0,1]); 0 is a perfect match. */
function normalisedScore([lo, hi]: Interval): number {
  const width = hi - lo;
  if (!(width > 0)) return Infinity;
  const centre = (lo + hi) / 2;
  return Math.min(Math.abs(Math.log(width / 2)) + Math.abs(centre), Math.abs(Math.log(width)) + Math.abs(centre - 0.5));
}

function inputRangeFromGraph(index: GraphIndex, input: string): ValueRange | undefined {
  const maps: Affine[] = [];
  let tensor = input;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const node = index.soleConsumer(tensor);
    if (!node) break;
    if (AFFINE.has(node.opType ?? '')) {
      const f = affineOf(index, node);
      if (!f) break;
      maps.push(f);
    } else if (!PASS_THROUGH.has(node.opType ?? '')) {
      break;
    }
    tensor = node.output?.[0] ?? '';
  }
  if (maps.length === 0) return undefined;
  const apply = (r: Interval): Interval => maps.reduce((v, f) => f(v), r);
  const scored = CANDIDATES.map((c) => ({ c, score: normalisedScore(apply([...RANGE_BOUNDS[c]] as Interval)) }));
  scored.sort((a, b) => a.score - b.score);
  return scored[0]!.score < 1.5 ? scored[0]!.c : undefined;
}

/** The interval a bounded op produces, or undefined. */
function boundedOutput(index: GraphIndex, node: NodeProto): Interval | undefined {
  switch (node.opType) {
    case 'Tanh':
      return [-1, 1];
    case 'Sigmoid':
    case 'HardSigmoid':
      return [0, 1];
    case 'Clip': {
      const lo = floatAttr(node, 'min') ?? index.constant(node.input?.[1])?.[0];
      const hi = floatAttr(node, 'max') ?? index.constant(node.input?.[2])?.[0];
      return lo !== undefined && hi !== undefined ? [lo, hi] : undefined;
    }
    default:
      return undefined;
  }
}

function outputRangeFromGraph(index: GraphIndex, output: string): ValueRange | undefined {
  const maps: Affine[] = [];
  let tensor = output;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const node = index.producer.get(tensor);
    if (!node) return undefined;
    const bounded = boundedOutput(index, node);
    if (bounded) {
      const [lo, hi] = maps.reverse().reduce((v, f) => f(v), bounded);
      const width = hi - lo;
      return CANDIDATES.find((c) => {
        const [clo, chi] = RANGE_BOUNDS[c];
        return Math.abs(lo - clo) + Math.abs(hi - chi) <= 0.25 * (chi - clo) && width > 0;
      });
    }
    if (AFFINE.has(node.opType ?? '')) {
      const f = affineOf(index, node);
      if (!f) return undefined;
      maps.push(f);
      tensor = index.splitConstant(node)!.data;
    } else if (PASS_THROUGH.has(node.opType ?? '')) {
      tensor = node.input?.[0] ?? '';
    } else {
      return undefined;
    }
  }
  return undefined;
}
