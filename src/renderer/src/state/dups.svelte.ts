// The Duplicates screen's state: the threshold sweep, the clusters of the last run, the selection,
// and patches from decisions applied in place (the host sends only what changed).
import { untrack } from 'svelte';
import type { DupCluster, DupCounts, DupPatch, DupPreset, DupRun, DupSweep } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';
import { catalog } from './catalog.svelte.ts';
import { JobStore } from './job.svelte.ts';

/** Clustering is a host job (progress, cancel); module-level, so it survives leaving the screen. */
export const clustersJob = new JobStore('clusters');

/** Largest pHash distance the slider offers: above the loose preset, and cheap to sweep. */
export const SWEEP_MAX = 16;

const ADVANCE_KEY = 'winnow.dups.advance';

function readAdvance(): boolean {
  try {
    return localStorage.getItem(ADVANCE_KEY) !== '0';
  } catch {
    return true;
  }
}

export class DupsStore {
  sweep = $state.raw<DupSweep | null>(null);
  /** Raw: 10,000 clusters must not become 10,000 deep proxies; patches replace whole objects. */
  clusters = $state.raw<DupCluster[]>([]);
  counts = $state.raw<DupCounts | null>(null);
  rule = $state('');
  /** A run exists (possibly with no clusters); false until computed once. */
  hasRun = $state(false);
  preset = $state<DupPreset>('balanced');
  phash = $state(10);
  selected = $state(0);
  busy = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  /** After a decision, move to the next open cluster; remembered across sessions. */
  advance = $state(readAdvance());

  readonly current = $derived(this.clusters[this.selected] ?? null);

  /** Create during a component's set-up: a clustering job that ends while the screen shows takes its run. */
  constructor() {
    const before = clustersJob.report;
    $effect(() => {
      const run = clustersJob.report;
      if (run && run !== before) untrack(() => this.takeRun(run));
    });
  }

  async load(): Promise<void> {
    this.error = null;
    try {
      // The list first: the host answers in order, and the sweep may take longer on a big catalog.
      const run = await api.invoke('dups.load', {});
      if (run) this.setRun(run.clusters, run.counts, run.rule);
      this.loaded = true;
      this.sweep = await api.invoke('dups.sweep', { max: SWEEP_MAX });
    } catch (err) {
      this.error = (err as Error).message;
      this.loaded = true;
    }
  }

  choosePreset(p: DupPreset): void {
    this.preset = p;
    if (this.sweep) this.phash = this.sweep.presets[p];
  }

  /** Clusters by pHash alone at the slider's threshold (the full rule may merge fewer). */
  get estimate(): number | null {
    return this.sweep?.clusters[this.phash] ?? null;
  }

  /** Starts clustering; the run arrives with the job's end (takeRun). */
  find(): Promise<void> {
    this.error = null;
    this.message = null;
    return clustersJob.begin(() => api.invoke('dups.find', { preset: this.preset, phash: this.phash }));
  }

  private takeRun(run: DupRun): void {
    this.setRun(run.clusters, run.counts, run.rule);
    this.loaded = true;
    this.message = `${run.clusters.length === 1 ? '1 cluster' : `${run.clusters.length} clusters`} with ${run.rule}.`;
  }

  /** `step`: the decision came from a key, so the flow may advance (a click shows its result in place). */
  keep(index: number, step = false): Promise<void> {
    const c = this.current;
    const m = c?.members[index];
    if (!c || !m) return Promise.resolve();
    return this.decide(() => api.invoke('dups.decide', { kind: 'keep', cluster: c.id, member: m.id }), step);
  }

  /** Keeps the suggested member of the current cluster (Space). */
  acceptSuggestion(step = true): Promise<void> {
    const c = this.current;
    return c && !c.resolved
      ? this.decide(() => api.invoke('dups.decide', { kind: 'keep', cluster: c.id, member: c.suggested }), step)
      : Promise.resolve();
  }

  setAdvance(on: boolean): void {
    this.advance = on;
    try {
      localStorage.setItem(ADVANCE_KEY, on ? '1' : '0');
    } catch {
      // Storage may be unavailable (private mode): the toggle still works for this session.
    }
  }

