// SearchPool when a search thread fails: while idle between searches (the host process must not go
// down with it) and during a search (that search fails; the pool replaces the thread).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findPairs, SearchPool, sortPairs, syntheticHashes, type PairList } from '../../src/main/core/dups/index.ts';

const asTriples = (p: PairList): [number, number, number][] => {
  const s = sortPairs(p);
  return Array.from({ length: s.length }, (_, k) => [s.a[k]!, s.b[k]!, s.d[k]!]);
};

afterEach(() => vi.restoreAllMocks());

describe('SearchPool with a failing search thread', () => {
  it('survives a thread that fails while idle, and the next search replaces it and finds the right pairs', () => {
    const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '../helpers/pool-idle-error.ts')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toEqual({
      pairs: expect.any(Number),
      firstRight: true,
      idleExitCode: 1, // the uncaught exception ended the thread
      secondRight: true,
      threadsInSecond: 2,
      deadThreadAskedAgain: false,
    });
    expect(report['pairs']).toBeGreaterThan(100);
  });

  it('fails the search in flight on a thread that errors, then searches right with a new thread', async () => {
    const pool = new SearchPool(2);
    try {
      const hashes = syntheticHashes(10_000, { seed: 9, copyRate: 0.1 });
      const want = asTriples(findPairs(hashes, 8));
      const posted = vi.spyOn(Worker.prototype, 'postMessage');
      expect(asTriples(await pool.findPairs(hashes, 8))).toEqual(want);
      const [doomed] = new Set(posted.mock.contexts as Worker[]);
      // Queued ahead of the next search's share, so the thread dies holding that share.
      doomed!.postMessage({ unreadable: true });
      await expect(pool.findPairs(hashes, 8)).rejects.toThrow(TypeError);
      posted.mockClear();
      expect(asTriples(await pool.findPairs(hashes, 8))).toEqual(want);
      const askedNow = new Set(posted.mock.contexts as Worker[]);
      expect(askedNow.size).toBe(2);
      expect(askedNow.has(doomed!)).toBe(false);
    } finally {
      await pool.close();
    }
  });
});
