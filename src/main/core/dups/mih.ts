// Multi-index hashing (Norouzi, Punjani & Fleet 2012) for all pairs within a Hamming threshold.
// Split the 64 bits into disjoint blocks; if d(x, y) ≤ t and blocks b get radii r_b with
// Σ(r_b + 1) ≥ t + 1, some block must differ by ≤ r_b (pigeonhole), so only pairs whose keys
// are that close in some block are candidates. Each block is a counting sort of the items by key
// (a direct-address bucket table), and close buckets are compared member by member in wasm
// (kernel.ts); this file builds the tables and removes pairs already reported by an earlier block.
import { int32Views, popcount32, type HashArray } from './hamming.ts';
import { bruteForcePairs, PairBuilder, type PairList } from './pairs.ts';
import { scanKernel, wasmMemory } from './kernel.ts';
import { checkBlocks, planSearch, type Block } from './plan.ts';

export interface SearchOptions {
  /** Override the planner (benchmarks and tests compare plans with this); [] means brute force. */
  blocks?: Block[];
  /**
   * Scan only these blocks of the plan (parallel.ts gives each thread a share). A pair is reported
   * by the first block that reaches it whoever scans that block, so the shares' results are disjoint
   * and together equal the whole search.
   */
  only?: readonly number[];
}

/** Bits [shift, shift + width) of the 64-bit hash (hi, lo), as `mask` selects them. */
export function keyOf(hi: number, lo: number, shift: number, mask: number): number {
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

/** Every pair i<j with Hamming distance ≤ threshold, exactly once, in no particular order. */
export function findPairs(hashes: HashArray, threshold: number, opts: SearchOptions = {}): PairList {
  const n = hashes.hi.length;
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`threshold must be a non-negative integer, got ${threshold}`);
  const out = new PairBuilder();
  if (n < 2) return out.finish();
  const blocks = opts.blocks ?? planSearch(n, threshold).blocks;
  checkBlocks(blocks, threshold);
  if (blocks.length === 0) return bruteForcePairs(hashes, threshold);
  const { hi, lo } = int32Views(hashes);
  const keys = new Int32Array(n);
  const ids = new Int32Array(n);
  const groups = blocks.map((bl) => flipMasks(bl.width, bl.radius));
  // One wasm memory laid out as [bucket starts | hashes in bucket order | masks | group starts | hits].
  const maxSize = Math.max(...blocks.map((bl) => 2 ** bl.width));
  const maxMasks = Math.max(...groups.map((g) => g.reduce((s, x) => s + x.length, 0)));
  const maxWidth = Math.max(...blocks.map((bl) => bl.width));
  const offHash = align(4 * (maxSize + 1), 8);
  const offMasks = offHash + 8 * n;
  const offGroups = offMasks + 4 * maxMasks;
  const offOut = align(offGroups + 4 * (maxWidth + 1), 8);
  const memory = wasmMemory(offOut + (1 << 20));
  const scan = scanKernel(memory);

  for (const b of opts.only ?? blocks.keys()) {
    const { shift, width } = blocks[b]!;
    const mask = width >= 32 ? -1 : (1 << width) - 1;
    const size = 2 ** width;
    let mem = new Int32Array(memory.buffer);
    const start = mem.subarray(0, size + 1);
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const k = keyOf(hi[i]!, lo[i]!, shift, mask);
      keys[i] = k;
      start[k + 1]!++;
    }
    for (let v = 0; v < size; v++) start[v + 1]! += start[v]!;
    // Items in bucket order so each bucket's hashes are contiguous for the comparison loops.
    const hash = mem.subarray(offHash / 4, offHash / 4 + 2 * n);
    for (let i = 0; i < n; i++) {
      const p = start[keys[i]!]!++;
      hash[2 * p] = lo[i]!;
      hash[2 * p + 1] = hi[i]!;
      ids[p] = i;
    }
    // The placement pass advanced every start to its bucket's end; shift them back.
    start.copyWithin(1, 0, size);
    start[0] = 0;
    let m = offMasks / 4;
    for (let h = 0; h < width; h++) {
      mem[offGroups / 4 + h] = m - offMasks / 4;
      mem.set(groups[b]![h]!, m);
      m += groups[b]![h]!.length;
    }
    mem[offGroups / 4 + width] = m - offMasks / 4;

    for (let v = 0; v < size; v += CHUNK) {
      // wasm returns an i32; past 2 GiB of hits (degenerate data) it would read as negative.
      const end = scan(0, v, Math.min(size, v + CHUNK), offHash, offMasks, offGroups, width, threshold, offOut) >>> 0;
      if (end === offOut) continue;
      mem = new Int32Array(memory.buffer); // scan may have grown (and so replaced) the buffer
      for (let o = offOut / 4; o < end / 4; o += 3) {
        const p = (mem[o]! - offHash) / 8;
        const q = (mem[o + 1]! - offHash) / 8;
        if (!seenEarlier(mem, offHash / 4, p, q, blocks, b)) out.push(ids[p]!, ids[q]!, mem[o + 2]!);
      }
    }
  }
  return out.finish();
}

// Buckets per kernel call: small enough for V8 to swap in optimised wasm early, large enough
// that the call overhead is noise.
const CHUNK = 512;
const align = (x: number, a: number): number => Math.ceil(x / a) * a;

/** A pair close enough in an earlier block was already reported when that block was scanned. */
function seenEarlier(mem: Int32Array, hash: number, p: number, q: number, blocks: readonly Block[], b: number): boolean {
  const xl = mem[hash + 2 * p]! ^ mem[hash + 2 * q]!;
  const xh = mem[hash + 2 * p + 1]! ^ mem[hash + 2 * q + 1]!;
  for (let e = 0; e < b; e++) {
    const { shift, width, radius } = blocks[e]!;
    if (popcount32(keyOf(xh, xl, shift, width >= 32 ? -1 : (1 << width) - 1)) <= radius) return true;
  }
  return false;
}
