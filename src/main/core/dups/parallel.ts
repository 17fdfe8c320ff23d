// Multi-index hashing on every core: the blocks of one plan are independent scans (each pair is
// reported by the first block that reaches it, whoever scans that block), so threads can take a
// share of the blocks each over the same hashes in shared memory. On 2 cores this roughly halves
// the threshold sweep behind the Duplicates slider and the clustering search.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HashArray } from './hamming.ts';
import { findPairs } from './mih.ts';
import { PairBuilder, type PairList } from './pairs.ts';
import { blockCost, planSearch, type Block } from './plan.ts';
import { sweepPairs, type ThresholdSweep } from './sweep.ts';
import { workerEntry } from '../scan/pool.ts';
import type { SearchTask } from './search-worker.ts';

/** Splits block indices into `parts` shares of similar model cost (largest first, to the lightest share). */
export function shareBlocks(n: number, blocks: readonly Block[], parts: number): number[][] {
  const shares = Array.from({ length: parts }, () => ({ cost: 0, blocks: [] as number[] }));
  const order = blocks.map((b, i) => ({ i, cost: blockCost(n, b.width, b.radius) })).sort((a, b) => b.cost - a.cost);
  for (const { i, cost } of order) {
    const lightest = shares.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.blocks.push(i);
    lightest.cost += cost;
  }
  return shares.map((s) => s.blocks.sort((a, b) => a - b)).filter((s) => s.length > 0);
}

function shared(src: Uint32Array): Uint32Array {
  const out = new Uint32Array(new SharedArrayBuffer(src.byteLength));
  out.set(src);
  return out;
}

type PendingShare = { resolve: (p: PairList) => void; reject: (e: Error) => void };

/** A few search threads kept warm between calls (starting one costs ~30-50 ms). */
export class SearchPool {
  private readonly workers: Worker[] = [];
  /** The share each thread is scanning; a thread has at most one (searches run one at a time). */
  private readonly pending = new Map<Worker, PendingShare>();
  private readonly size: number;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(size = Math.min(4, availableParallelism())) {
    this.size = Math.max(1, size);
  }

  /** Every pair within `threshold`, exactly as findPairs finds them, in no particular order. */
  findPairs(hashes: HashArray, threshold: number): Promise<PairList> {
    // One search at a time: each already uses every thread.
    const run = this.busy.then(() => this.search(hashes, threshold));
    this.busy = run.catch(() => undefined);
    return run;
  }

  async sweep(hashes: HashArray, maxDistance: number): Promise<ThresholdSweep> {
    return sweepPairs(hashes.hi.length, await this.findPairs(hashes, maxDistance), maxDistance);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }

  private async search(hashes: HashArray, threshold: number): Promise<PairList> {
    const n = hashes.hi.length;
    const { blocks } = planSearch(n, threshold);
    const shares = shareBlocks(n, blocks, this.size);
    if (shares.length < 2) return findPairs(hashes, threshold);
    while (this.workers.length < shares.length) this.workers.push(this.spawn());
    const hi = shared(hashes.hi);
    const lo = shared(hashes.lo);
    // Every share answers or fails before this search ends: a thread still scanning a failed
    // search's share would hand that answer to the next search.
    const settled = await Promise.allSettled(
      shares.map((only, k) => this.ask(this.workers[k]!, { hi, lo, threshold, blocks, only })),
    );
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const parts = settled.map((s) => (s as PromiseFulfilledResult<PairList>).value);
    const total = parts.reduce((s, p) => s + p.length, 0);
    const out = new PairBuilder(Math.max(1, total));
    for (const p of parts) for (let k = 0; k < p.length; k++) out.push(p.a[k]!, p.b[k]!, p.d[k]!);
    return out.finish();
  }

  /**
   * A thread with listeners for its whole life: an 'error' nobody listens to would be thrown in
   * the host's process and end it, even from a thread sitting idle between searches.
   */
  private spawn(): Worker {
    const worker = new Worker(workerEntry('search-worker', import.meta.url));
    worker.on('message', (p: PairList) => this.takePending(worker)?.resolve(p));
    worker.on('error', (err) => this.drop(worker, err));
    worker.on('exit', (code) => this.drop(worker, new Error(`A search thread stopped (exit code ${code})`)));
    return worker;
  }

  /** Takes a failed or stopped thread out of the pool (the next search starts another) and fails its share. */
  private drop(worker: Worker, err: Error): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
    this.takePending(worker)?.reject(err);
  }

  private takePending(worker: Worker): PendingShare | undefined {
    const share = this.pending.get(worker);
    this.pending.delete(worker);
    return share;
  }

  private ask(worker: Worker, task: SearchTask): Promise<PairList> {
    return new Promise((resolve, reject) => {
      this.pending.set(worker, { resolve, reject });
      worker.postMessage(task);
    });
  }
}
