// Fold parameters and the last assignment of the Folds & export screen (module-level: it survives
// screen switches; a new catalog clears it because its folds are another catalog's).
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
  /** Assigning folds is a host job (seconds at a million images; cancel stores nothing). */
  readonly job = new JobStore('folds', (done) => {
    if (done.report) {
      this.result = done.report;
      this.catalogPath = this.computingFor;
    }
  });
  private computingFor: string | null = null;

  get busy(): boolean {
    return this.job.running;
  }

  get error(): string | null {
    return this.job.error;
  }

  compute(catalogPath: string): Promise<void> {
    this.computingFor = catalogPath;
    return this.job.begin(() => api.invoke('folds.compute', { k: this.k, seed: this.seed, stratify: this.stratify, groups: this.groups }), false);
  }
}

export const folds = new Folds();
