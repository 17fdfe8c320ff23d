// The Host runs catalog-heavy work (clustering, the threshold sweep, imports) in worker threads:
// its own thread, which in Electron is the main process, must keep answering meanwhile.
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeClusters } from '../../src/main/core/dups/clusters.ts';
import { PRESETS } from '../../src/main/core/dups/match.ts';
import { testHost } from '../helpers/host.ts';
import { syntheticCatalog } from '../helpers/synthetic-catalog.ts';
import { tempDir } from '../helpers/fixtures.ts';

const tmp = tempDir('winnow-threads-');
afterAll(() => tmp.cleanup());

const N = 40_000;

describe('Host threads', () => {
  it('clusters and sweeps in a worker thread: the same result, and the host thread never stalls', async () => {
    const file = join(tmp.path, 'big.winnow');
    syntheticCatalog(file, N);
    const direct = openCatalog(file, { create: true });
    const started = performance.now();
    const expected = computeClusters(direct, PRESETS.balanced);
    const inProcessMs = performance.now() - started;
    direct.close();

    const { host, job, events } = testHost({ catalog: file });
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    try {
      const done = await job('dups.find', { preset: 'balanced' });
      const run = done.report as { clusters: { members: unknown[] }[] };
      // Clustering is a job: it reported progress while comparing candidates.
      expect(events.some((e) => e.event === 'job.progress' && (e.payload as { kind: string }).kind === 'clusters')).toBe(true);
      const sweep = (await host.dispatch('dups.sweep', { max: 12 })) as { histogram: number[] };
      lag.disable();
      expect(run.clusters.length).toBe(expected.clusters.length);
      expect(run.clusters.length).toBe(Math.floor(N / 50));
      expect(sweep.histogram[1]).toBeGreaterThanOrEqual(N / 50);
      const maxLagMs = lag.max / 1e6;
      console.log(
        `clustering ${N} rows in-process ${inProcessMs.toFixed(0)} ms; host thread's longest stall while threaded ${maxLagMs.toFixed(0)} ms`,
      );
      // In-process the whole computation blocks; threaded, only reading the answer does. A guard
      // against gross regressions only (the figures are in the log line above and docs/benchmarks.md).
      expect(maxLagMs).toBeLessThan(Math.max(100, inProcessMs / 3));
    } finally {
      lag.disable();
      await host.close();
    }
  }, 60_000);
});
