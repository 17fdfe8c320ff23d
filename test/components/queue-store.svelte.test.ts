// The review queue's filters, counts, sorts, jump and j/k stepping over generated clusters: exact
// copies (same sha256), near copies (distance > 0) and a mixed-label cluster.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { QueueStore, conflictOf, queueCounts, queueOrder, stateOf } from '../../src/renderer/src/state/queue.svelte.ts';
import type { DupCluster, DupMember } from '../../src/shared/contract.ts';

const member = (
  id: number,
  sha: string,
  distance: number,
  label: string | null = 'rose',
  status: DupMember['status'] = 'active',
): DupMember => ({
  id,
  path: `p/${id}.jpg`,
  sha256: sha,
  label,
  status,
  width: 64,
  height: 64,
  size: 1000,
  format: 'jpeg',
  distance,
});

const cl = (id: number, members: DupMember[], extra: Partial<DupCluster> = {}): DupCluster => ({
  id,
  members,
  suggested: members[0]!.id,
  reason: 'largest',
  mixedLabels: new Set(members.map((m) => m.label)).size > 1,
  resolved: false,
  notDuplicates: false,
  ...extra,
});

const clusters: DupCluster[] = [
  cl(1, [member(10, 'a', 0, 'rose'), member(11, 'b', 3, 'tulip'), member(12, 'c', 4, 'tulip')]), // mixed, near
  cl(2, [member(20, 'x', 0), member(21, 'x', 0)]), // exact
  cl(3, [member(30, 'y', 0), member(31, 'z', 7), member(32, 'w', 2), member(33, 'v', 1)]), // near, biggest
  cl(4, [member(40, 'q', 0), member(41, 'q', 0, 'rose', 'excluded')], { resolved: true }), // exact, kept
  cl(5, [member(50, 'r', 0), member(51, 's', 1)], { resolved: true, notDuplicates: true }),
];

describe('queue', () => {
  it('counts each filter over the clusters', () => {
    expect(queueCounts(clusters)).toEqual({ all: 5, open: 3, resolved: 2, mixed: 1, exact: 2 });
  });

  it('filters to the matching indices in the host order', () => {
    expect(queueOrder(clusters, 'open', 'order')).toEqual([0, 1, 2]);
    expect(queueOrder(clusters, 'resolved', 'order')).toEqual([3, 4]);
    expect(queueOrder(clusters, 'mixed', 'order')).toEqual([0]);
    expect(queueOrder(clusters, 'exact', 'order')).toEqual([1, 3]);
  });

  it('sorts by size, distance and label conflict, largest first, ties by position', () => {
    expect(queueOrder(clusters, 'all', 'size')).toEqual([2, 0, 1, 3, 4]);
    expect(queueOrder(clusters, 'all', 'distance')).toEqual([2, 0, 4, 1, 3]);
    expect(queueOrder(clusters, 'all', 'conflict')).toEqual([0, 1, 2, 3, 4]);
    expect(conflictOf(clusters[0]!)).toBe(1);
  });

  it('names each state: open, kept, not duplicates, excluded', () => {
    const allOut = cl(6, [member(60, 'k', 0, 'rose', 'excluded'), member(61, 'k', 0, 'rose', 'excluded')], { resolved: true });
    expect([...clusters, allOut].map(stateOf)).toEqual(['open', 'open', 'open', 'kept', 'not duplicates', 'excluded']);
  });

  it('follows the clusters getter, jumps by id and steps within the visible order', () => {
    let list = $state.raw(clusters);
    const cleanup = $effect.root(() => {
      const q = new QueueStore(() => list);
      q.filter = 'exact';
      flushSync();
      expect(q.order).toEqual([1, 3]);
      expect(q.step(1, 1)).toBe(3);
      expect(q.step(3, 1)).toBe(3);
      expect(q.step(0, 1)).toBe(1); // a hidden selection steps to the first visible row
      expect(q.find(5)).toBe(4);
      expect(q.find(99)).toBeNull();
      expect(q.openIds()).toEqual([2]);
      list = list.map((c) => (c.id === 2 ? { ...c, resolved: true } : c));
      flushSync();
      expect(q.openIds()).toEqual([]);
      expect(q.counts.open).toBe(2);
    });
    cleanup();
  });
});
