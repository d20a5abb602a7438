/**
 * The state dict of an animegan2-pytorch generator recovered from its ONNX export (`torch.onnx.export`), so an
 * ONNX file can be trained further, not only converted with. Convolution weights keep their module names as
 * initializers (`block_a.0.1.weight`); GroupNorm is exported as InstanceNormalization between two Reshapes, and its
 * scale and shift become anonymous Mul and Add constants (`onnx::Mul_1065`, shape [C,1,1]). Those are found by
 * walking from each convolution to the first Mul and Add with a constant operand, and named as the module after
 * the convolution (`block_a.0.1` is followed by the norm `block_a.0.2`; `…layers.2` by `…layers.3`).
 */
import { StudioError } from '@shared/errors';
import { decodeModel, dimsOf, onnx, type NodeProto, type TensorProto } from '../stylize/onnx-proto-read';
import { animegan2PytorchKeys } from './animegan2-pytorch';
import type { TorchTensor } from './torch-state-dict';

/** Nodes a GroupNorm's decomposition passes through before its scale (Mul) and shift (Add). */
const NORM_PATH = new Set(['Reshape', 'InstanceNormalization', 'Cast', 'Identity']);

/** Float32 values of an initializer (raw_data or float_data); BAD_INPUT for another element type (an fp16 export). */
function floats(t: TensorProto): Float32Array {
  if (t.dataType !== onnx.TensorProto.DataType.FLOAT) {
    throw new StudioError('BAD_INPUT', `${t.name ?? 'an initializer'} is not float32: only float32 exports can be trained further`, 'path');
  }
  if (t.rawData && t.rawData.length > 0) {
    const raw = t.rawData;
    const copy = new Uint8Array(raw.byteLength);
    copy.set(raw);
    return new Float32Array(copy.buffer);
  }
  return Float32Array.from(t.floatData ?? []);
}

/** `block_a.0.1.weight` -> `block_a.0.2`: the module right after the convolution's, where its norm sits. */
function nextModule(convWeight: string): string {
  const parts = convWeight.replace(/\.weight$/, '').split('.');
  const last = Number(parts.at(-1));
  parts[parts.length - 1] = String(last + 1);
  return parts.join('.');
}

/**
 * The state dict an animegan2-pytorch ONNX export holds (keys as `animegan2PytorchKeys`, torch layouts), for
 * {@link generatorFromAnimegan2Pytorch}. BAD_INPUT naming `fileName` when the graph is not this export.
 */
export function stateDictFromAnimegan2Onnx(bytes: Uint8Array, fileName: string): Map<string, TorchTensor> {
  const model = decodeModel(bytes, fileName);
  const graph = model.graph;
  const inits = new Map<string, TensorProto>(graph.initializer.map((t) => [t.name ?? '', t]));
  const consumers = new Map<string, NodeProto[]>();
  for (const n of graph.node) for (const i of n.input ?? []) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const dict = new Map<string, TorchTensor>();
  const put = (key: string, t: TensorProto, shape = dimsOf(t)): void => {
    dict.set(key, { shape, data: floats(t) });
  };
  const wanted = animegan2PytorchKeys();
  for (const node of graph.node) {
    if (node.opType !== 'Conv') continue;
    const [, w, b] = node.input ?? [];
    if (!w || !wanted.has(w) || !inits.has(w)) continue;
    put(w, inits.get(w)!);
    if (b && inits.has(b)) put(b.endsWith('.bias') ? b : w.replace(/weight$/, 'bias'), inits.get(b)!);
    const norm = nextModule(w);
    if (!wanted.has(`${norm}.weight`)) continue;
    // Conv -> Reshape -> InstanceNormalization -> Reshape -> Mul(scale) -> Add(shift).
    let at = node.output?.[0];
    let scale: TensorProto | undefined;
    for (let hops = 0; at && hops < 8; hops++) {
      const next: NodeProto | undefined = consumers.get(at)?.[0];
      if (!next) break;
      const constant = (next.input ?? []).find((i) => i !== at && inits.has(i));
      if (!scale && next.opType === 'Mul' && constant) {
        scale = inits.get(constant);
      } else if (scale && next.opType === 'Add' && constant) {
        const c = dimsOf(scale)[0]!;
        put(`${norm}.weight`, scale, [c]);
        put(`${norm}.bias`, inits.get(constant)!, [c]);
        break;
      } else if (!NORM_PATH.has(next.opType ?? '')) {
        break;
      }
      at = next.output?.[0];
    }
  }
  const missing = [...wanted.keys()].filter((k) => !dict.has(k));
  if (missing.length > 0) {
    throw new StudioError(
      'BAD_INPUT',
      `${fileName} is not an ONNX export of an animegan2-pytorch generator that can be trained further: ${missing.length} of its weights were not found (e.g. ${missing[0]}); it can still convert as an ONNX style`,
      'path',
    );
  }
  return dict;
}
