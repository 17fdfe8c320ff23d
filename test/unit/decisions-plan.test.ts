// The decision planner on plain data: what each request records, what it refuses, and that nothing
// that changes nothing becomes a journal batch.
import { describe, expect, it } from 'vitest';
import type { MemberNow } from '../../src/main/core/decisions/cluster-state.ts';
import { clusterState } from '../../src/main/core/decisions/cluster-state.ts';
import { applyDecision, cloneState, emptyState, pairKey, type DecisionState } from '../../src/main/core/decisions/journal.ts';
import { planDecisions, type DecisionRequest, type ReviewCluster } from '../../src/main/core/decisions/plan.ts';

const member = (id: number, over: Partial<MemberNow> = {}): MemberNow => ({
  id,
  sha256: `sha${id}`,
  label: 'cats',
  path: `cats/${id}.jpg`,
  width: 100,
  height: 100,
  size: 1000,
  mtimeMs: 0,
  status: 'active',
  ...over,
});
const cluster = (id: number, members: MemberNow[]): ReviewCluster => ({ id, members });

function plan(requests: DecisionRequest[], clusters: ReviewCluster[], state: DecisionState = emptyState(), gone: number[] = []) {
  return planDecisions(requests, { clusters, state, fileExists: (id) => !gone.includes(id), mixedHint: 'hint' });
}
const after = (state: DecisionState, p: ReturnType<typeof plan>): DecisionState => {
  const s = cloneState(state);
  for (const d of p.decisions) applyDecision(s, d);
  return s;
};

