// Fold parameters and the last assignment of the Folds & export screen (module-level: it survives
// screen switches; a new catalog clears it because its folds are another catalog's). The assignment
// itself lives in the catalog: the screen loads it when it opens, so a reload or a reopened catalog
// shows the folds the export will use.
import type { FoldsResult } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';
import { JobStore } from './job.svelte.ts';

class Folds {
  k = $state(5);
  seed = $state(42);
  stratify = $state(true);
  groups = $state(true);
  result = $state.raw<FoldsResult | null>(null);
  catalogPath = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** Assigning folds is a host job (seconds at a million images; cancel stores nothing). */
  readonly job = new JobStore('folds', {
    onDone: (done) => {
      if (done.report && this.computingFor !== null) {
        this.seq++; // a load answered after this is older than the new assignment
        this.result = done.report;
        this.catalogPath = this.computingFor;
      }
    },
  });
  private computingFor: string | null = null;
  /** The newest load or assignment; an older answer arriving later is dropped. */
  private seq = 0;

  get busy(): boolean {
    return this.job.running;
  }

  get error(): string | null {
    return this.job.error ?? this.loadError;
  }

  compute(catalogPath: string): Promise<void> {
    this.computingFor = catalogPath;
    this.loadError = null;
    return this.job.begin(
      () => api.invoke('folds.compute', { k: this.k, seed: this.seed, stratify: this.stratify, groups: this.groups }),
      false,
    );
  }

  /** The catalog's stored assignment (null when none); the parameter fields follow it for a newly opened catalog. */
  async load(catalogPath: string): Promise<void> {
    if (this.busy) return;
    const mine = ++this.seq;
    const fields = this.fields();
    try {
      const stored = await api.invoke('folds.load', {});
      if (mine !== this.seq) return;
      // Values the user typed (on this catalog, or while the answer was on its way) are kept.
      if (stored && this.catalogPath !== catalogPath && this.fields() === fields) {
        ({ k: this.k, seed: this.seed, stratify: this.stratify, groups: this.groups } = stored.params);
      }
      this.result = stored;
      this.catalogPath = catalogPath;
      this.loadError = null;
    } catch (err) {
      if (mine === this.seq) this.loadError = (err as Error).message ?? String(err);
    }
  }

  private fields(): string {
    return JSON.stringify([this.k, this.seed, this.stratify, this.groups]);
  }
}

export const folds = new Folds();
