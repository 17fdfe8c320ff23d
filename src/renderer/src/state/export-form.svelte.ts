// The export form's live feedback: one image as the export would write it, the projected size and
// the shard-name check. Components ask for them shortly after the user stops editing (schedule);
// an answer to settings that have since changed is dropped, so the newest settings always win.
import type { ExportEstimate, ExportPreview, Methods } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';
import type { TransformArgs } from './export-job.svelte.ts';

/** The newest call's answer or error; answers to older calls never overwrite it. */
class Latest<T> {
  value = $state<T | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  private seq = 0;

  async load(call: () => Promise<T>): Promise<void> {
    const mine = ++this.seq;
    this.busy = true;
    try {
      const value = await call();
      if (mine === this.seq) {
        this.value = value;
        this.error = null;
      }
    } catch (err) {
      if (mine === this.seq) this.error = (err as Error).message;
    } finally {
      if (mine === this.seq) this.busy = false;
    }
  }

  /** Runs `call` once the caller has been quiet for `ms`; returns the cancel for an $effect. */
  schedule(ms: number, call: () => Promise<T>): () => void {
    const timer = setTimeout(() => void this.load(call), ms);
    return () => clearTimeout(timer);
  }
}

class ExportForm {
  /** Which active image the preview shows (path order); "Next sample" steps it. */
  index = $state(0);
  readonly preview = new Latest<ExportPreview>();
  readonly estimate = new Latest<ExportEstimate>();
  readonly template = new Latest<{ error: string | null; first: string | null }>();

  schedulePreview(args: TransformArgs, index: number): () => void {
    return this.preview.schedule(250, () => api.invoke('export.preview', { ...args, index }));
  }

  scheduleEstimate(
    args: TransformArgs,
    features: Methods['export.estimate']['args']['features'],
    unlabelled: Methods['export.estimate']['args']['unlabelled'],
  ): () => void {
    return this.estimate.schedule(400, () => api.invoke('export.estimate', { ...args, features, ...(unlabelled ? { unlabelled } : {}) }));
  }

  scheduleTemplate(template: string, unlabelled: Methods['export.template']['args']['unlabelled'], gzip: boolean): () => void {
    return this.template.schedule(150, () => api.invoke('export.template', { template, gzip, ...(unlabelled ? { unlabelled } : {}) }));
  }
}

export const exportForm = new ExportForm();

/** Sizes in SI units (1 KB = 1000 bytes), as file managers on Linux and macOS show them. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? Math.round(v) : v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
