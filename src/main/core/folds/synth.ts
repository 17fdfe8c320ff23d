// Synthetic fold items for tests and benchmarks: skewed label mixes (some labels rarer than k),
// null labels, and groups of varied size, all replayable from a seed.
import type { FoldItem } from './assign.ts';
import { mulberry32, shuffleInPlace } from './rng.ts';

export interface SynthFoldOptions {
  seed?: number;
  /** Distinct non-null labels (default 10). */
  labels?: number;
  /** Share of items with a null label (default 0). */
  nullLabels?: number;
  /** Number of group names drawn from (default 0: no groups). */
  groups?: number;
  /** Share of items that get a group (default 1 when groups > 0). */
  grouped?: number;
  /** Return the items in shuffled order (default true); false gives key order, like a catalog query. */
  shuffle?: boolean;
}

/**
 * n items with unique, non-contiguous keys (shuffled unless told otherwise). Label weights are cubes of
 * uniform draws, so a few labels dominate and others have a handful of members, as in real data.
 */
export function syntheticFoldItems(n: number, opts: SynthFoldOptions = {}): FoldItem[] {
  const next = mulberry32(opts.seed ?? 1);
  const nLabels = opts.labels ?? 10;
  const nullShare = opts.nullLabels ?? 0;
  const nGroups = opts.groups ?? 0;
  const groupedShare = opts.grouped ?? 1;
  const cumulative: number[] = [];
  let total = 0;
  for (let l = 0; l < nLabels; l++) cumulative.push((total += next() ** 3 + 1e-3));
  const items: FoldItem[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let label: string | null = null;
    if (nLabels > 0 && next() >= nullShare) {
      const u = next() * total;
      let l = 0;
      while (l < nLabels - 1 && cumulative[l]! <= u) l++;
      label = `label-${l}`;
    }
    const group = nGroups > 0 && next() < groupedShare ? `g${Math.floor(next() * nGroups)}` : null;
    items[i] = { key: 3 * i + 1 + Math.floor(next() * 3), label, group };
  }
  if (opts.shuffle ?? true) shuffleInPlace(items, next);
  return items;
}
