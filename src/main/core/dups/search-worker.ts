// Worker side of parallel.ts: scans its share of the plan's blocks over hashes it shares with the
// caller (SharedArrayBuffer, no copy) and hands the pairs back by transfer.
import { parentPort } from 'node:worker_threads';
import { findPairs } from './mih.ts';
import type { Block } from './plan.ts';

export interface SearchTask {
  hi: Uint32Array;
  lo: Uint32Array;
  threshold: number;
  blocks: Block[];
  only: number[];
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (task: SearchTask) => {
    const p = findPairs({ hi: task.hi, lo: task.lo }, task.threshold, { blocks: task.blocks, only: task.only });
    port.postMessage(p, [p.a.buffer as ArrayBuffer, p.b.buffer as ArrayBuffer, p.d.buffer as ArrayBuffer]);
  });
}
