import { existsSync } from 'node:fs';
import { Worker, type MessagePort } from 'node:worker_threads';

/** What a worker receives: several tasks at once, answered in one message. */
export interface TaskBatch<T> {
  batch: { seq: number; task: T }[];
}
export interface ResultBatch<R> {
  results: { seq: number; result: R }[];
}
/** Asks a worker to finish what it holds and leave by itself (see WorkerPool.close). */
export interface CloseRequest {
  close: true;
}

/**
 * The worker side: runs each batch's tasks concurrently and answers with the results that are ready,
 * gathered per turn of the event loop: the fast ones of a batch leave together at once, and a slow
 * one (a large image in sharp) follows alone instead of holding the others back, so the pool can
 * refill this worker meanwhile. `failed` turns an unexpected error into a result.
 */
export function serveBatches<T, R>(
  port: MessagePort,
  handle: (task: T) => Promise<R>,
  failed: (err: unknown) => R,
  /** Buffers to move to the caller instead of copying (large results). */
  transfer: (result: R) => ArrayBuffer[] = () => [],
): void {
  let ready: { seq: number; result: R }[] = [];
  const flush = (): void => {
    const results = ready;
    ready = [];
    port.postMessage(
      { results } satisfies ResultBatch<R>,
      results.flatMap((r) => transfer(r.result)),
    );
  };
  port.on('message', (msg: TaskBatch<T> | CloseRequest) => {
    // Closing the port ends this thread once the native work it started (sharp, libjpeg-turbo) is done.
    if ('close' in msg) return void setImmediate(() => port.close());
    for (const { seq, task } of msg.batch) {
      void handle(task)
        .catch(failed)
        .then((result) => {
          if (ready.push({ seq, result }) === 1) setImmediate(flush);
        });
    }
  });
}

interface Pending<R> {
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

interface Slot<R> {
  worker: Worker;
  inFlight: Map<number, Pending<R>>;
}

/**
 * A fixed set of worker threads, each given up to `perWorker` tasks at once (so one task's file read
 * overlaps another's decode). Tasks travel in batches of up to `batch`: every message wakes the
 * other thread, and on small images one wake-up per image cost as much as 5-10% of the work.
 * A worker that dies is replaced and only its own tasks fail.
 */
export class WorkerPool<T, R> {
  private readonly slots: Slot<R>[] = [];
  private readonly queue: { seq: number; task: T; pending: Pending<R> }[] = [];
  private readonly entry: URL;
  private readonly perWorker: number;
  private readonly batch: number;
  private seq = 0;
  private closed = false;
  private closing: Promise<void> | null = null;
  private pumpQueued = false;

  constructor(entry: URL, size: number, perWorker = 8, batch = 4) {
    this.entry = entry;
    this.perWorker = perWorker;
    this.batch = batch;
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  run(task: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, task, pending: { resolve, reject } });
      // Callers usually queue several tasks in the same tick (a batch of results resumes several
      // awaiting loops): pump once after them so they leave together.
      if (!this.pumpQueued) {
        this.pumpQueued = true;
        queueMicrotask(() => {
          this.pumpQueued = false;
          this.pump();
        });
      }
    });
  }

  /**
   * Lets every worker finish and leave by itself; terminates one only if it has not left after
   * CLOSE_GRACE_MS. Terminating a thread under a native call in flight (a cancelled import, a failed
   * export) aborts the whole process ("terminate called after throwing an instance of
   * 'Napi::Error'", seen in CI), so termination is the fallback, not the way. Idempotent.
   */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= Promise.all(this.slots.map((s) => leave(s.worker))).then(() => undefined);
    return this.closing;
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
      const free = this.perWorker - slot.inFlight.size;
      if (free <= 0) return;
      const jobs = this.queue.splice(0, Math.min(free, this.batch));
      for (const job of jobs) slot.inFlight.set(job.seq, job.pending);
      slot.worker.postMessage({ batch: jobs.map(({ seq, task }) => ({ seq, task })) } satisfies TaskBatch<T>);
    }
  }

  private spawn(): Slot<R> {
    const slot: Slot<R> = { worker: new Worker(this.entry), inFlight: new Map() };
    slot.worker.on('message', (msg: ResultBatch<R>) => {
      for (const { seq, result } of msg.results) {
        const pending = slot.inFlight.get(seq);
        slot.inFlight.delete(seq);
        pending?.resolve(result);
      }
      this.pump();
    });
    const fail = (err: Error): void => {
      if (this.closed) return;
      for (const p of slot.inFlight.values()) p.reject(err);
      slot.inFlight.clear();
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
      this.pump();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`worker stopped unexpectedly (exit code ${code})`)));
    return slot;
  }
}

/** How long a closing worker may take to finish the image in its hands before it is terminated. */
const CLOSE_GRACE_MS = 10_000;

function leave(worker: Worker): Promise<void> {
  if (worker.threadId < 0) return Promise.resolve(); // already gone
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), CLOSE_GRACE_MS);
    timer.unref();
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ close: true } satisfies CloseRequest);
  });
}

/**
 * Where a worker's entry file is: beside the calling module when running from TypeScript sources
 * (Node strips the types), or among the bundled entries in out/main (shared code may sit in a chunk).
 */
export function workerEntry(name: string, callerUrl: string): URL {
  if (callerUrl.endsWith('.ts')) return new URL(`./${name}.ts`, callerUrl);
  let dir = new URL('.', callerUrl);
  for (let depth = 0; depth < 3; depth++) {
    const candidate = new URL(`${name}.js`, dir);
    if (existsSync(candidate)) return candidate;
    dir = new URL('..', dir);
  }
  throw new Error(`Cannot find the worker script ${name}.js near ${callerUrl}; rebuild with \`npm run build\`.`);
}
