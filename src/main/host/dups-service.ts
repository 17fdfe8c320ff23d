// The Duplicates screen's side of the host: a thin layer over the core's clustering and decisions
// (core/decisions/decide.ts, the same path as `winnow resolve`). It remembers the last run (10,000
// clusters are costly to reload per click) and answers every decision with a patch of what changed,
// so the renderer never refetches the whole list.
import type Database from 'better-sqlite3';
import type { DupCluster, DupCounts, DupMember, DupPatch, DupRun, DupSweep, Methods } from '../../shared/contract.ts';
import { decide, excludedCount, reviewSnapshot, type ReviewSnapshot } from '../core/decisions/decide.ts';
import { replay, type DecisionState } from '../core/decisions/journal.ts';
import type { DecisionRequest } from '../core/decisions/plan.ts';
import { stepDecisions } from '../core/decisions/sync.ts';
import { sweepInputsKey } from '../core/catalog/active-images.ts';
import { computeClusters, latestRunId, loadClusters, pHashSweep, type ClusterMember, type ClusterRun } from '../core/dups/clusters.ts';
import { parseRule, PRESETS, type MatchRule } from '../core/dups/match.ts';
import { UserError } from '../core/errors.ts';
import type { JobContext } from '../core/jobs.ts';
import { trashImage, type TrashItem } from '../core/trash.ts';

interface Snapshot extends ReviewSnapshot {
  counts: DupCounts;
}

const toMember = (m: ClusterMember, now: { status: DupMember['status']; label: string | null } | undefined): DupMember => ({
  id: m.id,
  path: m.path,
  sha256: m.sha256,
  label: now ? now.label : m.label,
  status: now?.status ?? 'missing',
  width: m.width,
  height: m.height,
  size: m.size,
  format: m.format,
  distance: m.distance,
});

/** How the screen includes mixed-label clusters, for the sentence saying some were left. */
const MIXED_HINT = 'tick “also mixed-label clusters” to accept them too';

