// Host side of job-thread.ts: one worker thread per catalog-writing job. Hashing and export
// transforms were already in worker pools; what stayed on the host's thread was the SQLite work
// (import batches, matching and persisting clusters), seconds at a million images, during which
// Electron's main process would stop answering the window. Progress comes back as messages; an
// abort is forwarded and the job keeps what it wrote, as a direct call would.
import { Worker } from 'node:worker_threads';
import type { JobContext, Progress } from '../core/jobs.ts';
import { workerEntry } from '../core/scan/pool.ts';
import type { ThreadJob, ThreadMessage } from './job-thread.ts';

/** Runs `job` in a fresh worker thread; resolves with its result, rejects with its error message. */
export function runInThread<T>(job: ThreadJob, ctx: JobContext = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(workerEntry('job-thread', import.meta.url), { workerData: job });
    const onAbort = (): void => worker.postMessage({ type: 'abort' });
    if (ctx.signal?.aborted) onAbort();
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      ctx.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') ctx.onProgress?.(m.progress as Progress);
      else if (m.type === 'done') finish(() => resolve(m.result as T));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the ${job.kind} thread stopped unexpectedly (exit code ${code})`))));
  });
}
