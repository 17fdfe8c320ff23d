// The Host runs catalog-heavy work (clustering, the threshold sweep, imports) in worker threads:
// its own thread, which in Electron is the main process, must keep answering meanwhile.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeClusters } from '../../src/main/core/dups/clusters.ts';
import { PRESETS } from '../../src/main/core/dups/match.ts';
import { Host } from '../../src/main/host/host.ts';
import { tempDir } from '../helpers/fixtures.ts';

const tmp = tempDir('winnow-threads-');
afterAll(() => tmp.cleanup());

const N = 40_000;

/** A catalog of N rows with random hashes and thumbnails, every 50th row a copy of the one before. */
function syntheticCatalog(file: string): void {
  const db = openCatalog(file);
  db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/synthetic', 'none', 0)").run();
  const img = db.prepare(
    "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, width, height, format, channels, status, indexed_at) VALUES (1, ?, ?, 1000, 0, ?, 64, 64, 'jpeg', 3, 'active', 0)",
  );
  const hash = db.prepare('INSERT INTO hashes(image_id, ahash, phash, dhash, whash, blockhash, phash_mirror, dhash_mirror, thumb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const rand64 = (): bigint => randomBytes(8).readBigInt64LE();
  db.transaction(() => {
    let prev: { p: bigint; d: bigint; thumb: Buffer } | null = null;
    for (let i = 0; i < N; i++) {
      const name = `img${i}.jpg`;
      const id = Number(img.run(Buffer.from(name), name, randomBytes(32).toString('hex')).lastInsertRowid);
      const copy: boolean = i % 50 === 1 && prev !== null;
      const p: bigint = copy ? prev!.p ^ 1n : rand64();
      const d: bigint = copy ? prev!.d : rand64();
      const thumb: Buffer = copy ? prev!.thumb : randomBytes(256);
      hash.run(id, rand64(), p, d, rand64(), rand64(), rand64(), rand64(), thumb);
      prev = { p, d, thumb };
    }
  })();
  db.close();
}

describe('Host threads', () => {
  it('clusters and sweeps in a worker thread: the same result, and the host thread never stalls', async () => {
    const file = join(tmp.path, 'big.winnow');
    syntheticCatalog(file);
    const direct = openCatalog(file);
    const started = performance.now();
    const expected = computeClusters(direct, PRESETS.balanced);
    const inProcessMs = performance.now() - started;
    direct.close();

    const host = new Host({ shell: 'browser', emit: () => {}, catalog: file, recent: null });
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    try {
      const run = (await host.dispatch('dups.find', { preset: 'balanced' })) as { clusters: { members: unknown[] }[] };
      const sweep = (await host.dispatch('dups.sweep', { max: 12 })) as { histogram: number[] };
      lag.disable();
      expect(run.clusters.length).toBe(expected.clusters.length);
      expect(run.clusters.length).toBe(Math.floor(N / 50));
      expect(sweep.histogram[1]).toBeGreaterThanOrEqual(N / 50);
      const maxLagMs = lag.max / 1e6;
      console.log(`clustering ${N} rows in-process ${inProcessMs.toFixed(0)} ms; host thread's longest stall while threaded ${maxLagMs.toFixed(0)} ms`);
      // In-process the whole computation blocks; threaded, only reading the answer does.
      expect(maxLagMs).toBeLessThan(Math.max(100, inProcessMs / 3));
      // A second sweep of the unchanged catalog is answered from the cache.
      const t = performance.now();
      await host.dispatch('dups.sweep', { max: 12 });
      expect(performance.now() - t).toBeLessThan(50);
    } finally {
      lag.disable();
      await host.close();
    }
  }, 60_000);
});