describe('planDecisions', () => {
  // 1–3 identical copies (same sha), 4 a smaller near copy.
  const copies = cluster(1, [
    member(1, { sha256: 'A' }),
    member(2, { sha256: 'A' }),
    member(3, { sha256: 'A' }),
    member(4, { width: 50, height: 50 }),
  ]);

  it('keeps one identical copy and excludes the others by id', () => {
    const p = plan([{ kind: 'keep', cluster: 1, member: 2 }], [copies]);
    expect(p.decisions).toEqual([{ op: 'keep', keep: 2, exclude: [1, 3, 4] }]);
    expect([p.excluded, p.message]).toEqual([3, 'Cluster #1: kept cats/2.jpg, excluded 3.']);
    const s = after(emptyState(), p);
    expect(clusterState(copies.members, s)).toMatchObject({ resolved: true, active: 1, suggested: 2 });
    // The same keep again changes nothing and records nothing.
    const again = plan([{ kind: 'keep', cluster: 1, member: 2 }], [copies], s);
    expect(again.decisions).toEqual([]);
    expect(again.message).toBe('Cluster #1: cats/2.jpg is already the one kept; nothing changed.');
  });

  it('refuses a keeper that is gone, a member of another cluster and an unknown cluster', () => {
    expect(() => plan([{ kind: 'keep', cluster: 1, member: 4 }], [copies], emptyState(), [4])).toThrow(/cats\/4\.jpg is no longer there/);
    const trashed = cluster(1, [member(1, { status: 'missing' }), member(2)]);
    expect(() => plan([{ kind: 'keep', cluster: 1, member: 1 }], [trashed])).toThrow(/no longer there/);
    expect(() => plan([{ kind: 'keep', cluster: 1, member: 9 }], [copies])).toThrow(/not a member of cluster #1/);
    expect(() => plan([{ kind: 'exclude-all', cluster: 7 }], [copies])).toThrow(/No cluster #7 in the last run \(it has 1\)/);
  });

  it('exclude all and not duplicates record only what changes', () => {
    const p = plan([{ kind: 'exclude-all', cluster: 1 }], [copies]);
    expect([p.excluded, p.message]).toEqual([4, 'Cluster #1: excluded 4 images.']);
    const s = after(emptyState(), p);
    expect(plan([{ kind: 'exclude-all', cluster: 1 }], [copies], s).decisions).toEqual([]);
    const nd = plan([{ kind: 'not-duplicates', cluster: 1 }], [copies], s);
    expect([nd.restored, nd.message]).toEqual([4, 'Cluster #1: marked as not duplicates; 4 images active again.']);
    const s2 = after(s, nd);
    expect(clusterState(copies.members, s2)).toMatchObject({ resolved: true, notDuplicates: true, active: 4 });
    expect(plan([{ kind: 'not-duplicates', cluster: 1 }], [copies], s2).decisions).toEqual([]);
  });

  it('a keep after "not duplicates" says they are duplicates after all', () => {
    const s = after(emptyState(), plan([{ kind: 'not-duplicates', cluster: 1 }], [copies]));
    expect(s.notDuplicates.has(pairKey(1, 4))).toBe(true);
    const s2 = after(s, plan([{ kind: 'keep', cluster: 1, member: 1 }], [copies], s));
    expect(s2.notDuplicates.size).toBe(0);
    expect([...s2.excluded].sort()).toEqual([2, 3, 4]);
  });

  it('accepting suggestions skips resolved, mixed-label, gone and conflicting clusters, and never touches excluded members', () => {
    const mixed = cluster(2, [member(10), member(11, { label: 'dogs', width: 50, height: 50 })]);
    const open = cluster(3, [member(20), member(21, { width: 50, height: 50 }), member(22, { width: 10, height: 10 })]);
    const goneKeeper = cluster(4, [member(30, { width: 500, height: 500 }), member(31)]);
    const twoKept = cluster(5, [member(40), member(41), member(42)]);
    let state = emptyState();
    state.excluded.add(22); // excluded by an earlier decision; stays so, and is not named again
    state.kept.add(40).add(41);
    const p = plan([{ kind: 'accept-suggestions', includeMixed: false }], [copies, mixed, open, goneKeeper, twoKept], state, [30]);
    expect(p.decisions).toEqual([
      { op: 'keep', keep: 1, exclude: [2, 3, 4] },
      { op: 'keep', keep: 20, exclude: [21] },
    ]);
    expect(p.message).toBe(
      'Accepted 2 suggestions: excluded 4 images. 1 mixed-label cluster left for review (hint). ' +
        '1 cluster whose suggested keeper is gone left for review. 1 cluster holding two images you kept earlier left for review.',
    );
    state = after(state, p);
    expect(plan([{ kind: 'accept-suggestions', includeMixed: false }], [copies, open], state).message).toBe(
      'Nothing to accept: every cluster is resolved.',
    );
  });

  it('prefers the member kept earlier when a cluster grows', () => {
    const grown = cluster(1, [member(1, { width: 900, height: 900 }), member(2), member(3)]);
    const state = emptyState();
    state.excluded.add(1);
    state.kept.add(2);
    expect(clusterState(grown.members, state)).toMatchObject({ suggested: 2, reason: 'the one you kept earlier', resolved: false });
    expect(plan([{ kind: 'accept-suggestions', includeMixed: true }], [grown], state).decisions).toEqual([
      { op: 'keep', keep: 2, exclude: [3] },
    ]);
  });

  it('relabels one member or all, and says when nothing changes', () => {
    const c = cluster(1, [member(1), member(2, { label: 'dogs' })]);
    expect(clusterState(c.members, emptyState()).mixedLabels).toBe(true);
    const p = plan([{ kind: 'relabel', cluster: 1, label: ' cats ', member: 2 }], [c]);
    expect([p.relabelled, p.message]).toEqual([1, 'Cluster #1: cats/2.jpg relabelled “cats”.']);
    const s = after(emptyState(), p);
    expect(clusterState(c.members, s).mixedLabels).toBe(false);
    expect(plan([{ kind: 'relabel', cluster: 1, label: 'cats' }], [c], s).message).toBe(
      'Cluster #1: all 2 images already labelled “cats”.',
    );
    expect(() => plan([{ kind: 'relabel', cluster: 1, label: '  ' }], [c])).toThrow(/Give the label/);
  });

  it('plans several requests as one step, each seeing the ones before', () => {
    const other = cluster(2, [member(5), member(6)]);
    const p = plan(
      [
        { kind: 'keep', cluster: 1, member: 1 },
        { kind: 'keep', cluster: 1, member: 1 },
        { kind: 'exclude-all', cluster: 2 },
      ],
      [copies, other],
    );
    expect(p.decisions.map((d) => d.op)).toEqual(['keep', 'exclude']);
    expect(p.excluded).toBe(5);
  });
});
