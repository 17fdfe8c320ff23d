// One host job of a kind (import, export, clustering, folds) as the screens see it: started through
// the contract, followed through job.progress / job.done events — also when another tab of the same
// host started it — and cancelled on request. Every job-driven store builds on this one.
import type { Events, JobKind, Progress } from '../../../shared/contract.ts';
import { api } from '../lib/transport.ts';

type DoneOf<K extends JobKind> = Extract<Events['job.done'], { kind: K }>;
export type ReportOf<K extends JobKind> = NonNullable<DoneOf<K>['report']>;

export class JobStore<K extends JobKind> {
  jobId = $state<string | null>(null);
  progress = $state.raw<Progress | null>(null);
  /** The last finished job's report (raw: a report can be large). */
  report = $state.raw<ReportOf<K> | null>(null);
  error = $state<string | null>(null);
  cancelled = $state(false);
  cancelling = $state(false);
  /** A start was sent and neither its reply nor its end has arrived yet. */
  private starting = $state(false);
  private readonly kind: K;

  constructor(kind: K, hooks: { onDone?: (done: DoneOf<K>) => void; onProgress?: (p: Progress) => void } = {}) {
    this.kind = kind;
    api.on('job.progress', (e) => {
      if (e.kind !== kind) return;
      this.jobId ??= e.jobId;
      if (e.jobId !== this.jobId) return;
      this.progress = e.progress;
      hooks.onProgress?.(e.progress);
    });
    api.on('job.done', (e) => {
      if (e.kind !== kind || (this.jobId !== null && e.jobId !== this.jobId)) return;
      const done = e as DoneOf<K>;
      this.jobId = null;
      this.starting = false;
      this.progress = null;
      this.cancelling = false;
      this.report = (done.report ?? null) as ReportOf<K> | null;
      this.cancelled = done.cancelled ?? false;
      this.error = done.error ?? null;
      hooks.onDone?.(done);
    });
  }

  get running(): boolean {
    return this.jobId !== null || this.starting;
  }

  /** Sends the start call; a refusal (another job holds the catalog) becomes this job's error. */
  async begin(call: () => Promise<{ jobId: string }>, clearReport = true): Promise<void> {
    this.error = null;
    this.cancelled = false;
    if (clearReport) this.report = null;
    this.starting = true;
    try {
      const { jobId } = await call();
      // A short job can end before its reply arrives; then job.done already cleared `starting`.
      if (this.starting) {
        this.jobId = jobId;
        this.progress ??= { phase: this.kind, done: 0, total: 0, ratePerSec: 0, etaSec: null };
      }
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.starting = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.jobId) return;
    this.cancelling = true;
    try {
      await api.invoke('job.cancel', { jobId: this.jobId });
    } catch (err) {
      this.error = (err as Error).message;
      this.cancelling = false;
    }
  }
}
