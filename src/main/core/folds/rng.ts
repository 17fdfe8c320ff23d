// Seeded randomness for fold assignment. Never Math.random: a fold split must be replayable from
// its seed years later, so the generator is spelled out here rather than borrowed from a library.

/** mulberry32: 32-bit state, fast, good enough for shuffling (not for cryptography). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Folds a user seed (any finite number, e.g. 42 or a 13-digit timestamp) into 32 bits. The high
 * word is mixed in so seeds that differ only above 2^32 still give different splits.
 */
export function seedOf(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`fold seed must be a finite number, got ${seed}`);
  const t = Math.trunc(seed);
  const lo = t >>> 0;
  const hi = Math.floor(t / 4294967296) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

/** Fisher–Yates in place. */
export function shuffleInPlace<T>(a: { length: number; [i: number]: T }, next: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
