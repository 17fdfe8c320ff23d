import { describe, expect, it } from 'vitest';
import {
  assignFolds,
  foldReport,
  mulberry32,
  shuffleInPlace,
  syntheticFoldItems,
  type FoldAssignment,
  type FoldItem,
} from '../../src/main/core/folds/index.ts';

const spread = (xs: readonly number[]): number => Math.max(...xs) - Math.min(...xs);
const entries = (a: FoldAssignment): [number, number][] => [...a.foldOf.entries()];

/** A random label mix: 0–400 items, 1–15 labels (many rarer than k), sometimes null labels. */
function randomMix(trial: number): { items: FoldItem[]; k: number } {
  const r = mulberry32(1000 + trial);
  const k = 2 + Math.floor(r() * 11);
  const n = Math.floor(r() * 401);
  const items = syntheticFoldItems(n, {
    seed: trial,
    labels: 1 + Math.floor(r() * 15),
    nullLabels: r() < 0.3 ? r() * 0.3 : 0,
  });
  return { items, k };
}

function expectStratifiedPlusMinusOne(items: FoldItem[], a: FoldAssignment, k: number): void {
  expect(a.foldOf.size).toBe(items.length);
  for (const it of items) {
    const f = a.foldOf.get(it.key)!;
    expect(Number.isInteger(f) && f >= 0 && f < k).toBe(true);
  }
  const rep = foldReport(items, a);
  expect(spread(rep.sizes)).toBeLessThanOrEqual(1);
  for (const row of rep.perLabel) expect(spread(row.counts), `label ${row.label}`).toBeLessThanOrEqual(1);
  expect(rep.maxSizeDeviation).toBeLessThan(1);
  for (const row of rep.perLabel) expect(row.maxDeviation).toBeLessThan(1);
}

describe('assignFolds: stratified, no groups (StratifiedKFold with shuffle)', () => {
  it('keeps fold sizes and every label within ±1 at once over 400 random label mixes', () => {
    let rareLabels = 0;
    let nullLabels = 0;
    for (let trial = 0; trial < 400; trial++) {
      const { items, k } = randomMix(trial);
      const a = assignFolds(items, { k, seed: trial, groups: false });
      expectStratifiedPlusMinusOne(items, a, k);
      for (const row of foldReport(items, a).perLabel) {
        if (row.ideal * k < k) rareLabels++;
        if (row.label === null) nullLabels++;
      }
    }
    // The mixes really exercised labels with fewer members than k, and null labels.
    expect(rareLabels).toBeGreaterThan(100);
    expect(nullLabels).toBeGreaterThan(50);
  });

  it('gives the same guarantees with groups on when every group is a singleton (null or unique names)', () => {
    for (let trial = 0; trial < 200; trial++) {
      const { items, k } = randomMix(trial);
      const named = items.map((it, i) => ({ ...it, group: i % 2 ? `solo-${it.key}` : null }));
      expectStratifiedPlusMinusOne(named, assignFolds(named, { k, seed: trial }), k);
      // Singleton groups are not a constraint, so they change nothing.
      expect(entries(assignFolds(named, { k, seed: trial }))).toEqual(entries(assignFolds(items, { k, seed: trial, groups: false })));
    }
  });

  it('holds for the textbook cases: N < k, N = k, one label, all-null labels, empty input', () => {
    const mk = (labels: (string | null)[]): FoldItem[] => labels.map((label, i) => ({ key: i * 10, label, group: null }));
    for (const [labels, k] of [
      [['a', 'b', 'c'], 5],
      [['a', 'a', 'b', 'b', 'c'], 5],
      [Array(17).fill('only'), 4],
      [Array(11).fill(null), 3],
      [[], 5],
    ] as [(string | null)[], number][]) {
      const items = mk(labels);
      expectStratifiedPlusMinusOne(items, assignFolds(items, { k, seed: 7 }), k);
    }
  });

  it('agrees with StratifiedKFold on exact counts: each fold gets floor or ceil of n_label / k', () => {
    const items = syntheticFoldItems(1003, { seed: 3, labels: 7, nullLabels: 0.05 });
    const rep = foldReport(items, assignFolds(items, { k: 6, seed: 1 }));
    for (const row of rep.perLabel) {
      const n = row.ideal * 6;
      for (const c of row.counts) expect([Math.floor(n / 6), Math.ceil(n / 6)]).toContain(c);
    }
    expect(rep.sizes.reduce((s, x) => s + x, 0)).toBe(1003);
  });
});