/** Where the heavy calls run: in-process by default, in a worker thread from the Host (threaded.ts). */
export interface DupsCompute {
  clusters(rule: MatchRule, ctx: JobContext): Promise<ClusterRun>;
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
      clusters: async (rule, ctx) => computeClusters(db, rule, undefined, ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
      sweep: async (max) => pHashSweep(db, max),
    };
  }

  async sweep(max: number): Promise<DupSweep> {
    const key = `${max}:${sweepInputsKey(this.db)}`;
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

  async find(args: Methods['dups.find']['args'], ctx: JobContext = {}): Promise<DupRun> {
    let rule;
    try {
      rule = parseRule({ preset: args.preset, phash: args.phash, dhash: args.dhash, mirror: args.mirror });
    } catch (err) {
      throw new UserError((err as Error).message);
    }
    this.run = await this.compute.clusters(rule, ctx);
    this.snapshot = null;
    return this.toContract(this.run);
  }

  decide(args: Methods['dups.decide']['args']): DupPatch {
    const run = this.current();
    if (!run) throw new UserError('No clusters yet: press “Find clusters” first.');
    const before = this.snap(run);
    const done = decide(this.db, run, [request(args)], MIXED_HINT);
    return { ...this.diff(run, before, done.state), changed: done.changed, message: done.message };
  }

  step(which: 'undo' | 'redo'): DupPatch {
    const run = this.current();
    const before = run ? this.snap(run) : null;
    const { done, state } = stepDecisions(this.db, which);
    const message = done ? (which === 'undo' ? 'Undone.' : 'Redone.') : `Nothing to ${which}.`;
    if (!run || !before) return { counts: emptyCounts(this.db, state), members: [], clusters: [], changed: done, message };
    return { ...this.diff(run, before, state), changed: done, message };
  }

  /** Moves one excluded image's file to the trash (see core/trash.ts); the patch shows it `missing`. */
  async trash(id: number, trashItem?: TrashItem): Promise<DupPatch> {
    const run = this.current();
    const before = run ? this.snap(run) : null;
    const done = await trashImage(this.db, id, trashItem ? { trashItem } : {});
    const where = done.trashedTo ? `the trash (${done.trashedTo})` : 'the system trash';
    const message = `Moved ${done.original} to ${where}. Its catalog row is now “missing”: restore the file from the trash and import again to bring it back.`;
    const state = replay(this.db);
    if (!run || !before) return { counts: emptyCounts(this.db, state), members: [], clusters: [], changed: true, message };
    return { ...this.diff(run, before, state), changed: true, message };
  }

  /** The latest persisted run; reloaded when another process (the CLI, an import) replaced it. */
  private current(): ClusterRun | null {
    const latest = latestRunId(this.db);
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
    const review = reviewSnapshot(this.db, run, s);
    let resolved = 0;
    let mixed = 0;
    for (const st of review.clusters.values()) {
      if (st.resolved) resolved++;
      if (st.mixedLabels) mixed++;
    }
    const counts: DupCounts = {
      ...emptyCounts(this.db, s),
      clusters: run.clusters.length,
      resolved,
      remaining: run.clusters.length - resolved,
      mixedLabels: mixed,
    };
    this.snapshot = { ...review, counts };
    return this.snapshot;
  }

  private diff(run: ClusterRun, before: Snapshot, state: DecisionState): Omit<DupPatch, 'changed' | 'message'> {
    const after = this.snap(run, state);
    const members: DupPatch['members'] = [];
    for (const [id, now] of after.members) {
      const was = before.members.get(id);
      if (was?.status !== now.status || was.label !== now.label) members.push({ id, ...now });
    }
    const clusters: DupPatch['clusters'] = [];
    for (const [id, st] of after.clusters) {
      const was = before.clusters.get(id);
      const same =
        was &&
        was.resolved === st.resolved &&
        was.notDuplicates === st.notDuplicates &&
        was.mixedLabels === st.mixedLabels &&
        was.suggested === st.suggested &&
        was.reason === st.reason;
      if (!same)
        clusters.push({
          id,
          resolved: st.resolved,
          notDuplicates: st.notDuplicates,
          mixedLabels: st.mixedLabels,
          suggested: st.suggested,
          reason: st.reason,
        });
    }
    return { counts: after.counts, members, clusters };
  }

  private toContract(run: ClusterRun): DupRun {
    const s = this.snap(run);
    const clusters: DupCluster[] = run.clusters.map((c) => {
      const st = s.clusters.get(c.id)!;
      return {
        id: c.id,
        members: c.members.map((m) => toMember(m, s.members.get(m.id))),
        suggested: st.suggested,
        reason: st.reason,
        resolved: st.resolved,
        notDuplicates: st.notDuplicates,
        mixedLabels: st.mixedLabels,
      };
    });
    return { rule: run.rule, images: run.images, needReindex: run.needReindex, clusters, counts: s.counts };
  }
}

/** The screen's call → the core's request (the member is named by its catalog id). */
function request(args: Methods['dups.decide']['args']): DecisionRequest {
  const cluster = args.cluster;
  if (args.kind === 'accept-suggestions') return { kind: 'accept-suggestions', includeMixed: args.includeMixed ?? false };
  if (cluster === undefined) throw new UserError('Say which cluster: this decision needs its number.');
  switch (args.kind) {
    case 'keep':
      if (args.member === undefined) throw new UserError('Say which image to keep.');
      return { kind: 'keep', cluster, member: args.member };
    case 'not-duplicates':
      return { kind: 'not-duplicates', cluster };
    case 'exclude-all':
      return { kind: 'exclude-all', cluster };
    case 'relabel':
      return { kind: 'relabel', cluster, label: args.label ?? '', ...(args.member === undefined ? {} : { member: args.member }) };
  }
}

function emptyCounts(db: Database.Database, s: DecisionState): DupCounts {
  return {
    clusters: 0,
    resolved: 0,
    remaining: 0,
    mixedLabels: 0,
    excluded: excludedCount(db),
    undoable: s.undoable,
    redoable: s.redoable,
  };
}
