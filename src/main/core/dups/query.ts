// Multi-index hashing from the side of a few query items: every pair within the threshold that
// involves at least one query, against all items. This is what incremental clustering needs after
// an import adds k images to n (k << n): the all-pairs search (mih.ts) walks every bucket of every
// block, this walks only the buckets near each query, O(n) per block to build the tables plus
// O(k x probes). Same blocks and the same first-block-wins rule as mih.ts, so each pair is
// reported once, and exactly the pairs findPairs would report that involve a query.
import { int32Views, popcount32, type HashArray } from './hamming.ts';
import { flipMasks, keyOf } from './mih.ts';
import { PairBuilder, type PairList } from './pairs.ts';
import { queryBuckets } from './query-kernel.ts';
import { checkBlocks, planSearch, type Block } from './plan.ts';

const blockMask = (width: number): number => (width >= 32 ? -1 : (1 << width) - 1);

/**
 * Every pair i<j with Hamming distance <= threshold where isQuery[i] or isQuery[j], exactly once,
 * in no particular order. `blocks` overrides the planner (tests).
 */
export function findPairsFor(hashes: HashArray, isQuery: Uint8Array, threshold: number, blocks?: Block[]): PairList {
  const n = hashes.hi.length;
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`threshold must be a non-negative integer, got ${threshold}`);
  const out = new PairBuilder();
  const queries: number[] = [];
  for (let i = 0; i < n; i++) if (isQuery[i]) queries.push(i);
  if (n < 2 || queries.length === 0) return out.finish();
  const { hi, lo } = int32Views(hashes);
  const plan = blocks ?? planSearch(n, threshold).blocks;
  checkBlocks(plan, threshold);
  // A pair first comes within reach in block `current`; earlier blocks reported it already.
  const seenEarlier = (xh: number, xl: number, current: number): boolean => {
    for (let b = 0; b < current; b++) {
      const e = plan[b]!;
      if (popcount32(keyOf(xh, xl, e.shift, blockMask(e.width))) <= e.radius) return true;
    }
    return false;
  };
  if (plan.length === 0) {
    // Brute force over the queries (the planner's choice for small n).
    for (const q of queries) {
      for (let j = 0; j < n; j++) {
        if (j === q || (isQuery[j] && j < q)) continue;
        const d = popcount32(hi[q]! ^ hi[j]!) + popcount32(lo[q]! ^ lo[j]!);
        if (d <= threshold) out.push(q, j, d);
      }
    }
    return out.finish();
  }
  const keys = new Int32Array(n);
  const ids = new Int32Array(n);
  // Hashes in bucket order: a bucket's candidates are then read contiguously, not scattered
  // over n items (a cache miss each at a million items).
  const sortedHi = new Int32Array(n);
  const sortedLo = new Int32Array(n);
  for (let current = 0; current < plan.length; current++) {
    const { shift, width, radius } = plan[current]!;
    const mask = blockMask(width);
    const start = new Int32Array(2 ** width + 1);
    for (let i = 0; i < n; i++) {
      keys[i] = keyOf(hi[i]!, lo[i]!, shift, mask);
      start[keys[i]! + 1]!++;
    }
    for (let v = 0; v < 2 ** width; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, 2 ** width);
    for (let i = 0; i < n; i++) {
      const p = fill[keys[i]!]!++;
      ids[p] = i;
      sortedHi[p] = hi[i]!;
      sortedLo[p] = lo[i]!;
    }
    const probes = Int32Array.from([0, ...flipMasks(width, radius).flatMap((g) => [...g])]);
    // Queries in key order: for a fixed mask, key ^ mask then walks the table roughly in order.
    const byKey = Int32Array.from(queries).sort((x, y) => keys[x]! - keys[y]!);
    const qKeys = byKey.map((q) => keys[q]!);
    const qLo = byKey.map((q) => lo[q]!);
    const qHi = byKey.map((q) => hi[q]!);
    queryBuckets(start, sortedLo, sortedHi, probes, qKeys, qLo, qHi, threshold, (qi, p, d) => {
      const q = byKey[qi]!;
      const j = ids[p]!;
      // Two queries meet from both sides: keep the meeting from the smaller one.
      if (j === q || (isQuery[j] && j < q) || seenEarlier(qHi[qi]! ^ sortedHi[p]!, qLo[qi]! ^ sortedLo[p]!, current)) return;
      out.push(q, j, d);
    });
  }
  return out.finish();
}
