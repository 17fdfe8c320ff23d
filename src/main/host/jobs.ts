// The Host's long jobs (import, export): one at a time, each with an id, an AbortController and a
// promise that settles once the job has kept what it wrote; progress and the final report (or error)
// go out as job.progress / job.done events.
import { randomUUID } from 'node:crypto';
import type { Events, EventName, Progress as ContractProgress } from '../../shared/contract.ts';
import type { Progress } from '../core/jobs.ts';

type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;
export type JobKind = 'import' | 'export';
export type JobBody = (ctx: { signal: AbortSignal; onProgress: (p: Progress) => void }, jobId: string) => Promise<void>;

// The contract restates the core's Progress for the renderer; this fails to compile if they drift apart.
const sameProgress = (p: Progress): ContractProgress => p;

export class JobRunner {
  private readonly jobs = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly emit: Emit;

  constructor(emit: Emit) {
    this.emit = emit;
  }

  get running(): boolean {
    return this.jobs.size > 0;
  }

  /** Starts `body`; a failure becomes the job's job.done with the error's message. */
  start(kind: JobKind, body: JobBody): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const emit = this.emit;
    const done = body(
      { signal: controller.signal, onProgress: (p) => emit('job.progress', { jobId, kind, progress: sameProgress(p) }) },
      jobId,
    ).catch((err: unknown) => emit('job.done', { jobId, kind, error: (err as Error).message ?? String(err) }));
    this.jobs.set(jobId, { controller, done: done.finally(() => this.jobs.delete(jobId)) });
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    job?.controller.abort();
    return job !== undefined;
  }

  /** Cancels every job and waits until each has stopped (keeping what it wrote). */
  async stopAll(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }
}