  notDuplicates(step = false): Promise<void> {
    const c = this.current;
    return c ? this.decide(() => api.invoke('dups.decide', { kind: 'not-duplicates', cluster: c.id }), step) : Promise.resolve();
  }

  excludeAll(step = false): Promise<void> {
    const c = this.current;
    return c ? this.decide(() => api.invoke('dups.decide', { kind: 'exclude-all', cluster: c.id }), step) : Promise.resolve();
  }

  /** Sets the label of one member (by image id) or, with none, of the whole current cluster. */
  relabel(label: string, member?: number): Promise<void> {
    const c = this.current;
    if (!c || !label.trim()) return Promise.resolve();
    return this.patch(() =>
      api.invoke('dups.decide', { kind: 'relabel', cluster: c.id, label: label.trim(), ...(member === undefined ? {} : { member }) }),
    );
  }

  /** Moves an excluded member's file to the OS trash (the screen asks for confirmation first). */
  trash(id: number): Promise<void> {
    return this.patch(() => api.invoke('dups.trash', { id }));
  }

  acceptAll(includeMixed: boolean): Promise<void> {
    return this.patch(() => api.invoke('dups.decide', { kind: 'accept-suggestions', includeMixed }));
  }

  // Undo and redo show the cluster they changed, so the user sees what came back.
  undo(): Promise<void> {
    return this.patch(
      () => api.invoke('dups.undo', {}),
      (p) => this.showCluster(p),
    );
  }

  redo(): Promise<void> {
    return this.patch(
      () => api.invoke('dups.redo', {}),
      (p) => this.showCluster(p),
    );
  }

  /** A one-cluster decision, then (when on) the next open cluster after this one, wrapping round. */
  private decide(call: () => Promise<DupPatch>, step: boolean): Promise<void> {
    return this.patch(call, () => {
      if (!step || !this.advance) return;
      const n = this.clusters.length;
      for (let step = 1; step < n; step++) {
        const i = (this.selected + step) % n;
        const c = this.clusters[i]!;
        if (!c.resolved && !c.notDuplicates) {
          this.selected = i;
          return;
        }
      }
    });
  }

  private showCluster(p: DupPatch): void {
    const id = p.clusters[0]?.id;
    const i = id === undefined ? -1 : this.clusters.findIndex((c) => c.id === id);
    if (i >= 0) this.selected = i;
  }

  select(index: number): void {
    if (this.clusters.length) this.selected = Math.max(0, Math.min(this.clusters.length - 1, index));
  }

  private setRun(clusters: DupCluster[], counts: DupCounts, rule: string): void {
    this.clusters = clusters;
    this.counts = counts;
    this.rule = rule;
    this.hasRun = true;
    this.selected = 0;
  }

  private patch(call: () => Promise<DupPatch>, after?: (p: DupPatch) => void): Promise<void> {
    return this.run(async () => {
      const p = await call();
      this.apply(p);
      after?.(p);
    });
  }

  private apply(p: DupPatch): void {
    this.counts = p.counts;
    this.message = p.message;
    if (p.changed) void catalog.refreshCounts(); // the Library's excluded count
    if (p.members.length === 0 && p.clusters.length === 0) return;
    const changed = new Map(p.members.map((m) => [m.id, m]));
    const states = new Map(p.clusters.map((c) => [c.id, c]));
    // Only touched clusters get new objects, so the list re-renders only those rows.
    this.clusters = this.clusters.map((c) => {
      const st = states.get(c.id);
      const touched = c.members.some((m) => changed.has(m.id));
      if (!st && !touched) return c;
      return {
        ...c,
        ...(st
          ? {
              resolved: st.resolved,
              notDuplicates: st.notDuplicates,
              mixedLabels: st.mixedLabels,
              suggested: st.suggested,
              reason: st.reason,
            }
          : {}),
        members: touched ? c.members.map((m) => (changed.has(m.id) ? { ...m, ...changed.get(m.id)! } : m)) : c.members,
      };
    });
  }

  // One request at a time: a second key press while a decision is in flight would act on stale state.
  private async run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }
}
