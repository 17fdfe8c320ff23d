// The host's long operations (import, export, clustering, folds) are jobs: each holds the write lock
// while it runs, has an id and an AbortController, and ends with exactly one job.done event carrying
// its report, `cancelled`, or an error put through the host's error policy. Progress goes out as
// job.progress events (throttled by the core).
import { randomUUID } from 'node:crypto';
import type { Events, EventName, JobKind } from '../../shared/contract.ts';
import type { Progress } from '../core/jobs.ts';
import { toUserError } from './errors.ts';
import type { WriteLock } from './lock.ts';
import type { HostLog } from './log.ts';
import { CancelledError } from './threaded.ts';

type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;
export type JobContext = { signal: AbortSignal; onProgress: (p: Progress) => void };
/** Resolves with what job.done carries besides id and kind: the report, and extras such as read_example.py. */
export type JobBody = (ctx: JobContext, jobId: string) => Promise<Record<string, unknown>>;

export class JobRunner {
  private readonly jobs = new Map<string, { kind: JobKind; controller: AbortController; done: Promise<void> }>();
  private readonly emit: Emit;
  private readonly lock: WriteLock;
  private readonly log: HostLog;

  constructor(emit: Emit, lock: WriteLock, log: HostLog) {
    this.emit = emit;
    this.lock = lock;
    this.log = log;
  }

  get running(): boolean {
    return this.jobs.size > 0;
  }

  /** Starts `body` under the write lock (refused with a sentence when something else holds it). */
  start(kind: JobKind, body: JobBody): string {
    const release = this.lock.acquire(kind, true);
    const jobId = randomUUID();
    const controller = new AbortController();
    const done = (async () => {
      let end: Events['job.done'];
      try {
        const fields = await body(
          { signal: controller.signal, onProgress: (progress) => this.emit('job.progress', { jobId, kind, progress }) },
          jobId,
        );
        end = { jobId, kind, ...fields };
      } catch (err) {
        end =
          err instanceof CancelledError
            ? { jobId, kind, cancelled: true }
            : { jobId, kind, error: toUserError(err, `${kind} job`, this.log).message };
      } finally {
        this.jobs.delete(jobId);
        release();
      }
      this.emit('job.done', end);
    })();
    this.jobs.set(jobId, { kind, controller, done });
    return jobId;
  }

  /**
   * Asks the job to stop and answers once it has (what it keeps is the job's: an import keeps what it
   * indexed, clustering and folds keep nothing) — or after `waitMs`, so a stuck job never holds the caller.
   */
  async cancel(jobId: string, waitMs = 10_000): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.done, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    return true;
  }

  /** Cancels every job and waits until each has stopped (keeping what it wrote). */
  async stopAll(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }
}
