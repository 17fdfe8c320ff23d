// Host side of job-thread.ts: one worker thread per catalog job. Hashing and export transforms were
// already in worker pools; what stayed on the host's thread was the SQLite work (import batches,
// matching and persisting clusters, folds), seconds at a million images, during which Electron's
// main process would stop answering the window. Progress comes back as messages.
import { Worker } from 'node:worker_threads';
import type { JobContext, Progress } from '../core/jobs.ts';
import { UserError } from '../core/errors.ts';
import { workerEntry } from '../core/scan/pool.ts';
import type { ThreadJob, ThreadMessage } from './job-thread.ts';

/** The job was stopped on request before it wrote anything. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/**
 * How a cancel reaches the job. `cooperative`: the job hears the abort and stops at its next step,
 * keeping what it wrote (imports, exports). `terminate`: the thread is stopped at once — for jobs that
 * compute for long stretches without a pause and write everything in one final transaction
 * (clustering, folds), which a stopped thread never commits; the promise rejects with CancelledError.
 */
export type CancelMode = 'cooperative' | 'terminate';

/** Runs `job` in a fresh worker thread; resolves with its result, rejects with its error. */
export function runInThread<T>(job: ThreadJob, ctx: JobContext = {}, cancel: CancelMode = 'cooperative'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(workerEntry('job-thread', import.meta.url), { workerData: job });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      ctx.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = (): void => {
      if (cancel === 'terminate') finish(() => reject(new CancelledError(`The ${job.kind} job was cancelled; nothing was changed.`)));
      else worker.postMessage({ type: 'abort' });
    };
    if (ctx.signal?.aborted) onAbort();
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') ctx.onProgress?.(m.progress as Progress);
      else if (m.type === 'done') finish(() => resolve(m.result as T));
      else finish(() => reject(m.known ? new UserError(m.message) : Object.assign(new Error(m.message), { stack: m.stack ?? m.message })));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the ${job.kind} thread stopped unexpectedly (exit code ${code})`))));
  });
}
