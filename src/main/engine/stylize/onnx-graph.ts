/**
 * An index over an ONNX graph for the inspectors: who produces and who consumes each tensor, and the value of
 * each constant (initializers and Constant nodes). Built once per inspection.
 */
import { dimsOf, type GraphProto, type NodeProto, type TensorProto, tensorValues } from './onnx-proto-read';

/** Ops that move or reshape data without changing values (walked through when following a chain). */
export const PASS_THROUGH = new Set(['Transpose', 'Cast', 'Identity', 'Reshape', 'Squeeze', 'Unsqueeze', 'Pad', 'Flatten']);

/** Lookup tables of one graph. */
export class GraphIndex {
  readonly producer = new Map<string, NodeProto>();
  readonly consumers = new Map<string, NodeProto[]>();
  readonly initializers = new Map<string, TensorProto>();

  constructor(readonly graph: GraphProto) {
    for (const t of graph.initializer) if (t.name) this.initializers.set(t.name, t);
    for (const node of graph.node) {
      for (const out of node.output ?? []) this.producer.set(out, node);
      for (const inp of node.input ?? []) {
        if (!inp) continue;
        const list = this.consumers.get(inp) ?? [];
        list.push(node);
        this.consumers.set(inp, list);
      }
      // Constant nodes hold their tensor in the `value` attribute; treat them like initializers.
      if (node.opType === 'Constant') {
        const t = node.attribute?.find((a) => a.name === 'value')?.t;
        const out = node.output?.[0];
        if (t && out) this.initializers.set(out, t);
      }
    }
  }

  /** Values of the constant tensor `name`, or undefined when it is computed or not numeric. */
  constant(name: string | undefined): number[] | undefined {
    const t = name ? this.initializers.get(name) : undefined;
    return t ? tensorValues(t) : undefined;
  }

  /** Dims of the constant tensor `name` (e.g. a Conv weight), or undefined. */
  constantDims(name: string | undefined): number[] | undefined {
    const t = name ? this.initializers.get(name) : undefined;
    return t ? dimsOf(t) : undefined;
  }

  /** Whether `name` is a constant (initializer or Constant node output). */
  isConstant(name: string): boolean {
    return this.initializers.has(name);
  }

  /** The one node consuming `name`, or undefined when none or several do. */
  soleConsumer(name: string): NodeProto | undefined {
    const list = this.consumers.get(name);
    return list && list.length === 1 ? list[0] : undefined;
  }

  /** The non-constant data input of an elementwise node with one constant operand, and that constant. */
  splitConstant(node: NodeProto): { data: string; constant: number[]; constantFirst: boolean } | undefined {
    const [a, b] = node.input ?? [];
    if (!a || !b) return undefined;
    const cb = this.constant(b);
    if (cb && !this.isConstant(a)) return { data: a, constant: cb, constantFirst: false };
    const ca = this.constant(a);
    if (ca && !this.isConstant(b)) return { data: b, constant: ca, constantFirst: true };
    return undefined;
  }
}
