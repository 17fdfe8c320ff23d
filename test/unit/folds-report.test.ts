import { describe, expect, it } from 'vitest';
import {
  assignFolds,
  foldReport,
  leakageMatrix,
  leakedPairs,
  mulberry32,
  syntheticFoldItems,
  type FoldAssignment,
  type FoldItem,
} from '../../src/main/core/folds/index.ts';

const near = (x: number): number => expect.closeTo(x, 12) as number;
const assignment = (k: number, pairs: [number, number][]): FoldAssignment => ({ k, foldOf: new Map(pairs) });

describe('foldReport', () => {
  const items: FoldItem[] = [
    { key: 1, label: 'b', group: 'x' },
    { key: 2, label: 'b', group: 'x' },
    { key: 3, label: 'a', group: null },
    { key: 4, label: null, group: 'y' },
    { key: 5, label: 'a', group: 'y' },
    { key: 6, label: 'a', group: null },
    { key: 7, label: 'b', group: null }, // never assigned
  ];

  it('counts sizes, per-label rows (null first), deviations, split groups, empty folds and unassigned items', () => {
    const rep = foldReport(
      items,
      assignment(3, [
        [1, 0],
        [2, 1],
        [3, 0],
        [4, 1],
        [5, 1],
        [6, 0],
      ]),
    );
    expect(rep).toEqual({
      k: 3,
      sizes: [3, 3, 0],
      perLabel: [
        { label: null, counts: [0, 1, 0], ideal: near(1 / 3), maxDeviation: near(2 / 3) },
        { label: 'a', counts: [2, 1, 0], ideal: 1, maxDeviation: 1 },
        { label: 'b', counts: [1, 1, 0], ideal: near(2 / 3), maxDeviation: near(2 / 3) },
      ],
      maxSizeDeviation: 2,
      groupsSplit: 1, // x sits in folds 0 and 1; y is whole
      emptyFolds: [2],
      unassigned: 1,
    });
  });

  it('rejects folds outside 0..k-1', () => {
    expect(() => foldReport(items, assignment(2, [[1, 2]]))).toThrow(/outside/);
  });
});

describe('leakageMatrix', () => {
  it('counts cross-fold pairs symmetrically with a zero diagonal, skipping unknown keys', () => {
    const a = assignment(3, [
      [10, 0],
      [11, 0],
      [12, 1],
      [13, 2],
      [14, 2],
    ]);
    const pairs: [number, number][] = [
      [10, 11],
      [10, 12],
      [12, 10],
      [11, 13],
      [13, 14],
      [12, 14],
      [10, 99],
    ];
    const m = leakageMatrix(pairs, a, 3);
    expect(m).toEqual([
      [0, 2, 1],
      [2, 0, 1],
      [1, 1, 0],
    ]);
    expect(leakedPairs(m)).toBe(4);
    expect(() => leakageMatrix([[10, 13]], a, 2)).toThrow(/outside 0..1/);
  });

  /** Near-duplicate pairs in chains and stars, and the single-linkage clusters they form. */
  function pairsAndClusters(items: FoldItem[], seed: number): { pairs: [number, number][]; clustered: FoldItem[] } {
    const r = mulberry32(seed);
    const keys = items.map((it) => it.key);
    const pairs: [number, number][] = [];
    for (let p = 0; p < items.length / 4; p++) {
      const a = keys[Math.floor(r() * keys.length)]!;
      // Mostly near neighbours in key order, so clusters grow into chains as real duplicates do.
      const b = keys[Math.min(keys.length - 1, keys.indexOf(a) + 1 + Math.floor(r() * 3))]!;
      if (a !== b) pairs.push([a, b]);
    }
    const parent = new Map<number, number>(keys.map((key) => [key, key]));
    const find = (x: number): number => {
      while (parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (const [a, b] of pairs) parent.set(find(a), find(b));
    const clustered = items.map((it) => ({ ...it, group: `dup-${find(it.key)}` }));
    return { pairs, clustered };
  }

  it('is all zeros when the pairs’ clusters are given as groups, and not without groups', () => {
    for (const seed of [1, 2, 3]) {
      const items = syntheticFoldItems(3000, { seed, labels: 5 });
      const { pairs, clustered } = pairsAndClusters(items, seed);
      for (const k of [2, 5, 15]) {
        const grouped = leakageMatrix(pairs, assignFolds(clustered, { k, seed }), k);
        expect(grouped.flat().every((x) => x === 0)).toBe(true);
        const loose = assignFolds(clustered, { k, seed, groups: false });
        const m = leakageMatrix(pairs, loose, k);
        const crossing = pairs.filter(([a, b]) => loose.foldOf.get(a) !== loose.foldOf.get(b)).length;
        expect(leakedPairs(m)).toBe(crossing);
        expect(crossing).toBeGreaterThan(pairs.length / 4); // ≈ (k−1)/k of the pairs leak by chance
        for (let i = 0; i < k; i++) {
          expect(m[i]![i]).toBe(0);
          for (let j = 0; j < k; j++) expect(m[i]![j]).toBe(m[j]![i]);
        }
      }
    }
  });
});

describe('performance', () => {
  it('assigns 1,000,000 items in ~50k groups with 10 labels into 5 folds in well under a few seconds', () => {
    // Key order, as rows come from the catalog; shuffled objects scattered in memory cost ~1.5×.
    const items = syntheticFoldItems(1_000_000, { seed: 42, labels: 10, groups: 50_000, grouped: 0.3, shuffle: false });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const a = assignFolds(items, { k: 5, seed: 42 });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const rep = foldReport(items, a);
    const reportMs = performance.now() - t0 - ms;
    const took = `${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (foldReport ${reportMs.toFixed(0)} ms)`;
    console.log(`assignFolds 1M items / 50k groups / 10 labels / k=5: ${took}`);
    expect(a.foldOf.size).toBe(1_000_000);
    expect(rep.groupsSplit).toBe(0);
    expect(rep.maxSizeDeviation).toBeLessThanOrEqual(10);
    for (const row of rep.perLabel) expect(row.maxDeviation).toBeLessThan(10);
    // A guard for gross (complexity) regressions only, on CPU time so a busy machine cannot break it:
    // ~1.7 s here; a quadratic slip would take minutes. The figure itself is the bench's.
    expect(cpuMs).toBeLessThan(30_000);
  });
});
