// Multi-index hashing on every core: the blocks of one plan are independent scans (each pair is
// reported by the first block that reaches it, whoever scans that block), so threads can take a
// share of the blocks each over the same hashes in shared memory. On 2 cores this roughly halves
// the threshold sweep behind the Duplicates slider and the clustering search.
import { availableParallelism } from 'node:os';
import type { HashArray } from './hamming.ts';
import { findPairs } from './mih.ts';
import { PairBuilder, type PairList } from './pairs.ts';
import { blockCost, planSearch, type Block } from './plan.ts';
import { sweepPairs, type ThresholdSweep } from './sweep.ts';
import { WorkerPool, workerEntry } from '../scan/pool.ts';
import type { SearchResult, SearchTask } from './search-worker.ts';

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

/**
 * A few search threads kept warm between calls (starting one costs ~30-50 ms): a WorkerPool with one
 * task per thread, started on the first search that is worth splitting.
 */
export class SearchPool {
  private pool: WorkerPool<SearchTask, SearchResult> | null = null;
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
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  private async search(hashes: HashArray, threshold: number): Promise<PairList> {
    const n = hashes.hi.length;
    const { blocks } = planSearch(n, threshold);
    const shares = shareBlocks(n, blocks, this.size);
    if (shares.length < 2) return findPairs(hashes, threshold);
    // One task in flight per thread, so each share gets a thread of its own.
    this.pool ??= new WorkerPool<SearchTask, SearchResult>(workerEntry('search-worker', import.meta.url), this.size, 1, 1);
    const pool = this.pool;
    const hi = shared(hashes.hi);
    const lo = shared(hashes.lo);
    // Every share answers or fails before this search ends: a thread still scanning a failed
    // search's share would hand that answer to the next search.
    const settled = await Promise.allSettled(shares.map((only) => pool.run({ hi, lo, threshold, blocks, only })));
    const parts: PairList[] = [];
    for (const s of settled) {
      if (s.status === 'rejected') throw s.reason;
      if ('error' in s.value) throw new Error(`A search thread failed: ${s.value.error}`);
      parts.push(s.value);
    }
    const total = parts.reduce((s, p) => s + p.length, 0);
    const out = new PairBuilder(Math.max(1, total));
    for (const p of parts) for (let k = 0; k < p.length; k++) out.push(p.a[k]!, p.b[k]!, p.d[k]!);
    return out.finish();
  }
}
