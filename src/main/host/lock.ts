// The host's one write lock. Everything that writes the catalog, or reads it whole while another
// write could change it underneath, holds it: opening a catalog, imports, exports, clustering,
// folds, decisions, trash, changing sources. The threshold sweep only reads (WAL lets it beside a
// write) but must not see the catalog switched under it: it holds the lock shared, which refuses
// only opening another catalog. Nothing queues: a request that conflicts is refused at once with a
// sentence saying what is running and what to do.
import { HostError } from './errors.ts';

export type Operation = 'open' | 'import' | 'export' | 'clusters' | 'folds' | 'decision' | 'trash' | 'sources' | 'sweep';

/** What the user asked for, as the refusal names it. */
const ATTEMPT: Record<Operation, string> = {
  open: 'open another catalog',
  import: 'start an import',
  export: 'start an export',
  clusters: 'find clusters',
  sweep: 'compute the pHash histogram',
  folds: 'assign folds',
  decision: 'change decisions',
  trash: 'move a file to the trash',
  sources: 'change the sources',
};

/** What is running, and how the user gets out of the way of it. */
const RUNNING: Record<Operation, string> = {
  open: 'a catalog is being opened',
  import: 'an import is running',
  export: 'an export is running',
  clusters: 'clusters are being computed',
  sweep: 'the pHash histogram is being computed',
  folds: 'folds are being assigned',
  decision: 'a decision is being saved',
  trash: 'a file is being moved to the trash',
  sources: 'a source is being changed',
};

export class WriteLock {
  private holder: { op: Operation; job: boolean } | null = null;
  private readonly readers = new Set<Promise<unknown>>();

  /** The operation holding the lock, or null. */
  get held(): Operation | null {
    return this.holder?.op ?? null;
  }

  /** Takes the lock for `op` or throws the refusal; returns the release (idempotent). */
  acquire(op: Operation, job = false): () => void {
    if (this.holder) {
      const way = this.holder.job ? 'wait for it to finish or cancel it' : 'try again in a moment';
      throw new HostError(`Cannot ${ATTEMPT[op]} now: ${RUNNING[this.holder.op]}; ${way}.`);
    }
    if (op === 'open' && this.readers.size > 0) throw new HostError(`Cannot ${ATTEMPT[op]} now: ${RUNNING.sweep}; try again in a moment.`);
    const mine = { op, job };
    this.holder = mine;
    return () => {
      if (this.holder === mine) this.holder = null;
    };
  }

  /** A whole-catalog read (the sweep): it runs beside writes; only a catalog switch waits for it. */
  async read<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder?.op === 'open') throw new HostError(`Cannot ${ATTEMPT.sweep} now: ${RUNNING.open}; try again in a moment.`);
    const running = fn();
    this.readers.add(running);
    try {
      return await running;
    } finally {
      this.readers.delete(running);
    }
  }

  private async readsDone(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (this.readers.size > 0 && Date.now() < deadline) await Promise.allSettled([...this.readers]);
  }

  /** Runs a short write under the lock. A catalog switch first lets running reads finish (a second or so). */
  async run<T>(op: Operation, fn: () => T | Promise<T>): Promise<T> {
    if (op === 'open') await this.readsDone();
    const release = this.acquire(op);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
