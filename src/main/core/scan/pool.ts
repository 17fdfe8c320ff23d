import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

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
 * overlaps another's decode). A worker that dies is replaced and only its own tasks fail.
 */
export class WorkerPool<T, R> {
  private readonly slots: Slot<R>[] = [];
  private readonly queue: { seq: number; task: T; pending: Pending<R> }[] = [];
  private readonly entry: URL;
  private readonly perWorker: number;
  private seq = 0;
  private closed = false;

  constructor(entry: URL, size: number, perWorker = 2) {
    this.entry = entry;
    this.perWorker = perWorker;
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  run(task: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, task, pending: { resolve, reject } });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
      if (slot.inFlight.size >= this.perWorker) return;
      const job = this.queue.shift()!;
      slot.inFlight.set(job.seq, job.pending);
      slot.worker.postMessage({ seq: job.seq, task: job.task });
    }
  }

  private spawn(): Slot<R> {
    const slot: Slot<R> = { worker: new Worker(this.entry), inFlight: new Map() };
    slot.worker.on('message', (msg: { seq: number; result: R }) => {
      const pending = slot.inFlight.get(msg.seq);
      slot.inFlight.delete(msg.seq);
      pending?.resolve(msg.result);
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
