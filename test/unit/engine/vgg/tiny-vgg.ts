/**
 * A generated VGG19-shaped model in TensorFlow.js layers format, a few KB: the real layer names and order
 * (block1_conv1 .. block5_pool, then Flatten and a Dense head) with narrow convolutions and seeded weights. Its
 * manifest exercises what real converters write: one group per layer, a group holding two layers (block 2),
 * groups split over several shards (block3_conv1, block4_conv4), and a head the loader must never need.
 */

/** Output channels per block, as VGG19's 2, 2, 4, 4, 4 convolutions, but narrow. */
const BLOCKS = [
  [4, 4],
  [6, 6],
  [8, 8, 8, 8],
  [8, 8, 8, 8],
  [8, 8, 8, 8],
];

/** A layer's weights as generated: kernel HWIO [3,3,Cin,Cout] and bias [Cout], row-major. */
export interface TinyConv {
  name: string;
  cin: number;
  cout: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** The model: model.json text, every shard by manifest path, and the weights each conv was given. */
export interface TinyVgg {
  modelJson: string;
  files: Map<string, Buffer>;
  convs: TinyConv[];
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bytesOf = (...arrays: Float32Array[]): Buffer => Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));

/** Splits `buf` into `n` shards of near-equal size, as the converter's shard size does. */
function shards(buf: Buffer, n: number): Buffer[] {
  const size = Math.ceil(buf.length / n);
  return Array.from({ length: n }, (_, i) => buf.subarray(i * size, Math.min(buf.length, (i + 1) * size)));
}

/** Builds the model; `seed` changes every weight (to simulate a changed file on a server). */
export function makeTinyVgg(seed = 1): TinyVgg {
  const rand = random(seed);
  const layers: unknown[] = [{ name: 'input_1', class_name: 'InputLayer', config: { batch_input_shape: [null, 64, 64, 3], name: 'input_1' }, inbound_nodes: [] }];
  const convs: TinyConv[] = [];
  let cin = 3;
  BLOCKS.forEach((block, b) => {
    block.forEach((cout, c) => {
      const name = `block${b + 1}_conv${c + 1}`;
      // He-like scale keeps activations of the same order through 16 layers.
      const scale = Math.sqrt(2 / (9 * cin));
      const kernel = Float32Array.from({ length: 9 * cin * cout }, () => (rand() * 2 - 1) * scale * 1.7);
      const bias = Float32Array.from({ length: cout }, () => (rand() - 0.5) * 0.2);
      convs.push({ name, cin, cout, kernel, bias });
      layers.push({
        name,
        class_name: 'Conv2D',
        config: { name, filters: cout, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'relu', use_bias: true },
      });
      cin = cout;
    });
    const name = `block${b + 1}_pool`;
    layers.push({ name, class_name: 'MaxPooling2D', config: { name, pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' } });
  });
  layers.push({ name: 'flatten', class_name: 'Flatten', config: { name: 'flatten' } });
  layers.push({ name: 'fc1', class_name: 'Dense', config: { name: 'fc1', units: 5, activation: 'relu' } });

  const files = new Map<string, Buffer>();
  const manifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[] = [];
  const specs = (c: TinyConv) => [
    { name: `${c.name}/kernel`, shape: [3, 3, c.cin, c.cout], dtype: 'float32' },
    { name: `${c.name}/bias`, shape: [c.cout], dtype: 'float32' },
  ];
  const addGroup = (members: TinyConv[], shardCount: number, weights = members.flatMap(specs), data = bytesOf(...members.flatMap((c) => [c.kernel, c.bias]))): void => {
    const g = manifest.length + 1;
    const parts = shards(data, shardCount);
    const paths = parts.map((_, i) => `group${g}-shard${i + 1}of${shardCount}`);
    parts.forEach((p, i) => files.set(paths[i]!, p));
    manifest.push({ paths, weights });
  };
  const byName = (n: string): TinyConv => convs.find((c) => c.name === n)!;
  for (const c of convs) {
    if (c.name === 'block2_conv2') continue;
    if (c.name === 'block2_conv1') addGroup([c, byName('block2_conv2')], 1);
    else addGroup([c], c.name === 'block3_conv1' ? 2 : c.name === 'block4_conv4' ? 3 : 1);
  }
  const head = Float32Array.from({ length: 2 * 2 * 8 * 5 + 5 }, () => rand());
  addGroup([], 1, [{ name: 'fc1/kernel', shape: [32, 5], dtype: 'float32' }, { name: 'fc1/bias', shape: [5], dtype: 'float32' }], bytesOf(head));

  const modelTopology = { keras_version: '2.1.4', backend: 'tensorflow', model_config: { class_name: 'Model', config: { name: 'vgg19', layers } } };
  return { modelJson: JSON.stringify({ modelTopology, weightsManifest: manifest }), files, convs };
}
