// Run by test/unit/dups-pool.test.ts in a process of its own, because what is at stake is whether
// the process survives: a SearchPool search thread fails while idle between searches (it is sent a
// message it cannot read), then the pool searches again. Prints what the two searches found.
import { Worker } from 'node:worker_threads';
import { findPairs, SearchPool, sortPairs, syntheticHashes, type PairList } from '../../src/main/core/dups/index.ts';

// The threads the pool hands work to, seen from outside it.
const threads = new Set<Worker>();
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>): void {
  threads.add(this);
  post.apply(this, args);
};

const triples = (p: PairList): string => {
  const s = sortPairs(p);
  return Array.from({ length: s.length }, (_, k) => `${s.a[k]}-${s.b[k]}:${s.d[k]}`).join(' ');
};

const pool = new SearchPool(2);
const hashes = syntheticHashes(10_000, { seed: 7, copyRate: 0.1 });
const want = findPairs(hashes, 8);
const first = await pool.findPairs(hashes, 8);
const [idle] = threads;
threads.clear();
const exited = new Promise<number>((resolve) => idle!.once('exit', resolve));
post.call(idle!, { unreadable: true });
const exitCode = await exited;
const second = await pool.findPairs(hashes, 8);
await pool.close();
console.log(
  JSON.stringify({
    pairs: want.length,
    firstRight: triples(first) === triples(want),
    idleExitCode: exitCode,
    secondRight: triples(second) === triples(want),
    threadsInSecond: threads.size,
    deadThreadAskedAgain: threads.has(idle!),
  }),
);
