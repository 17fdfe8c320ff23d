// The review queue: which clusters the list shows and in what order. It derives a list of indices
// into dups.clusters (never copies clusters), so decisions patched into dups show at once and the
// selection stays an index into dups.clusters.
import type { DupCluster } from '../../../shared/contract.ts';

export type QueueFilter = 'all' | 'open' | 'resolved' | 'mixed' | 'exact';
export type QueueSort = 'order' | 'size' | 'distance' | 'conflict';

export const FILTERS: QueueFilter[] = ['all', 'open', 'resolved', 'mixed', 'exact'];

/** A cluster is open until a member is kept alone or the user said "not duplicates". */
export const isOpen = (c: DupCluster): boolean => !c.resolved && !c.notDuplicates;

/** Every member has the same bytes: keeping one loses nothing. */
export const isExact = (c: DupCluster): boolean => c.members.every((m) => m.sha256 === c.members[0]!.sha256);

export const maxDistance = (c: DupCluster): number => c.members.reduce((d, m) => Math.max(d, m.distance), 0);

/** Distinct labels of the members, unlabelled as null; more than one is a conflict. */
export function labelsOf(c: DupCluster): (string | null)[] {
  return [...new Set(c.members.map((m) => m.label))];
}

/** How many members disagree with the most common label (0 = no conflict). */
export function conflictOf(c: DupCluster): number {
  const n = new Map<string | null, number>();
  for (const m of c.members) n.set(m.label, (n.get(m.label) ?? 0) + 1);
  return c.members.length - Math.max(...n.values());
}

/** A cluster's state in words, as the row shows it. */
export function stateOf(c: DupCluster): 'open' | 'kept' | 'not duplicates' | 'excluded' {
  if (c.notDuplicates) return 'not duplicates';
  if (!c.resolved) return 'open';
  return c.members.some((m) => m.status === 'active') ? 'kept' : 'excluded';
}

const matches: Record<QueueFilter, (c: DupCluster) => boolean> = {
  all: () => true,
  open: isOpen,
  resolved: (c) => !isOpen(c),
  mixed: (c) => c.mixedLabels,
  exact: isExact,
};

/** Largest first for size, distance and conflict; ties keep the host's order (by id). */
const keys: Record<QueueSort, (c: DupCluster) => number> = {
  order: (c) => -c.id,
  size: (c) => c.members.length,
  distance: maxDistance,
  conflict: conflictOf,
};

/** Indices into clusters that pass the filter, in the chosen order. */
export function queueOrder(clusters: DupCluster[], filter: QueueFilter, sort: QueueSort): number[] {
  const out: number[] = [];
  for (let i = 0; i < clusters.length; i++) if (matches[filter](clusters[i]!)) out.push(i);
  if (sort === 'order') return out;
  const key = keys[sort];
  const k = out.map((i) => key(clusters[i]!));
  const pos = new Map(out.map((i, j) => [i, j]));
  return out.sort((a, b) => k[pos.get(b)!]! - k[pos.get(a)!]! || a - b);
}

export function queueCounts(clusters: DupCluster[]): Record<QueueFilter, number> {
  const n: Record<QueueFilter, number> = { all: clusters.length, open: 0, resolved: 0, mixed: 0, exact: 0 };
  for (const c of clusters) {
    if (isOpen(c)) n.open++;
    else n.resolved++;
    if (c.mixedLabels) n.mixed++;
    if (isExact(c)) n.exact++;
  }
  return n;
}

export class QueueStore {
  filter = $state<QueueFilter>('all');
  sort = $state<QueueSort>('order');

  private readonly clusters: () => DupCluster[];
  readonly order: number[];
  readonly counts: Record<QueueFilter, number>;

  /** clusters: a getter, so the queue follows dups.clusters as patches replace it. */
  constructor(clusters: () => DupCluster[]) {
    this.clusters = clusters;
    this.order = $derived(queueOrder(this.clusters(), this.filter, this.sort));
    this.counts = $derived(queueCounts(this.clusters()));
  }

  /** Index into dups.clusters of the cluster with this 1-based id, or null when there is none. */
  find(id: number): number | null {
    const i = this.clusters().findIndex((c) => c.id === id);
    return i < 0 ? null : i;
  }

  /** The index in dups.clusters `step` rows away from `from` in the visible order (j/k). */
  step(from: number, step: number): number | null {
    const o = this.order;
    if (o.length === 0) return null;
    const at = o.indexOf(from);
    const next = at < 0 ? 0 : Math.max(0, Math.min(o.length - 1, at + step));
    return o[next]!;
  }

  /** Ids of the visible clusters that are still open (the bulk actions act on these). */
  openIds(): number[] {
    const cs = this.clusters();
    return this.order.filter((i) => isOpen(cs[i]!)).map((i) => cs[i]!.id);
  }
}
