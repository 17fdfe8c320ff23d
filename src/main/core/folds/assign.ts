// K-fold assignment: stratified by label (StratifiedKFold) and group-aware (StratifiedGroupKFold).
// Pure: items in, key → fold out. The catalog wiring lives elsewhere.
import { mulberry32, seedOf, shuffleInPlace } from './rng.ts';

export interface FoldItem {
  /**
   * Unique. Ties in the seeded shuffle follow key order, so the key must follow the images only (the
   * catalog passes each image's rank in content order, never its row id).
   */
  key: number;
  label: string | null;
  /** Near-duplicate cluster or user group; null = a group of its own. */
  group: string | null;
}

export interface FoldOptions {
  /** Number of folds, an integer ≥ 2. */
  k: number;
  seed: number;
  /** Balance each label across folds (default true). */
  stratify?: boolean;
  /** Keep every group in one fold (default true). */
  groups?: boolean;
}

export interface FoldAssignment {
  k: number;
  /** key → fold 0..k-1, inserted in ascending key order. */
  foldOf: Map<number, number>;
}

/** Canonical label order: null first, then by UTF-16 code units (locale rules vary by machine). */
export function compareLabels(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Assigns every item a fold in 0..k-1. Same items (in any order) and options → same assignment.
 *
 * Multi-member groups are placed first, largest first, each into the fold that minimises the
 * mean over labels of the std of per-fold label fractions (sklearn's StratifiedGroupKFold
 * criterion; ties → smaller fold → lower index). Then the free items (singletons), shuffled per
 * label, are water-filled label by label into the fold with the fewest of that label (ties →
 * smaller fold → lower index). From an empty start that is StratifiedKFold's round-robin deal
 * continuing across labels, which keeps fold sizes and every label's counts within ±1 at once.
 */
export function assignFolds(items: readonly FoldItem[], opts: FoldOptions): FoldAssignment {
  const k = opts.k;
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer ≥ 2, got ${k}`);
  const stratify = opts.stratify ?? true;
  const useGroups = opts.groups ?? true;
  const next = mulberry32(seedOf(opts.seed));
  const n = items.length;

  // One pass over the item objects: with a million of them scattered in memory, every extra pass
  // costs ~0.1 s of cache misses. Everything after works on typed arrays of item indices.
  // Without stratification every item is class 0, so the same code balances sizes only.
  const keys = new Float64Array(n);
  const classOf = new Int32Array(n);
  const groupOf = new Int32Array(n).fill(-1);
  const labelIds = new Map<string | null, number>();
  const groupIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    if (!Number.isSafeInteger(it.key)) throw new RangeError(`fold item key must be an integer, got ${it.key}`);
    keys[i] = it.key;
    if (stratify) {
      let c = labelIds.get(it.label);
      if (c === undefined) labelIds.set(it.label, (c = labelIds.size));
      classOf[i] = c;
    }
    if (useGroups && it.group !== null) {
      let g = groupIds.get(it.group);
      if (g === undefined) groupIds.set(it.group, (g = groupIds.size));
      groupOf[i] = g;
    }
  }
  const { order, sortedKeys } = sortByKey(keys);

  // Ids above follow input order; renumber labels canonically so results do not.
  const nClasses = Math.max(1, labelIds.size);
  if (labelIds.size > 1) {
    const rank = new Int32Array(labelIds.size);
    [...labelIds.keys()].sort(compareLabels).forEach((label, r) => (rank[labelIds.get(label)!] = r));
    for (let i = 0; i < n; i++) classOf[i] = rank[classOf[i]!]!;
  }
  const total = new Float64Array(nClasses);
  for (let i = 0; i < n; i++) total[classOf[i]!]!++;

  // Members of each group, flat (CSR): group g owns members[start[g] .. start[g + 1]).
  const nGroups = groupIds.size;
  const start = new Int32Array(nGroups + 1);
  for (let i = 0; i < n; i++) if (groupOf[i]! >= 0) start[groupOf[i]! + 1]!++;
  for (let g = 0; g < nGroups; g++) start[g + 1]! += start[g]!;
  const members = new Int32Array(start[nGroups]!);
  const cursor = start.slice(0, nGroups);
  for (let i = 0; i < n; i++) if (groupOf[i]! >= 0) members[cursor[groupOf[i]!]!++] = i;
  const sizeOf = (g: number): number => start[g + 1]! - start[g]!;

  // A group of one is as free as an ungrouped item. The rest: by name (canonical), shuffled, then
  // a stable sort by size, so equal-sized groups go in seeded order.
  const names = [...groupIds.keys()];
  const multi: number[] = [];
  for (let g = 0; g < nGroups; g++) if (sizeOf(g) > 1) multi.push(g);
  multi.sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  shuffleInPlace(multi, next);
  multi.sort((a, b) => sizeOf(b) - sizeOf(a));

  const state: State = {
    k,
    nClasses,
    total,
    count: new Float64Array(k * nClasses),
    sum: new Float64Array(nClasses),
    sumSq: new Float64Array(nClasses),
    size: new Float64Array(k),
  };
  const fold = new Int32Array(n);
  placeGroups(multi, start, members, classOf, fold, state);

  // Walking `order` keeps each label's free items in key order, so the shuffle does not depend
  // on the input order.
  const free: number[][] = Array.from({ length: nClasses }, () => []);
  for (const i of order) if (groupOf[i]! < 0 || sizeOf(groupOf[i]!) < 2) free[classOf[i]!]!.push(i);
  for (let c = 0; c < nClasses; c++) {
    shuffleInPlace(free[c]!, next);
    waterFill(free[c]!, c, fold, state);
  }

  const foldOf = new Map<number, number>();
  for (let j = 0; j < n; j++) foldOf.set(sortedKeys[j]!, fold[order[j]!]!);
  return { k, foldOf };
}

interface State {
  k: number;
  nClasses: number;
  /** Items per class overall. */
  total: Float64Array;
  /** count[f * nClasses + c]: items of class c in fold f. */
  count: Float64Array;
  /** Per class: Σ_f count and Σ_f count², integers, so variances are exact (no drift over 1M updates). */
  sum: Float64Array;
  sumSq: Float64Array;
  size: Float64Array;
}

function add(s: State, f: number, c: number, m: number): void {
  const at = f * s.nClasses + c;
  const x = s.count[at]!;
  s.count[at] = x + m;
  s.sum[c]! += m;
  s.sumSq[c]! += 2 * x * m + m * m;
  s.size[f]! += m;
}

function placeGroups(
  groups: readonly number[],
  start: Int32Array,
  members: Int32Array,
  classOf: Int32Array,
  fold: Int32Array,
  s: State,
): void {
  const { k, nClasses: nc, count, sum, sumSq, total, size } = s;
  const tally = new Float64Array(nc);
  const cls: number[] = [];
  const amt: number[] = [];
  for (const g of groups) {
    const from = start[g]!;
    const to = start[g + 1]!;
    cls.length = 0;
    amt.length = 0;
    for (let m = from; m < to; m++) {
      const c = classOf[members[m]!]!;
      if (tally[c] === 0) cls.push(c);
      tally[c]!++;
    }
    for (const c of cls) {
      amt.push(tally[c]!);
      tally[c] = 0;
    }
    // Only the classes this group carries change, so compare Σ_c std_c(after) / total_c over
    // those; the untouched classes add the same constant to every candidate. Std of fractions is
    // std of counts / total_c, and k·std(counts) = sqrt(k·Σx² − (Σx)²), computed exactly.
    let best = 0;
    let bestEval = Infinity;
    for (let f = 0; f < k; f++) {
      let e = 0;
      for (let j = 0; j < cls.length; j++) {
        const c = cls[j]!;
        const m = amt[j]!;
        const x = count[f * nc + c]!;
        const s1 = sum[c]! + m;
        const s2 = sumSq[c]! + 2 * x * m + m * m;
        e += Math.sqrt(Math.max(0, k * s2 - s1 * s1)) / total[c]!;
      }
      // A relative tolerance so float noise cannot beat the smaller-fold tie-break.
      const tol = 1e-9 * Math.max(1, bestEval);
      if (f === 0 || e < bestEval - tol || (e <= bestEval + tol && size[f]! < size[best]!)) {
        best = f;
        bestEval = e;
      }
    }
    for (let j = 0; j < cls.length; j++) add(s, best, cls[j]!, amt[j]!);
    for (let m = from; m < to; m++) fold[members[m]!] = best;
  }
}

/** Deals items of class c one by one to the fold with the fewest of c (ties → smaller → lower index). */
function waterFill(list: number[], c: number, fold: Int32Array, s: State): void {
  const { k, nClasses: nc, count, size } = s;
  for (const i of list) {
    let best = 0;
    for (let f = 1; f < k; f++) {
      const d = count[f * nc + c]! - count[best * nc + c]!;
      if (d < 0 || (d === 0 && size[f]! < size[best]!)) best = f;
    }
    add(s, best, c, 1);
    fold[i] = best;
  }
}

/** Item indices in ascending key order, and the keys in that order; rejects duplicate keys. */
function sortByKey(keys: Float64Array): { order: Int32Array; sortedKeys: Float64Array } {
  const n = keys.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (keys[i]! < lo) lo = keys[i]!;
    if (keys[i]! > hi) hi = keys[i]!;
  }
  const order = new Int32Array(n);
  // A comparator sort of a million shuffled keys takes ~1 s; packing (key − lo, index) into one
  // exact double and using the native numeric sort takes ~0.1 s. Ranks (0..n-1) always fit.
  const scale = 2 ** Math.ceil(Math.log2(n + 1));
  if (n > 0 && (hi - lo + 1) * scale <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = (keys[i]! - lo) * scale + i;
    packed.sort();
    for (let j = 0; j < n; j++) order[j] = packed[j]! % scale;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => keys[a]! - keys[b]!);
  }
  const sortedKeys = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    sortedKeys[j] = keys[order[j]!]!;
    if (j > 0 && sortedKeys[j] === sortedKeys[j - 1]) throw new RangeError(`duplicate fold item key ${sortedKeys[j]}`);
  }
  return { order, sortedKeys };
}
