// Chooses the blocks for multi-index hashing from a cost model of uniformly random hashes.
export interface Block {
  /** Lowest bit of the block within the 64-bit hash. */
  shift: number;
  width: number;
  /** Keys within this many bits of each other are compared. */
  radius: number;
}

export interface Plan {
  /** Empty when comparing every pair is cheaper (small n or very large thresholds). */
  blocks: Block[];
  /** Model cost in arbitrary units (≈ nanoseconds on the machine the constants were fitted on). */
  cost: number;
}

/** Largest block width: the bucket table is 4·2^width bytes. */
export const MAX_WIDTH = 24;
const MIN_WIDTH = 4;

function ball(width: number, radius: number): number {
  let v = 1;
  let c = 1;
  for (let k = 1; k <= radius; k++) {
    c = (c * (width - k + 1)) / k;
    v += c;
  }
  return v;
}

// Nanosecond costs fitted by least squares to single-block runs (n 30k–1M, widths 10–22, radii
// 0–3) on a 2-core AMD EPYC VM. Buckets are dear because a fresh table is paged in on first touch
// and the counting sort scatters; a bucket pair costs its loop setup and mispredicted loop exits;
// a candidate is one wasm popcount. Brute force is the plain JavaScript loop in pairs.ts.
const PER_BUCKET = 10;
const PER_ITEM = 47;
const PER_PROBE = 2.8;
const PER_BUCKET_PAIR = 13;
const PER_CANDIDATE = 0.6;
const PER_BRUTE_PAIR = 4;

/** Model cost of one block for n uniformly random hashes. */
export function blockCost(n: number, width: number, radius: number): number {
  const size = 2 ** width;
  const fill = -Math.expm1(-n / size); // chance a bucket is non-empty
  const probes = size * fill * ((ball(width, radius) - 1) / 2);
  const candidates = ((n * (n - 1)) / 2) * (ball(width, radius) / size);
  return PER_BUCKET * size + PER_ITEM * n + probes * (PER_PROBE + PER_BUCKET_PAIR * fill) + PER_CANDIDATE * candidates;
}

/**
 * Cheapest set of disjoint blocks for the pigeonhole bound. Searched blocks need not cover all
 * 64 bits: if d(x, y) ≤ t then the searched blocks' distances sum to ≤ t, so one of them has
 * d_b ≤ r_b whenever Σ(r_b + 1) ≥ t + 1. A knapsack over (units of the bound, bits used) finds
 * the cheapest choice of widths and radii; brute force wins for small n or large t.
 */
export function planSearch(n: number, threshold: number): Plan {
  const brute: Plan = { blocks: [], cost: PER_BRUTE_PAIR * ((n * (n - 1)) / 2) };
  // Past ~24 of 64 bits no block split beats comparing every pair.
  if (threshold > 24) return brute;
  const units = threshold + 1;
  const best: { cost: number; width: number; radius: number }[][] = [];
  for (let u = 0; u <= units; u++) {
    best.push([]);
    for (let bits = 0; bits <= 64; bits++) {
      let cell = { cost: u === 0 ? 0 : Infinity, width: 0, radius: -1 };
      for (let width = MIN_WIDTH; u > 0 && width <= Math.min(MAX_WIDTH, bits); width++) {
        for (let radius = 0; radius < u; radius++) {
          const cost = best[u - radius - 1]![bits - width]!.cost + blockCost(n, width, radius);
          if (cost < cell.cost) cell = { cost, width, radius };
        }
      }
      best[u]!.push(cell);
    }
  }
  if (!(best[units]![64]!.cost < brute.cost)) return brute;
  const blocks: Block[] = [];
  for (let u = units, bits = 64, shift = 0; u > 0;) {
    const { width, radius } = best[u]![bits]!;
    blocks.push({ shift, width, radius });
    shift += width;
    bits -= width;
    u -= radius + 1;
  }
  return { blocks, cost: best[units]![64]!.cost };
}

/** Throws unless the blocks are disjoint, fit in 64 bits and satisfy the pigeonhole bound for t. */
export function checkBlocks(blocks: readonly Block[], threshold: number): void {
  let used = 0n;
  let units = 0;
  for (const { shift, width, radius } of blocks) {
    if (!(width >= 1 && width <= MAX_WIDTH && shift >= 0 && shift + width <= 64 && radius >= 0)) {
      throw new RangeError(`bad block ${JSON.stringify({ shift, width, radius })}`);
    }
    const bits = ((1n << BigInt(width)) - 1n) << BigInt(shift);
    if (used & bits) throw new RangeError('blocks overlap');
    used |= bits;
    units += radius + 1;
  }
  if (blocks.length > 0 && units <= threshold) {
    throw new RangeError(`blocks can miss pairs: Σ(radius + 1) = ${units} must exceed the threshold ${threshold}`);
  }
}
