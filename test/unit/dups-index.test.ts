import { describe, expect, it } from 'vitest';
import {
  bruteForcePairs,
  clusterCount,
  clustersFromPairs,
  distanceHistogram,
  emptyHashes,
  findPairs,
  findPairsFor,
  fromBigInts,
  SearchPool,
  shareBlocks,
  hamming,
  planSearch,
  sortPairs,
  syntheticHashes,
  thresholdSweep,
  toBigInt,
  UnionFind,
  type HashArray,
  type PairList,
} from '../../src/main/core/dups/index.ts';

const asTriples = (p: PairList): [number, number, number][] => {
  const s = sortPairs(p);
  return Array.from({ length: s.length }, (_, k) => [s.a[k]!, s.b[k]!, s.d[k]!]);
};

/** Pairs of a list within threshold t (brute force once at the largest t, then filter). */
const within = (p: PairList, t: number): [number, number, number][] => asTriples(p).filter(([, , d]) => d <= t);

const popcount64 = (x: bigint): number =>
  x
    .toString(2)
    .split('')
    .filter((c) => c === '1').length;

describe('hashes and hamming', () => {
  it('round-trips BigInts (signed SQLite form too) and matches a BigInt popcount', () => {
    const values = [0n, 1n, (1n << 64n) - 1n, 0x8000000000000000n, 0x0123456789abcdefn, -1n];
    const h = fromBigInts(values);
    expect(toBigInt(h, 4)).toBe(0x0123456789abcdefn);
    expect(toBigInt(h, 5)).toBe((1n << 64n) - 1n);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        const want = popcount64(BigInt.asUintN(64, values[i]! ^ values[j]!));
        expect(hamming(h.hi[i]!, h.lo[i]!, h.hi[j]!, h.lo[j]!)).toBe(want);
      }
    }
  });
});

