// One import at a time, driven through the contract; progress and the end arrive as events (also in
// other tabs connected to the same host, which then follow the same job).
import type { ImportReport, Methods, Progress } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';
import { catalog } from './catalog.svelte.ts';

export type LabelChoice = 'folders' | 'csv' | 'none';

class ImportJob {
  jobId = $state<string | null>(null);
  progress = $state<Progress | null>(null);
  report = $state<ImportReport | null>(null);
  error = $state<string | null>(null);
  cancelling = $state(false);
  private countsAt = 0;

  get running(): boolean {
    return this.jobId !== null;
  }

  constructor() {
    api.on('job.progress', (e) => {
      if (e.kind !== 'import') return;
      this.jobId ??= e.jobId;
      if (e.jobId !== this.jobId) return;
      this.progress = e.progress;
      // Rows are committed in batches as the import goes: let the counts grow with it.
      if (e.progress.phase !== 'scan' && Date.now() - this.countsAt > 1500) {
        this.countsAt = Date.now();
        void catalog.refreshCounts();
      }
    });
    api.on('job.done', (e) => {
      if (e.kind !== 'import' || (this.jobId !== null && e.jobId !== this.jobId)) return;
      this.jobId = null;
      this.progress = null;
      this.cancelling = false;
      this.report = e.report ?? null;
      this.error = e.error ?? null;
      void catalog.refresh();
    });
  }

  async start(folder: string, choice: LabelChoice, csv: string, labelMap: string): Promise<void> {
    this.error = null;
    this.report = null;
    const labels: Methods['import.start']['args']['labels'] =
      choice === 'csv' ? { csv, ...(labelMap.trim() ? { labelMap: labelMap.trim() } : {}) } : choice;
    await this.follow(() => api.invoke('import.start', { folder, labels }));
  }

  /** Imports a source's folder again with its stored label spec: the same job, progress and cancel. */
  async rescan(sourceId: number): Promise<void> {
    this.error = null;
    this.report = null;
    await this.follow(() => api.invoke('sources.rescan', { id: sourceId }));
  }

  private async follow(startJob: () => Promise<{ jobId: string }>): Promise<void> {
    try {
      const { jobId } = await startJob();
      // A fast import can finish before the reply arrives; then job.done already cleared the state.
      if (this.report === null && this.error === null) {
        this.jobId = jobId;
        this.progress ??= { phase: 'scan', done: 0, total: 0, ratePerSec: 0, etaSec: null };
      }
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  async cancel(): Promise<void> {
    if (!this.jobId) return;
    this.cancelling = true;
    await api.invoke('job.cancel', { jobId: this.jobId });
  }
}

export const importJob = new ImportJob();