describe('assignFolds: not stratified', () => {
  it('keeps sizes within ±1 and ignores labels entirely', () => {
    for (let trial = 0; trial < 200; trial++) {
      const { items, k } = randomMix(trial);
      const a = assignFolds(items, { k, seed: trial, stratify: false, groups: false });
      expect(spread(foldReport(items, a).sizes)).toBeLessThanOrEqual(1);
      const relabelled = items.map((it) => ({ ...it, label: `x${it.key % 3}` }));
      expect(entries(assignFolds(relabelled, { k, seed: trial, stratify: false, groups: false }))).toEqual(entries(a));
    }
  });
});

describe('assignFolds: seeded and deterministic', () => {
  const items = syntheticFoldItems(5000, { seed: 11, labels: 6, nullLabels: 0.1, groups: 800, grouped: 0.4 });

  it('gives the identical assignment for the same items in any input order', () => {
    for (const opts of [
      { k: 5, seed: 42 },
      { k: 5, seed: 42, groups: false },
      { k: 7, seed: 1, stratify: false },
      { k: 3, seed: 9, stratify: false, groups: false },
    ]) {
      const want = entries(assignFolds(items, opts));
      for (let s = 0; s < 5; s++) {
        const shuffled = items.slice();
        shuffleInPlace(shuffled, mulberry32(s));
        const got = entries(assignFolds(shuffled, opts));
        expect(got).toEqual(want); // same pairs in the same (ascending key) order
      }
    }
  });

  it('changes with the seed, and each key lands in each fold about equally often across seeds', () => {
    const a = assignFolds(items, { k: 5, seed: 1 });
    const b = assignFolds(items, { k: 5, seed: 2 });
    const same = [...a.foldOf].filter(([key, f]) => b.foldOf.get(key) === f).length;
    expect(same / items.length).toBeGreaterThan(0.1);
    expect(same / items.length).toBeLessThan(0.3); // ≈ 1/k if the seeds are independent

    const small = syntheticFoldItems(40, { seed: 5, labels: 3 });
    const hits = Array.from({ length: 5 }, () => 0);
    const key = small[0]!.key;
    for (let seed = 0; seed < 1000; seed++) hits[assignFolds(small, { k: 5, seed, groups: false }).foldOf.get(key)!]!++;
    for (const h of hits) expect(h).toBeGreaterThan(140); // expected 200 each
  });

  it('uses seeds above 2^32 and negative seeds, and returns keys in ascending order', () => {
    const fold = (seed: number): number[] => [...assignFolds(items, { k: 5, seed }).foldOf.values()];
    expect(fold(5)).not.toEqual(fold(5 + 2 ** 32));
    expect(fold(-5)).toEqual(fold(-5));
    const keys = [...assignFolds(items, { k: 5, seed: 0 }).foldOf.keys()];
    expect(keys).toEqual(items.map((it) => it.key).sort((x, y) => x - y));
  });

  it('handles keys that do not fit the packed fast sort (huge range, negatives) the same way', () => {
    const wide = items.slice(0, 300).map((it, i) => ({ ...it, key: i % 2 ? Number.MAX_SAFE_INTEGER - i : -i * 1e12 - 1 }));
    const a = entries(assignFolds(wide, { k: 4, seed: 3 }));
    expect(entries(assignFolds(wide.slice().reverse(), { k: 4, seed: 3 }))).toEqual(a);
    expect(a.map(([key]) => key)).toEqual(wide.map((it) => it.key).sort((x, y) => x - y));
  });
});

describe('assignFolds: rejects bad input', () => {
  const items: FoldItem[] = [
    { key: 1, label: 'a', group: null },
    { key: 2, label: 'b', group: null },
  ];
  it.each([0, 1, 2.5, Number.NaN])('k = %s', (k) => expect(() => assignFolds(items, { k, seed: 1 })).toThrow(/k must be/));
  it('duplicate keys, non-integer keys, non-finite seeds', () => {
    expect(() => assignFolds([...items, { key: 1, label: 'c', group: null }], { k: 2, seed: 1 })).toThrow(/duplicate fold item key 1/);
    expect(() => assignFolds([{ key: 0.5, label: 'a', group: null }], { k: 2, seed: 1 })).toThrow(/integer/);
    expect(() => assignFolds(items, { k: 2, seed: Number.POSITIVE_INFINITY })).toThrow(/seed/);
  });
});
