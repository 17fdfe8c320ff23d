// Decisions on a cluster run against the catalog as it is now: members' current statuses and labels
// are read, the request planned (plan.ts) and, when it changes anything, recorded and applied to the
// images in one transaction. The CLI's `resolve` and the app's Duplicates screen both come here.
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { ImageStatus } from '../catalog/images.ts';
import { imageFile } from '../catalog/queries.ts';
import { lastKeeperCriteria, type ClusterRun } from '../dups/clusters.ts';
import { clusterState, type ClusterState, type MemberNow } from './cluster-state.ts';
import { replay, type DecisionState } from './journal.ts';
import { planDecisions, type DecisionPlan, type DecisionRequest, type ReviewCluster } from './plan.ts';
import { commitDecisions } from './sync.ts';

export interface Decided extends DecisionPlan {
  /** False when nothing changed (nothing was recorded). */
  changed: boolean;
  state: DecisionState;
}

/** Plans and applies `requests` as one undo step; `mixedHint` tells how this shell includes mixed-label clusters. */
export function decide(db: Database.Database, run: ClusterRun, requests: readonly DecisionRequest[], mixedHint?: string): Decided {
  return db.transaction(() => {
    const state = replay(db);
    const plan = planDecisions(requests, {
      clusters: reviewClusters(db, run),
      state,
      fileExists: (id) => {
        const file = imageFile(db, id);
        return file !== null && existsSync(file);
      },
      criteria: lastKeeperCriteria(db),
      ...(mixedHint ? { mixedHint } : {}),
    });
    if (plan.decisions.length === 0) return { ...plan, changed: false, state };
    return { ...plan, changed: true, state: commitDecisions(db, plan.decisions) };
  })();
}

/** The run's clusters with every member's status and label as the catalog has them now. */
export function reviewClusters(db: Database.Database, run: ClusterRun): ReviewCluster[] {
  const now = memberStatuses(db, run.runId);
  return run.clusters.map((c) => ({
    id: c.id,
    // A member whose row is gone (its source was removed) is no longer there.
    members: c.members.map((m): MemberNow => ({ ...m, ...(now.get(m.id) ?? { status: 'missing' as const }) })),
  }));
}

export interface ReviewSnapshot {
  members: Map<number, { status: ImageStatus; label: string | null }>;
  clusters: Map<number, ClusterState>;
}

/** Where every member and cluster of the run stands now (the screen diffs two of these into a patch). */
export function reviewSnapshot(db: Database.Database, run: ClusterRun, state: DecisionState = replay(db)): ReviewSnapshot {
  const members = new Map<number, { status: ImageStatus; label: string | null }>();
  const clusters = new Map<number, ClusterState>();
  const criteria = lastKeeperCriteria(db);
  for (const c of reviewClusters(db, run)) {
    for (const m of c.members) members.set(m.id, { status: m.status, label: m.label });
    clusters.set(c.id, clusterState(c.members, state, criteria));
  }
  return { members, clusters };
}

function memberStatuses(db: Database.Database, runId: number): Map<number, { status: ImageStatus; label: string | null }> {
  const rows = db
    .prepare(
      `SELECT i.id, i.status, l.name AS label FROM cluster_members cm JOIN images i ON i.id = cm.image_id
       LEFT JOIN labels l ON l.id = i.label_id WHERE cm.run_id = ?`,
    )
    .all(runId) as { id: number; status: ImageStatus; label: string | null }[];
  return new Map(rows.map((r) => [r.id, { status: r.status, label: r.label }]));
}

/** Images excluded in the whole catalog. */
export function excludedCount(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM images WHERE status = 'excluded'").get() as { n: number }).n;
}
