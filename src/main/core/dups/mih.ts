// Multi-index hashing (Norouzi, Punjani & Fleet 2012) for all pairs within a Hamming threshold.
// Split the 64 bits into disjoint blocks; if d(x, y) ≤ t and blocks b get radii r_b with
// Σ(r_b + 1) ≥ t + 1, some block must differ by ≤ r_b (pigeonhole), so only pairs whose keys
// are that close in some block are candidates. Each block is a counting sort of the items by key
// (a direct-address bucket table), and close buckets are compared member by member.
import { int32Views, popcount32, type HashArray } from './hamming.ts';
import { bruteForcePairs, PairBuilder, type PairList } from './pairs.ts';
import { planSearch, type Block } from './plan.ts';

export interface SearchOptions {
  /** Override the planner (benchmarks compare plans with this). */
  blocks?: Block[];
}

function keyOf(hi: number, lo: number, shift: number, mask: number): number {
  if (shift >= 32) return (hi >>> (shift - 32)) & mask;
  if (shift === 0) return lo & mask;
  return ((lo >>> shift) | (hi << (32 - shift))) & mask;
}

/** Every XOR mask of `width` bits with 1..radius bits set, grouped by highest set bit. */
export function flipMasks(width: number, radius: number): Int32Array[] {
  const groups: number[][] = Array.from({ length: width }, () => []);
  const rec = (from: number, left: number, mask: number): void => {
    for (let bit = from; bit < width; bit++) {
      const m = mask | (1 << bit);
      groups[bit]!.push(m);
      if (left > 1) rec(bit + 1, left - 1, m);
    }
  };
  if (radius > 0) rec(0, radius, 0);
  return groups.map((g) => Int32Array.from(g));
}

/**
 * Compares bucket v with itself and with every bucket u > v within the block radius, pushing
 * hits as sorted positions (p, q, d) into `hits`. Kept free of closures and objects so V8
 * compiles one tight monomorphic loop nest; `hash` interleaves hi/lo for locality.
 */
function scanBucket(
  v: number, width: number, start: Int32Array, hash: Int32Array, groups: Int32Array[], t: number, hits: PairBuilder,
): void {
  const s0 = start[v]!;
  const e0 = start[v + 1]!;
  for (let p = s0; p < e0; p++) {
    const ph = hash[2 * p]!;
    const pl = hash[2 * p + 1]!;
    for (let q = p + 1; q < e0; q++) {
      let x = ph ^ hash[2 * q]!;
      let y = pl ^ hash[2 * q + 1]!;
      x = x - ((x >>> 1) & 0x55555555);
      y = y - ((y >>> 1) & 0x55555555);
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333) + (y & 0x33333333) + ((y >>> 2) & 0x33333333);
      x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
      const d = Math.imul(x, 0x01010101) >>> 24;
      if (d <= t) hits.push(p, q, d);
    }
  }
  for (let h = 0; h < width; h++) {
    // u = v ^ m exceeds v exactly when v has m's top bit clear: each bucket pair is seen once.
    if ((v >>> h) & 1) continue;
    const group = groups[h]!;
    for (let k = 0; k < group.length; k++) {
      const u = v ^ group[k]!;
      const s1 = start[u]!;
      const e1 = start[u + 1]!;
      for (let p = s0; p < e0; p++) {
        const ph = hash[2 * p]!;
        const pl = hash[2 * p + 1]!;
        for (let q = s1; q < e1; q++) {
          let x = ph ^ hash[2 * q]!;
          let y = pl ^ hash[2 * q + 1]!;
          x = x - ((x >>> 1) & 0x55555555);
          y = y - ((y >>> 1) & 0x55555555);
          x = (x & 0x33333333) + ((x >>> 2) & 0x33333333) + (y & 0x33333333) + ((y >>> 2) & 0x33333333);
          x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
          const d = Math.imul(x, 0x01010101) >>> 24;
          if (d <= t) hits.push(p, q, d);
        }
      }
    }
  }
}

/** Every pair i<j with Hamming distance ≤ threshold, exactly once, in no particular order. */
export function findPairs(hashes: HashArray, threshold: number, opts: SearchOptions = {}): PairList {
  const n = hashes.hi.length;
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`threshold must be a non-negative integer, got ${threshold}`);
  const out = new PairBuilder();
  if (n < 2) return out.finish();
  const blocks = opts.blocks ?? planSearch(n, threshold).blocks;
  if (blocks.length === 0) return bruteForcePairs(hashes, threshold);
  const { hi, lo } = int32Views(hashes);
  const keys = new Int32Array(n);
  const hash = new Int32Array(2 * n);
  const ids = new Int32Array(n);
  const hits = new PairBuilder();
  let start = new Int32Array(0);

  for (let b = 0; b < blocks.length; b++) {
    const { shift, width, radius } = blocks[b]!;
    const mask = width >= 32 ? -1 : (1 << width) - 1;
    const size = 2 ** width;
    if (start.length !== size + 1) start = new Int32Array(size + 1);
    else start.fill(0);
    for (let i = 0; i < n; i++) {
      const k = keyOf(hi[i]!, lo[i]!, shift, mask);
      keys[i] = k;
      start[k + 1]!++;
    }
    for (let v = 0; v < size; v++) start[v + 1]! += start[v]!;
    // Items in bucket order so each bucket's hashes are contiguous for the comparison loops.
    for (let i = 0; i < n; i++) {
      const p = start[keys[i]!]!++;
      hash[2 * p] = hi[i]!;
      hash[2 * p + 1] = lo[i]!;
      ids[p] = i;
    }
    // The placement pass advanced every start to its bucket's end; shift them back.
    start.copyWithin(1, 0, size);
    start[0] = 0;

    const groups = flipMasks(width, radius);
    for (let v = 0; v < size; v++) {
      if (start[v] === start[v + 1]) continue;
      hits.length = 0;
      scanBucket(v, width, start, hash, groups, threshold, hits);
      for (let k = 0; k < hits.length; k++) {
        const p = hits.a[k]!;
        const q = hits.b[k]!;
        if (!seenEarlier(hash, p, q, blocks, b)) out.push(ids[p]!, ids[q]!, hits.d[k]!);
      }
    }
  }
  return out.finish();
}

/** A pair close enough in an earlier block was already reported when that block was scanned. */
function seenEarlier(hash: Int32Array, p: number, q: number, blocks: readonly Block[], b: number): boolean {
  const xh = hash[2 * p]! ^ hash[2 * q]!;
  const xl = hash[2 * p + 1]! ^ hash[2 * q + 1]!;
  for (let e = 0; e < b; e++) {
    const { shift, width, radius } = blocks[e]!;
    if (popcount32(keyOf(xh, xl, shift, width >= 32 ? -1 : (1 << width) - 1)) <= radius) return true;
  }
  return false;
}
