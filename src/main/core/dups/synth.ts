// Synthetic hash sets for tests and benchmarks. Base hashes are uniformly random 64-bit values;
// real pHashes are not (bits are roughly balanced per image but correlated across images, so
// buckets are less even and searches see more candidates than here).
import { mulberry32 } from '../folds/rng.ts';
import type { HashArray } from './hamming.ts';

/** Uniform 32-bit integers from the folds' mulberry32, so a failing test can be replayed from its seed. */
export function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() * 4294967296;
}

export interface SynthOptions {
  seed?: number;
  /** Share of items that are near-copies of another item (default 0.05). */
  copyRate?: number;
  /** Each copy differs from its source in 0..maxFlips random bits (default 8). */
  maxFlips?: number;
}

/**
 * n hashes where a share are near-copies of an earlier item. Sources are drawn from all earlier
 * items, copies included, so besides pairs there are chains and small clusters, as with
 * re-encoded, resized and cropped versions of one photo. Order is shuffled.
 */
export function syntheticHashes(n: number, opts: SynthOptions = {}): HashArray {
  const next = rng(opts.seed ?? 1);
  const copyRate = opts.copyRate ?? 0.05;
  const maxFlips = opts.maxFlips ?? 8;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && next() / 2 ** 32 < copyRate) {
      const src = next() % i;
      let h = hi[src]!;
      let l = lo[src]!;
      const flips = next() % (maxFlips + 1);
      // Distinct bit positions, so the copy is at distance exactly `flips`.
      let used0 = 0;
      let used1 = 0;
      for (let f = 0; f < flips;) {
        const bit = next() & 63;
        const word = bit >> 5;
        const m = 1 << (bit & 31);
        if ((word ? used1 : used0) & m) continue;
        if (word) {
          used1 |= m;
          h ^= m;
        } else {
          used0 |= m;
          l ^= m;
        }
        f++;
      }
      hi[i] = h;
      lo[i] = l;
    } else {
      hi[i] = next();
      lo[i] = next();
    }
  }
  for (let i = n - 1; i > 0; i--) {
    const j = next() % (i + 1);
    const th = hi[i]!;
    const tl = lo[i]!;
    hi[i] = hi[j]!;
    lo[i] = lo[j]!;
    hi[j] = th;
    lo[j] = tl;
  }
  return { hi, lo };
}
