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

function ball(width: number, radius: number): number {
  let v = 1;
  let c = 1;
  for (let k = 1; k <= radius; k++) {
    c = (c * (width - k + 1)) / k;
    v += c;
  }
  return v;
}

// Nanosecond costs fitted by scripts/bench/cluster.ts-style runs (see mih.ts for the loops).
const PER_BUCKET = 1.2;
const PER_ITEM = 12;
const PER_LOOKUP = 2.5;
const PER_CANDIDATE = 1.5;

export function blockCost(n: number, width: number, radius: number): number {
  const size = 2 ** width;
  const occupied = size * -Math.expm1(-n / size);
  const v = ball(width, radius);
  const candidates = ((n * (n - 1)) / 2) * (v / size);
  return PER_BUCKET * size + PER_ITEM * n + PER_LOOKUP * occupied * (v - 1) + PER_CANDIDATE * candidates;
}

/** Partitions of `total` into at most `parts` positive parts, largest first. */
function partitions(total: number, parts: number, max = total): number[][] {
  if (total === 0) return [[]];
  if (parts === 0) return [];
  const out: number[][] = [];
  for (let first = Math.min(max, total); first >= 1; first--) {
    for (const rest of partitions(total - first, parts - 1, first)) out.push([first, ...rest]);
  }
  return out;
}

/**
 * Cheapest plan over m near-equal blocks and every split of the t+1 "units" of the pigeonhole
 * bound among them (a block with u units is searched at radius u−1; blocks with none are skipped).
 */
export function planSearch(n: number, threshold: number): Plan {
  let best: Plan = { blocks: [], cost: PER_CANDIDATE * ((n * (n - 1)) / 2) };
  // Beyond ~24 bits of 64 no block split beats brute force, and the partitions grow fast.
  if (threshold > 24) return best;
  for (let m = Math.ceil(64 / MAX_WIDTH); m <= 16; m++) {
    const widths = Array.from({ length: m }, (_, i) => Math.floor(64 / m) + (i < 64 % m ? 1 : 0));
    const shifts = widths.map((_, i) => widths.slice(0, i).reduce((s, w) => s + w, 0));
    for (const units of partitions(threshold + 1, m)) {
      // Wider blocks take the larger radii: they have fewer keys per bucket.
      const blocks = units.map((u, i) => ({ shift: shifts[i]!, width: widths[i]!, radius: u - 1 }));
      const cost = blocks.reduce((s, b) => s + blockCost(n, b.width, b.radius), 0);
      if (cost < best.cost) best = { blocks, cost };
    }
  }
  return best;
}
