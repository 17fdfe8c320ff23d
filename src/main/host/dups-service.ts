// The Duplicates screen's side of the host: a thin layer over the core's clustering and decision
// journal. It remembers the last run (10,000 clusters are costly to reload per click) and answers
// every decision with a patch of what changed, so the renderer never refetches the whole list.
import type Database from 'better-sqlite3';
import type { DupCluster, DupCounts, DupMember, DupPatch, DupRun, DupSweep, ImageStatus, Methods } from '../../shared/contract.ts';
import { pairKey, record, redo, replay, undo, type Decision, type DecisionState } from '../core/decisions/journal.ts';
import { syncDecisions } from '../core/decisions/sync.ts';
import { computeClusters, loadClusters, pHashSweep, type Cluster, type ClusterMember, type ClusterRun } from '../core/dups/clusters.ts';
import { parseRule, PRESETS, type MatchRule } from '../core/dups/match.ts';
import { trashImage, TrashError, type TrashItem } from '../core/trash.ts';

/** A decision the user asked for that cannot be made (unknown cluster, not a member): shown as is. */
export class DupsError extends Error {
  override name = 'DupsError';
}

interface ClusterState {
  resolved: boolean;
  notDuplicates: boolean;
  mixedLabels: boolean;
}

interface Snapshot {
  statuses: Map<number, ImageStatus>;
  labels: Map<number, string | null>;
  clusters: Map<number, ClusterState>;
  counts: DupCounts;
}

// The contract restates the core's member type; this fails to compile if they drift apart.
const toMember = (m: ClusterMember, status: ImageStatus, label: string | null): DupMember => ({
  id: m.id, path: m.path, sha256: m.sha256, label, status, width: m.width, height: m.height,
  size: m.size, format: m.format, distance: m.distance,
});

/** Where the heavy calls run: in-process by default, in a worker thread from the Host (threaded.ts). */
export interface DupsCompute {
  clusters(rule: MatchRule): Promise<ClusterRun>;
  sweep(max: number): Promise<{ histogram: number[]; clusters: number[] }>;
}

export class DupsService {
  private readonly db: Database.Database;
  private readonly compute: DupsCompute;
  private run: ClusterRun | null = null;
  private snapshot: Snapshot | null = null;
  private loaded: { run: ClusterRun; snapshot: Snapshot; value: DupRun } | null = null;
  /** The last sweep and the catalog state it was computed on: reopening the screen costs nothing. */
  private sweepCache: { key: string; value: { histogram: number[]; clusters: number[] } } | null = null;

  constructor(db: Database.Database, compute?: DupsCompute) {
    this.db = db;
    this.compute = compute ?? {
      clusters: async (rule) => computeClusters(db, rule),
      sweep: async (max) => pHashSweep(db, max),
    };
  }

  async sweep(max: number): Promise<DupSweep> {
    // The images the sweep reads change only through imports (new ids, new indexed_at, statuses
    // leaving active/excluded), so these three numbers say whether the cached answer still holds.
    const state = this.db
      .prepare("SELECT count(*) AS n, max(i.id) AS id, max(i.indexed_at) AS at FROM images i WHERE i.status IN ('active', 'excluded')")
      .get() as { n: number; id: number | null; at: number | null };
    const key = `${max}:${state.n}:${state.id}:${state.at}`;
    if (this.sweepCache?.key !== key) {
      const { histogram, clusters } = await this.compute.sweep(max);
      this.sweepCache = { key, value: { histogram, clusters } };
    }
    const { histogram, clusters } = this.sweepCache.value;
    return { histogram, clusters, presets: { strict: PRESETS.strict.phash, balanced: PRESETS.balanced.phash, loose: PRESETS.loose.phash } };
  }

  load(): DupRun | null {
    const run = this.current();
    if (!run) return null;
    // The same run and snapshot give the same answer: building it for 10,000 clusters takes ~75 ms.
    const snapshot = this.snap(run);
    if (this.loaded?.run !== run || this.loaded.snapshot !== snapshot) this.loaded = { run, snapshot, value: this.toContract(run) };
    return this.loaded.value;
  }

  async find(args: Methods['dups.find']['args']): Promise<DupRun> {
    let rule;
    try {
      rule = parseRule({ preset: args.preset, phash: args.phash, dhash: args.dhash, mirror: args.mirror });
    } catch (err) {
      throw new DupsError((err as Error).message);
    }
    this.run = await this.compute.clusters(rule);
    this.snapshot = null;
    return this.toContract(this.run);
  }

