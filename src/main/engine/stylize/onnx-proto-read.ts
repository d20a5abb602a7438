/**
 * Reading an ONNX protobuf: decoding with a user-facing error, and small accessors for attributes, constant
 * tensors and metadata. protobufjs hands 64-bit integers back as Long objects; everything here returns plain
 * numbers (dims and strides of image models are far below 2^53).
 */
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto';
import { StudioError } from '@shared/errors';

// onnx-proto is CommonJS: under Node's ESM loader only its default export (the protobuf root) exists.
export const { onnx } = onnxProto;
export type ModelProto = InstanceType<typeof onnx.ModelProto>;
export type GraphProto = InstanceType<typeof onnx.GraphProto>;
export type NodeProto = OnnxTypes.INodeProto;
export type TensorProto = OnnxTypes.ITensorProto;
export type ValueInfoProto = OnnxTypes.IValueInfoProto;

type LongLike = number | { toNumber(): number } | null | undefined;

/** A protobuf integer (number or Long) as a number; 0 when absent. */
export function toNumber(v: LongLike): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/** Names of ONNX tensor element types, for error messages. */
export function elemTypeName(t: number): string {
  const name = (onnx.TensorProto.DataType as unknown as Record<number, string>)[t];
  return name ? name.toLowerCase() : `type ${t}`;
}

/**
 * Decodes `bytes` as an ONNX ModelProto with at least one graph input, output and node; a BAD_INPUT
 * StudioError naming `label` otherwise (random bytes, text, an empty file, a protobuf of something else).
 */
export function decodeModel(bytes: Uint8Array, label: string): ModelProto & { graph: GraphProto } {
  if (bytes.length === 0) throw new StudioError('BAD_INPUT', `${label} is empty (0 bytes); it is not an ONNX model`, 'model');
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new StudioError('BAD_INPUT', `${label} is not an ONNX model (it does not decode as one: ${why})`, 'model');
  }
  // Protobuf decodes many byte strings "successfully" into empty or nonsense messages; a real model has all three.
  const g = model.graph as GraphProto | null;
  if (!g || g.node.length === 0 || g.input.length === 0 || g.output.length === 0 || toNumber(model.irVersion) <= 0) {
    throw new StudioError('BAD_INPUT', `${label} is not an ONNX model (no graph with inputs, outputs and nodes in it)`, 'model');
  }
  return model as ModelProto & { graph: GraphProto };
}

/** The default-domain opset the model imports (0 when none is declared). */
export function defaultOpset(model: ModelProto): number {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return toNumber(entry?.version);
}

/** The model's metadata_props as a plain record. */
export function metadataOf(model: ModelProto): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of model.metadataProps) if (p.key) out[p.key] = p.value ?? '';
  return out;
}

/** The integer-list attribute `name` of `node`, or undefined. */
export function intsAttr(node: NodeProto, name: string): number[] | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a?.ints && a.ints.length > 0 ? a.ints.map((v) => toNumber(v)) : undefined;
}

/** The integer attribute `name` of `node`, or `fallback`. */
export function intAttr(node: NodeProto, name: string, fallback: number): number {
  const a = node.attribute?.find((x) => x.name === name);
  return a && a.i !== null && a.i !== undefined ? toNumber(a.i) : fallback;
}

/** The float attribute `name` of `node`, or undefined. */
export function floatAttr(node: NodeProto, name: string): number | undefined {
  const a = node.attribute?.find((x) => x.name === name);
  return a && typeof a.f === 'number' && a.type === onnx.AttributeProto.AttributeType.FLOAT ? a.f : undefined;
}

/** Dims of a tensor proto as numbers. */
export function dimsOf(t: TensorProto): number[] {
  return (t.dims ?? []).map((d) => toNumber(d));
}

/**
 * The numeric values of a constant tensor (float, double, int32/64 and the small int types), or undefined
 * for external data and other types. Used for scalars and short vectors only (normalisation constants,
 * resize scales), so values are copied into a plain array.
 */
export function tensorValues(t: TensorProto): number[] | undefined {
  const T = onnx.TensorProto.DataType;
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : undefined;
  const read = (size: number, get: (dv: DataView, off: number) => number): number[] => {
    const out: number[] = [];
    for (let off = 0; view && off + size <= view.byteLength; off += size) out.push(get(view, off));
    return out;
  };
  switch (t.dataType) {
    case T.FLOAT:
      return view ? read(4, (dv, o) => dv.getFloat32(o, true)) : [...(t.floatData ?? [])];
    case T.DOUBLE:
      return view ? read(8, (dv, o) => dv.getFloat64(o, true)) : [...(t.doubleData ?? [])];
    case T.INT64:
      return view ? read(8, (dv, o) => Number(dv.getBigInt64(o, true))) : (t.int64Data ?? []).map((v) => toNumber(v));
    case T.INT32:
      return view ? read(4, (dv, o) => dv.getInt32(o, true)) : [...(t.int32Data ?? [])];
    case T.UINT8:
      return view ? read(1, (dv, o) => dv.getUint8(o)) : [...(t.int32Data ?? [])];
    default:
      return undefined;
  }
}
