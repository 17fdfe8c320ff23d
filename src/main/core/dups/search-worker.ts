// Worker side of parallel.ts: scans its share of the plan's blocks over hashes it shares with the
// caller (SharedArrayBuffer, no copy) and hands the pairs back by transfer.
import { parentPort } from 'node:worker_threads';
import { findPairs } from './mih.ts';
import type { PairList } from './pairs.ts';
import type { Block } from './plan.ts';
import { serveBatches } from '../scan/pool.ts';

export interface SearchTask {
  hi: Uint32Array;
  lo: Uint32Array;
  threshold: number;
  blocks: Block[];
  only: number[];
}

export type SearchResult = PairList | { error: string };

if (parentPort) {
  serveBatches<SearchTask, SearchResult>(
    parentPort,
    async (task) => findPairs({ hi: task.hi, lo: task.lo }, task.threshold, { blocks: task.blocks, only: task.only }),
    (err) => ({ error: err instanceof Error ? err.message : String(err) }),
    (r) => ('error' in r ? [] : [r.a.buffer as ArrayBuffer, r.b.buffer as ArrayBuffer, r.d.buffer as ArrayBuffer]),
  );
}