  decide(args: Methods['dups.decide']['args']): DupPatch {
    const run = this.current();
    if (!run) throw new DupsError('No clusters yet: press “Find clusters” first.');
    const before = this.snap(run);
    const cluster = (): Cluster => {
      const c = args.cluster === undefined ? undefined : run.clusters[args.cluster - 1];
      if (!c || c.id !== args.cluster) throw new DupsError(`No cluster #${args.cluster ?? '?'} in the last run (it has ${run.clusters.length}).`);
      return c;
    };
    // A trashed (missing) file cannot be the one kept: that would leave no copy in the dataset.
    const present = (m: ClusterMember): boolean => ['active', 'excluded'].includes(before.statuses.get(m.id) ?? m.status);
    const decisions: Decision[] = [];
    let message: string;
    let skippedMixed = 0;
    let skippedGone = 0;
    if (args.kind === 'keep') {
      const c = cluster();
      const keep = c.members.find((m) => m.sha256 === args.sha256 && present(m));
      if (!keep) {
        const gone = c.members.find((m) => m.sha256 === args.sha256);
        throw new DupsError(gone ? `${gone.path} is no longer there (moved to the trash?): keep one that is.` : `That image is not a member of cluster #${c.id}.`);
      }
      decisions.push({ op: 'keep', keep: keep.sha256, exclude: c.members.map((m) => m.sha256) });
      message = `Cluster #${c.id}: kept ${keep.path}, the others are excluded.`;
    } else if (args.kind === 'not-duplicates') {
      const c = cluster();
      decisions.push({ op: 'not-duplicates', shas: [...new Set(c.members.map((m) => m.sha256))] });
      message = `Cluster #${c.id}: marked as not duplicates; all stay active.`;
    } else if (args.kind === 'exclude-all') {
      const c = cluster();
      decisions.push({ op: 'exclude', shas: c.members.map((m) => m.sha256) });
      message = `Cluster #${c.id}: all ${c.members.length} images excluded.`;
    } else if (args.kind === 'relabel') {
      const c = cluster();
      const label = args.label?.trim();
      if (!label) throw new DupsError('Give the label to set: an existing one or a new name.');
      const targets = args.sha256 === undefined ? c.members : c.members.filter((m) => m.sha256 === args.sha256);
      if (targets.length === 0) throw new DupsError(`That image is not a member of cluster #${c.id}.`);
      const shas = [...new Set(targets.filter((m) => before.labels.get(m.id) !== label).map((m) => m.sha256))];
      if (shas.length) decisions.push({ op: 'relabel', shas, label });
      const who = args.sha256 === undefined ? `all ${targets.length} images` : targets[0]!.path;
      message = shas.length ? `Cluster #${c.id}: ${who} relabelled “${label}”.` : `Cluster #${c.id}: ${who} already labelled “${label}”.`;
    } else {
      for (const c of run.clusters) {
        if (before.clusters.get(c.id)?.resolved) continue;
        // Label noise needs a human look, as in `winnow resolve --accept-suggestions`.
        if (c.mixedLabels && !args.includeMixed) {
          skippedMixed++;
          continue;
        }
        if (!c.members.some((m) => m.sha256 === c.suggested && present(m))) {
          skippedGone++;
          continue;
        }
        decisions.push({ op: 'keep', keep: c.suggested, exclude: c.members.map((m) => m.sha256) });
      }
      const left =
        (skippedMixed ? ` ${skippedMixed} mixed-label cluster(s) left for review.` : '') +
        (skippedGone ? ` ${skippedGone} cluster(s) whose suggested keeper is gone left for review.` : '');
      message = decisions.length ? `Accepted ${decisions.length} suggestion(s) as one step.${left}` : `Nothing to accept.${left}`;
    }
    if (decisions.length === 0) return { ...this.diff(run, before, syncDecisions(this.db)), changed: false, message };
    record(this.db, decisions);
    return { ...this.diff(run, before, syncDecisions(this.db)), changed: true, message };
  }

  step(which: 'undo' | 'redo'): DupPatch {
    const run = this.current();
    const before = run ? this.snap(run) : null;
    const done = which === 'undo' ? undo(this.db) : redo(this.db);
    const state = syncDecisions(this.db);
    const message = done ? (which === 'undo' ? 'Undone.' : 'Redone.') : `Nothing to ${which}.`;
    if (!run || !before) return { counts: emptyCounts(this.db, state), members: [], clusters: [], changed: done, message };
    return { ...this.diff(run, before, state), changed: done, message };
  }

  /** Moves one excluded image's file to the trash (see core/trash.ts); the patch shows it `missing`. */
  async trash(id: number, trashItem?: TrashItem): Promise<DupPatch> {
    const run = this.current();
    const before = run ? this.snap(run) : null;
    let done;
    try {
      done = await trashImage(this.db, id, trashItem ? { trashItem } : {});
    } catch (err) {
      throw err instanceof TrashError ? new DupsError(err.message) : err;
    }
    const where = done.trashedTo ? `the trash (${done.trashedTo})` : 'the system trash';
    const message = `Moved ${done.original} to ${where}. Its catalog row is now “missing”: restore the file from the trash and import again to bring it back.`;
    const state = replay(this.db);
    if (!run || !before) return { counts: emptyCounts(this.db, state), members: [], clusters: [], changed: true, message };
    return { ...this.diff(run, before, state), changed: true, message };
  }