describe('findPairs (multi-index hashing) agrees exactly with brute force', () => {
  const data = new Map<number, { h: HashArray; brute: PairList }>();
  const dataOf = (n: number): { h: HashArray; brute: PairList } => {
    if (!data.has(n)) {
      const h = syntheticHashes(n, { seed: n, copyRate: 0.1 });
      data.set(n, { h, brute: bruteForcePairs(h, 12) });
    }
    return data.get(n)!;
  };

  for (const n of [50, 2_000, 10_000]) {
    for (const t of [0, 1, 4, 8, 12]) {
      it(`n=${n}, threshold ${t}`, () => {
        const { h, brute } = dataOf(n);
        const want = within(brute, t);
        expect(asTriples(findPairs(h, t))).toEqual(want);
        if (n >= 2_000) expect(want.length).toBeGreaterThan(0);
      });
    }
  }

  it('uses blocks (not the brute-force fallback) at these sizes, and any forced plan is exact', () => {
    expect(planSearch(10_000, 8).blocks.length).toBeGreaterThan(1);
    const { h, brute } = dataOf(2_000);
    const want = within(brute, 6);
    // Uncovered bits, unequal widths, a block straddling the 32-bit halves, radius up to 3.
    const plans = [
      [
        { shift: 0, width: 16, radius: 3 },
        { shift: 16, width: 24, radius: 3 },
      ],
      [
        { shift: 28, width: 8, radius: 1 },
        { shift: 40, width: 12, radius: 2 },
        { shift: 5, width: 10, radius: 1 },
      ],
      [{ shift: 57, width: 7, radius: 6 }],
    ];
    for (const blocks of plans) expect(asTriples(findPairs(h, 6, { blocks }))).toEqual(want);
    // Plans that could miss pairs are refused rather than run.
    expect(() =>
      findPairs(h, 6, {
        blocks: [
          { shift: 0, width: 16, radius: 2 },
          { shift: 16, width: 16, radius: 2 },
        ],
      }),
    ).toThrow(/miss/);
    expect(() =>
      findPairs(h, 1, {
        blocks: [
          { shift: 0, width: 16, radius: 1 },
          { shift: 8, width: 16, radius: 1 },
        ],
      }),
    ).toThrow(/overlap/);
  });

  it('findPairsFor (queries against all) gives exactly the brute-force pairs that involve a query', () => {
    for (const n of [50, 2_000, 10_000]) {
      const { h, brute } = dataOf(n);
      for (const [t, every] of [
        [0, 7],
        [4, 5],
        [8, 3],
        [12, 20],
      ] as const) {
        const isQuery = new Uint8Array(n);
        for (let i = 0; i < n; i += every) isQuery[i] = 1;
        const want = within(brute, t).filter(([a, b]) => isQuery[a] || isQuery[b]);
        expect(asTriples(findPairsFor(h, isQuery, t)), `n=${n} t=${t}`).toEqual(want);
        if (n >= 2_000 && t >= 4) expect(want.length).toBeGreaterThan(0);
      }
    }
    const { h, brute } = dataOf(2_000);
    const isQuery = new Uint8Array(2_000).map((_, i) => (i % 11 === 0 ? 1 : 0));
    const want = within(brute, 6).filter(([a, b]) => isQuery[a] || isQuery[b]);
    expect(
      asTriples(
        findPairsFor(h, isQuery, 6, [
          { shift: 28, width: 8, radius: 1 },
          { shift: 40, width: 12, radius: 2 },
          { shift: 5, width: 10, radius: 1 },
        ]),
      ),
    ).toEqual(want);
    expect(findPairsFor(h, new Uint8Array(2_000), 6).length).toBe(0);
  });

  it('SearchPool (blocks shared among threads) finds exactly the pairs of findPairs', async () => {
    const pool = new SearchPool(2);
    try {
      for (const [n, t] of [
        [10_000, 8],
        [10_000, 12],
        [50, 4],
      ] as const) {
        const { h } = dataOf(n);
        expect(asTriples(await pool.findPairs(h, t)), `n=${n} t=${t}`).toEqual(asTriples(findPairs(h, t)));
      }
      const { h } = dataOf(10_000);
      const sweep = await pool.sweep(h, 12);
      expect(sweep.histogram).toEqual(thresholdSweep(h, 12).histogram);
      expect(sweep.clusters).toEqual(thresholdSweep(h, 12).clusters);
    } finally {
      await pool.close();
    }
    // Shares cover every block exactly once.
    const blocks = planSearch(100_000, 12).blocks;
    const shares = shareBlocks(100_000, blocks, 2);
    expect(shares.length).toBe(2);
    expect(shares.flat().sort()).toEqual(blocks.map((_, i) => i));
  });

  it('handles n=0, n=1, identical hashes and all-ones', () => {
    expect(findPairs(emptyHashes(0), 8).length).toBe(0);
    expect(findPairs(fromBigInts([123n]), 8).length).toBe(0);
    const ones = (1n << 64n) - 1n;
    // 2,000 copies: 2M pairs, so the kernel has to grow its memory while writing them.
    const same = fromBigInts(Array.from({ length: 2_000 }, () => ones));
    const all = findPairs(same, 0, { blocks: planSearch(100_000, 0).blocks });
    expect(all.length).toBe((2_000 * 1_999) / 2);
    // Every (a < b) exactly once, at distance 0.
    const keys = new Float64Array(all.length);
    let bad = 0;
    for (let k = 0; k < all.length; k++) {
      if (!(all.a[k]! < all.b[k]!) || all.d[k] !== 0) bad++;
      keys[k] = all.a[k]! * 2_000 + all.b[k]!;
    }
    keys.sort();
    for (let k = 1; k < keys.length; k++) if (keys[k] === keys[k - 1]) bad++;
    expect(bad).toBe(0);
    const mixed = fromBigInts([0n, ones, ones ^ 1n, 1n, ones, 0n]);
    for (const t of [0, 1, 63, 64]) expect(asTriples(findPairs(mixed, t))).toEqual(asTriples(bruteForcePairs(mixed, t)));
    expect(() => findPairs(mixed, -1)).toThrow(RangeError);
  });
});

