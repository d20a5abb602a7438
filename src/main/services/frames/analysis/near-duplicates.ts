/**
 * Grouping of near-duplicate frames by perceptual hash. Two frames are linked when their hashes differ in at most
 * maxDistance bits, and clusters are the transitive closure of those links (union-find), so a slow pan whose
 * neighbouring frames are each close ends up as one cluster even when its first and last frames are not.
 * All pairs are compared: with the hashes split into two 32-bit halves and a SWAR popcount, 10,000 hashes (50M
 * pairs) take well under a second (see bench/analysis), and unlike a BK-tree the cost does not grow with maxDistance.
 */

/** Cluster id per hash (0, 1, 2... in order of first appearance); hashes within maxDistance bits share an id, transitively. hashes: one 64-bit hash per frame. */
export function clusterNearDuplicates(hashes: readonly bigint[], maxDistance: number): number[] {
  const n = hashes.length;
  const hi = new Int32Array(n);
  const lo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = BigInt.asUintN(64, hashes[i]!);
    hi[i] = Number(h >> 32n) | 0;
    lo[i] = Number(h & 0xffffffffn) | 0;
  }
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i]!]!;
      parent[i] = up; // path halving keeps the trees flat without recursion
      i = up;
    }
    return i;
  };
  for (let i = 0; i < n; i++) {
    const hi1 = hi[i]!;
    const lo1 = lo[i]!;
    for (let j = i + 1; j < n; j++) {
      const dHi = popcount32(hi1 ^ hi[j]!);
      if (dHi > maxDistance) continue;
      if (dHi + popcount32(lo1 ^ lo[j]!) > maxDistance) continue;
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
    }
  }
  const idOfRoot = new Map<number, number>();
  const ids: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let id = idOfRoot.get(root);
    if (id === undefined) {
      id = idOfRoot.size;
      idOfRoot.set(root, id);
    }
    ids[i] = id;
  }
  return ids;
}

/** Which frames to keep: true for the highest score in each cluster (the first one on ties; NaN scores lose). clusterIds and score: one entry per frame. */
export function pickBestPerCluster(clusterIds: readonly number[], score: readonly number[]): boolean[] {
  if (clusterIds.length !== score.length) {
    throw new RangeError(`pickBestPerCluster: ${clusterIds.length} cluster ids but ${score.length} scores`);
  }
  const best = new Map<number, number>();
  for (let i = 0; i < clusterIds.length; i++) {
    const id = clusterIds[i]!;
    const current = best.get(id);
    if (current === undefined || rank(score[i]!) > rank(score[current]!)) best.set(id, i);
  }
  const keep = new Array<boolean>(clusterIds.length).fill(false);
  for (const i of best.values()) keep[i] = true;
  return keep;
}

/** Set bits in a 32-bit integer (SWAR). Kept local to this module: the pair loop calls it 100M times for 10k hashes, and
 * a call through another module's binding is not inlined under every loader (vitest's made the loop 5x slower). */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function rank(score: number): number {
  return Number.isNaN(score) ? -Infinity : score;
}
