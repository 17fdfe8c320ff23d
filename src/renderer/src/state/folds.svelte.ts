// Fold parameters and the last assignment of the Folds & export screen (module-level: it survives
// screen switches; a new catalog clears it because its folds are another catalog's).
import type { FoldsResult } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';

class Folds {
  k = $state(5);
  seed = $state(42);
  stratify = $state(true);
  groups = $state(true);
  result = $state<FoldsResult | null>(null);
  catalogPath = $state<string | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  async compute(catalogPath: string): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      this.result = await api.invoke('folds.compute', { k: this.k, seed: this.seed, stratify: this.stratify, groups: this.groups });
      this.catalogPath = catalogPath;
    } catch (err) {
      this.error = (err as Error).message ?? String(err);
    } finally {
      this.busy = false;
    }
  }
}

export const folds = new Folds();