describe('UnionFind', () => {
  it('joins sets, tracks sizes and counts, and ignores repeated unions', () => {
    const uf = new UnionFind(6);
    expect(uf.sets).toBe(6);
    // union answers the new root: with equal sizes, the first argument's.
    expect(uf.union(0, 1)).toBe(0);
    expect(uf.union(2, 3)).toBe(2);
    expect(uf.union(1, 0)).toBe(-1);
    expect(uf.union(1, 3)).toBe(0);
    expect(uf.find(3)).toBe(0);
    expect(uf.sets).toBe(3);
    expect(uf.connected(0, 2)).toBe(true);
    expect(uf.connected(0, 4)).toBe(false);
    expect(uf.size[uf.find(3)]).toBe(4);
  });

  it('matches a naive labelling on a long chain and random edges', () => {
    const n = 5_000;
    const uf = new UnionFind(n);
    const label = Int32Array.from({ length: n }, (_, i) => i);
    let seed = 9;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    for (let k = 0; k < 3_000; k++) {
      const a = k < 1_000 ? k : rand();
      const b = k < 1_000 ? k + 1 : rand();
      uf.union(a, b);
      const [from, to] = [label[a]!, label[b]!];
      if (from !== to) for (let i = 0; i < n; i++) if (label[i] === from) label[i] = to;
    }
    for (let k = 0; k < 2_000; k++) {
      const a = rand();
      const b = rand();
      expect(uf.connected(a, b)).toBe(label[a] === label[b]);
    }
    expect(uf.sets).toBe(new Set(label).size);
  });
});

describe('clusters', () => {
  it('links transitively and leaves singletons out', () => {
    const pairs = { a: Uint32Array.of(0, 5, 1, 7), b: Uint32Array.of(4, 6, 4, 8), d: Uint8Array.of(1, 2, 3, 0), length: 4 };
    const { clusterOf, clusters } = clustersFromPairs(10, pairs);
    expect(clusters).toEqual([
      [0, 1, 4],
      [5, 6],
      [7, 8],
    ]);
    expect(Array.from(clusterOf)).toEqual([0, 0, -1, -1, 0, 1, 1, 2, 2, -1]);
    expect(clustersFromPairs(0, { a: new Uint32Array(0), b: new Uint32Array(0), d: new Uint8Array(0), length: 0 }).clusters).toEqual([]);
  });

  it('finds planted near-copies: 0–3 flips from a random source are within threshold 3', () => {
    const base = fromBigInts([0x0123456789abcdefn, 0xfedcba9876543210n, 0x0f0f0f0f0f0f0f0fn]);
    const flip = (i: number, bits: number[]): bigint => bits.reduce((h, b) => h ^ (1n << BigInt(b)), toBigInt(base, i));
    const h = fromBigInts([toBigInt(base, 0), toBigInt(base, 1), toBigInt(base, 2), flip(0, [0, 33, 63]), flip(1, [5]), flip(1, [5, 40])]);
    expect(clustersFromPairs(6, findPairs(h, 3)).clusters).toEqual([
      [0, 3],
      [1, 4, 5],
    ]);
  });
});

describe('histogram and threshold sweep', () => {
  const h = syntheticHashes(6_000, { seed: 42, copyRate: 0.15 });
  const max = 12;
  const brute = bruteForcePairs(h, max);

  it('histogram equals the brute-force histogram', () => {
    const want = new Array<number>(max + 1).fill(0);
    for (let k = 0; k < brute.length; k++) want[brute.d[k]!]!++;
    expect(distanceHistogram(h, max)).toEqual(want);
  });

  it('cluster counts at every threshold equal clustering from scratch at that threshold', () => {
    const sweep = thresholdSweep(h, max);
    expect(sweep.pairs.length).toBe(brute.length);
    for (let t = 0; t <= max; t++) {
      const atT = within(brute, t);
      const { clusters } = clustersFromPairs(6_000, {
        a: Uint32Array.from(atT, (x) => x[0]),
        b: Uint32Array.from(atT, (x) => x[1]),
        d: Uint8Array.from(atT, (x) => x[2]),
        length: atT.length,
      });
      expect(sweep.clusters[t]).toBe(clusters.length);
      expect(sweep.clustered[t]).toBe(clusters.reduce((s, c) => s + c.length, 0));
    }
    expect(clusterCount(h, 8)).toBe(sweep.clusters[8]);
    expect(sweep.clusters[max]).toBeGreaterThan(0);
  });
});