  /** The latest persisted run; reloaded when another process (the CLI, an import) replaced it. */
  private current(): ClusterRun | null {
    const latest = (this.db.prepare('SELECT max(id) AS id FROM cluster_runs').get() as { id: number | null }).id;
    if (latest === null) return (this.run = null);
    if (this.run?.runId !== latest) {
      this.run = loadClusters(this.db);
      this.snapshot = null;
    }
    return this.run;
  }

  private snap(run: ClusterRun, state?: DecisionState): Snapshot {
    if (this.snapshot && !state) return this.snapshot;
    const s = state ?? replay(this.db);
    const statuses = new Map<number, ImageStatus>();
    const labels = new Map<number, string | null>();
    const rows = this.db
      .prepare(
        `SELECT i.id, i.status, l.name AS label FROM cluster_members cm JOIN images i ON i.id = cm.image_id
         LEFT JOIN labels l ON l.id = i.label_id WHERE cm.run_id = ?`,
      )
      .all(run.runId) as { id: number; status: ImageStatus; label: string | null }[];
    for (const r of rows) {
      statuses.set(r.id, r.status);
      labels.set(r.id, r.label);
    }
    const clusters = new Map<number, ClusterState>();
    let resolved = 0;
    let mixed = 0;
    for (const c of run.clusters) {
      const status = (m: ClusterMember): ImageStatus => statuses.get(m.id) ?? m.status;
      const active = c.members.filter((m) => status(m) === 'active').length;
      const shas = [...new Set(c.members.map((m) => m.sha256))];
      const notDuplicates = shas.length > 1 && shas.every((a, i) => shas.slice(i + 1).every((b) => s.notDuplicates.has(pairKey(a, b))));
      // As the core decides it on a fresh run: trashed (missing) files no longer count.
      const present = c.members.filter((m) => status(m) === 'active' || status(m) === 'excluded');
      const names = new Set(present.map((m) => (labels.has(m.id) ? labels.get(m.id) : m.label)).filter((l) => l !== null));
      const st = { resolved: active <= 1 || notDuplicates, notDuplicates, mixedLabels: names.size > 1 };
      if (st.resolved) resolved++;
      if (st.mixedLabels) mixed++;
      clusters.set(c.id, st);
    }
    const counts: DupCounts = {
      ...emptyCounts(this.db, s),
      clusters: run.clusters.length,
      resolved,
      remaining: run.clusters.length - resolved,
      mixedLabels: mixed,
    };
    this.snapshot = { statuses, labels, clusters, counts };
    return this.snapshot;
  }

  private diff(run: ClusterRun, before: Snapshot, state: DecisionState): Omit<DupPatch, 'changed' | 'message'> {
    const after = this.snap(run, state);
    const members: DupPatch['members'] = [];
    for (const [id, status] of after.statuses) {
      const label = after.labels.get(id) ?? null;
      if (before.statuses.get(id) !== status || before.labels.get(id) !== label) members.push({ id, status, label });
    }
    const clusters: DupPatch['clusters'] = [];
    for (const [id, st] of after.clusters) {
      const was = before.clusters.get(id);
      if (was?.resolved !== st.resolved || was.notDuplicates !== st.notDuplicates || was.mixedLabels !== st.mixedLabels) {
        clusters.push({ id, ...st });
      }
    }
    return { counts: after.counts, members, clusters };
  }

  private toContract(run: ClusterRun): DupRun {
    const s = this.snap(run);
    const clusters: DupCluster[] = run.clusters.map((c) => ({
      id: c.id,
      members: c.members.map((m) => toMember(m, s.statuses.get(m.id) ?? m.status, s.labels.has(m.id) ? s.labels.get(m.id)! : m.label)),
      suggested: c.suggested,
      reason: c.reason,
      ...(s.clusters.get(c.id) ?? { resolved: c.resolved, notDuplicates: false, mixedLabels: c.mixedLabels }),
    }));
    return { rule: run.rule, images: run.images, needReindex: run.needReindex, clusters, counts: s.counts };
  }
}

function emptyCounts(db: Database.Database, s: DecisionState): DupCounts {
  const excluded = (db.prepare("SELECT count(*) AS n FROM images WHERE status = 'excluded'").get() as { n: number }).n;
  return { clusters: 0, resolved: 0, remaining: 0, mixedLabels: 0, excluded, undoable: s.undoable, redoable: s.redoable };
}
