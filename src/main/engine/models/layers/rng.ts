/**
 * Deterministic random numbers for weight initialisation. Each variable draws from its own stream, seeded by
 * the run's seed and the variable's name, so a seed reproduces every weight exactly and adding a layer does not
 * shift the values of the others.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Mixes a run seed and a variable name into a 32-bit stream seed (FNV-1a over the name, then the seed). */
export function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Fold in the seed as two 32-bit halves so seeds above 2^32 still differ.
  h ^= seed >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.floor(seed / 0x100000000) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: small, fast and good enough for initial weights (not for cryptography). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One standard normal sample (Box-Muller; 1 - u keeps the logarithm finite). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One standard normal sample redrawn until it lies within two standard deviations (TF's truncated normal). */
export function truncatedNormal(rng: Rng): number {
  for (;;) {
    const z = normal(rng);
    if (Math.abs(z) <= 2) return z;
  }
}
