// What a fold assignment looks like: per-fold sizes, per-label spread, split groups, and the K×K
// near-duplicate leakage between folds. Pure; the CLI and UI format these numbers.
import { compareLabels, type FoldAssignment, type FoldItem } from './assign.ts';

export interface LabelBalance {
  label: string | null;
  /** Items of this label per fold. */
  counts: number[];
  /** Perfect share per fold: items of this label / k. */
  ideal: number;
  /** max_f |counts[f] − ideal|; below 1 means within the ±1 of StratifiedKFold. */
  maxDeviation: number;
}

export interface FoldReport {
  k: number;
  /** Assigned items per fold. */
  sizes: number[];
  /** One row per label, null first, then by code units. */
  perLabel: LabelBalance[];
  /** max_f |sizes[f] − assigned / k|. */
  maxSizeDeviation: number;
  /** Non-null groups whose members sit in more than one fold (0 whenever groups were on). */
  groupsSplit: number;
  /** Folds with no items, e.g. when k exceeds the number of groups: training on one would fail. */
  emptyFolds: number[];
  /** Items without a fold (e.g. imported after the split); they are left out of every figure above. */
  unassigned: number;
}

export function foldReport(items: readonly FoldItem[], a: FoldAssignment): FoldReport {
  const k = a.k;
  const sizes = new Array<number>(k).fill(0);
  const byLabel = new Map<string | null, number[]>();
  const groupFold = new Map<string, number>();
  const split = new Set<string>();
  let unassigned = 0;
  for (const it of items) {
    const f = a.foldOf.get(it.key);
    if (f === undefined) {
      unassigned++;
      continue;
    }
    if (!Number.isInteger(f) || f < 0 || f >= k) throw new RangeError(`item ${it.key} has fold ${f}, outside 0..${k - 1}`);
    sizes[f]!++;
    let counts = byLabel.get(it.label);
    if (!counts) byLabel.set(it.label, (counts = new Array<number>(k).fill(0)));
    counts[f]!++;
    if (it.group !== null) {
      const seen = groupFold.get(it.group);
      if (seen === undefined) groupFold.set(it.group, f);
      else if (seen !== f) split.add(it.group);
    }
  }
  const perLabel = [...byLabel.keys()].sort(compareLabels).map((label) => {
    const counts = byLabel.get(label)!;
    const ideal = counts.reduce((s, x) => s + x, 0) / k;
    return { label, counts, ideal, maxDeviation: maxDev(counts, ideal) };
  });
  const assigned = items.length - unassigned;
  return {
    k,
    sizes,
    perLabel,
    maxSizeDeviation: maxDev(sizes, assigned / k),
    groupsSplit: split.size,
    emptyFolds: sizes.flatMap((s, f) => (s === 0 ? [f] : [])),
    unassigned,
  };
}

function maxDev(xs: readonly number[], ideal: number): number {
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(x - ideal));
  return m;
}

/**
 * K×K counts of near-duplicate pairs whose members sit in folds i ≠ j (symmetric, zero diagonal;
 * a pair adds 1 to [i][j] and to [j][i], so the number of leaking pairs is the upper triangle's
 * sum). Pairs with a member that has no fold (excluded or unknown image) cannot leak and are skipped.
 */
export function leakageMatrix(pairs: readonly (readonly [number, number])[], a: FoldAssignment, k: number): number[][] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [x, y] of pairs) {
    const fx = a.foldOf.get(x);
    const fy = a.foldOf.get(y);
    if (fx === undefined || fy === undefined || fx === fy) continue;
    if (fx >= k || fy >= k || fx < 0 || fy < 0) {
      throw new RangeError(`pair (${x}, ${y}) sits in folds ${fx}, ${fy}: outside 0..${k - 1}`);
    }
    m[fx]![fy]!++;
    m[fy]![fx]!++;
  }
  return m;
}

/** Pairs that cross folds: the upper triangle of a leakage matrix. */
export function leakedPairs(m: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) s += m[i]![j]!;
  return s;
}
