// One import at a time, driven through the contract: a JobStore whose end refreshes the catalog and
// whose progress lets the counts grow (also in other tabs connected to the same host).
import type { Methods } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';
import { catalog } from './catalog.svelte.ts';
import { JobStore } from './job.svelte.ts';

export type LabelChoice = 'folders' | 'csv' | 'none';

class ImportJob extends JobStore<'import'> {
  private countsAt = 0;

  constructor() {
    super('import', {
      onDone: () => void catalog.refresh(),
      onProgress: (p) => {
        // Rows are committed in batches as the import goes: let the counts grow with it.
        if (p.phase !== 'scan' && Date.now() - this.countsAt > 1500) {
          this.countsAt = Date.now();
          void catalog.refreshCounts();
        }
      },
    });
  }

  start(folder: string, choice: LabelChoice, csv: string, labelMap: string): Promise<void> {
    const labels: Methods['import.start']['args']['labels'] =
      choice === 'csv' ? { csv, ...(labelMap.trim() ? { labelMap: labelMap.trim() } : {}) } : choice;
    return this.begin(() => api.invoke('import.start', { folder, labels }));
  }

  /** Imports a source's folder again with its stored label spec: the same job, progress and cancel. */
  rescan(sourceId: number): Promise<void> {
    return this.begin(() => api.invoke('sources.rescan', { id: sourceId }));
  }
}

export const importJob = new ImportJob();
