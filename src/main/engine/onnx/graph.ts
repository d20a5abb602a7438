/**
 * A small ONNX graph builder over onnx-proto's protobufjs classes: nodes, float/int64 initializers, typed
 * inputs/outputs with symbolic dims, and the model wrapper with metadata. It knows nothing about our layers;
 * ops.ts builds the layer-level vocabulary on top of it.
 */
import onnxProto, { type onnx as proto } from 'onnx-proto';

// onnx-proto is CommonJS whose `module.exports` is assigned at run time, so Node's ESM loader sees only a
// default export; reading the namespace from it works under Node, vitest and the bundler alike.
const { onnx } = onnxProto;

/** The default (ai.onnx) opset we emit: 17, the first with LayerNormalization and widely supported by runtimes. */
export const OPSET = 17;
/** IR version 8 is the newest onnx-proto 8.x knows and what opset 17 shipped with (ONNX 1.12 uses IR 8). */
const IR_VERSION = 8;

/** An attribute value: numbers become INT unless `float()` wraps them, arrays INTS, strings STRING. */
export type AttributeValue = number | string | readonly number[] | FloatAttr;
interface FloatAttr {
  readonly float: number;
}

/** Marks a number attribute as FLOAT (e.g. LeakyRelu's alpha); plain numbers are INT. */
export function float(value: number): FloatAttr {
  return { float: value };
}

/** A dimension of a graph input/output: a fixed size or a symbolic name such as 'N'. */
export type Dim = number | string;

const AttrType = onnx.AttributeProto.AttributeType;

function attribute(name: string, value: AttributeValue): proto.IAttributeProto {
  if (typeof value === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(`attribute ${name}: ${value} is not an integer; use float()`);
    return { name, type: AttrType.INT, i: value };
  }
  if ('float' in value) return { name, type: AttrType.FLOAT, f: value.float };
  return { name, type: AttrType.INTS, ints: [...value] };
}

function valueInfo(name: string, dims: readonly Dim[]): proto.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } };
}

/** Raw little-endian bytes of a typed array (ONNX raw_data is little-endian; so is every host we ship to). */
function bytesOf(data: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Collects the nodes and initializers of one graph; names are made unique by a counter. */
export class GraphBuilder {
  private readonly nodes: proto.INodeProto[] = [];
  private readonly initializers: proto.ITensorProto[] = [];
  private readonly inputs: proto.IValueInfoProto[] = [];
  private readonly outputs: proto.IValueInfoProto[] = [];
  private readonly used = new Set<string>();

  /** A fresh tensor name starting with `hint` (`hint`, `hint_1`, ...). */
  unique(hint: string): string {
    let name = hint;
    for (let i = 1; this.used.has(name); i++) name = `${hint}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Declares a float32 graph input, e.g. input(['N','H','W',3]). Returns its name. */
  input(name: string, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), dims));
    return name;
  }

  /** Declares `name` (an existing tensor) a float32 graph output. */
  output(name: string, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, dims));
  }

  /** A float32 constant of shape `dims` (values row-major). Returns its name. */
  floats(hint: string, values: Float32Array | readonly number[], dims: readonly number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    return this.tensor(hint, bytesOf(data), dims, onnx.TensorProto.DataType.FLOAT, data.length);
  }

  /** An int64 constant (shapes, pads, axes). Returns its name. */
  int64s(hint: string, values: readonly number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.tensor(hint, bytesOf(data), [values.length], onnx.TensorProto.DataType.INT64, data.length);
  }

  /**
   * Adds a node with one output and returns the output's name. An empty string in `inputs` leaves an optional
   * input out (ONNX's convention, e.g. Resize's roi).
   */
  node(
    op: string,
    inputs: readonly string[],
    attrs: Readonly<Record<string, AttributeValue>> = {},
    hint?: string,
  ): string {
    const out = this.unique(hint ?? op.toLowerCase());
    this.nodes.push({
      opType: op,
      name: `${out}/${op}`,
      input: [...inputs],
      output: [out],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  /** Serialises the whole model. `metadata` becomes metadata_props, in insertion order. */
  toBytes(graphName: string, metadata: Readonly<Record<string, string>>): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'cel-studio',
      opsetImport: [{ domain: '', version: OPSET }],
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private claim(name: string): string {
    if (this.used.has(name)) throw new Error(`tensor name ${name} is already taken`);
    this.used.add(name);
    return name;
  }

  private tensor(hint: string, rawData: Uint8Array, dims: readonly number[], dataType: number, size: number): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (expected !== size) throw new RangeError(`constant ${hint}: ${size} values do not fill [${dims.join(',')}]`);
    const name = this.unique(hint);
    this.initializers.push({ name, dims: [...dims], dataType, rawData });
    return name;
  }
}
