// One write lock and one job model in the Host: a conflicting request is refused with a sentence (never
// a TypeError from a closed database), clustering and folds are jobs with progress and cancel, and an
// unexpected error is logged while the user sees where the log is.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import type { HostLog } from '../../src/main/host/log.ts';
import { writePlanted } from '../e2e/dups-fixtures.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { testHost } from '../helpers/host.ts';
import { syntheticCatalog } from '../helpers/synthetic-catalog.ts';

const tmp = tempDir('winnow-host-jobs-');
const big = join(tmp.path, 'big.winnow');
const other = join(tmp.path, 'other.winnow');
afterAll(() => tmp.cleanup());
beforeAll(() => syntheticCatalog(big, 60_000));

const runs = (file: string): number => {
  const db = openCatalog(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cluster_runs').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('Host write lock and jobs', () => {
  it('refuses to open another catalog while clustering runs, then delivers the clusters', async () => {
    const { host, job, events } = testHost({ catalog: big });
    try {
      const clustering = job('dups.find', { preset: 'balanced' });
      await expect(host.dispatch('catalog.open', { path: other })).rejects.toThrow(
        'Cannot open another catalog now: clusters are being computed; wait for it to finish or cancel it.',
      );
      await expect(host.dispatch('folds.compute', { k: 5, seed: 1, stratify: true, groups: true })).rejects.toThrow(
        /^Cannot assign folds now: clusters are being computed/,
      );
      await expect(host.dispatch('dups.decide', { kind: 'accept-suggestions' })).rejects.toThrow(/^Cannot change decisions now/);
      const done = await clustering;
      expect(done.error).toBeUndefined();
      expect((done.report as { clusters: unknown[] }).clusters).toHaveLength(60_000 / 50);
      expect(
        events.filter((e) => e.event === 'job.progress').map((e) => (e.payload as { progress: { phase: string } }).progress.phase),
      ).toContain('compare');
      // Free again: the other catalog opens now.
      expect(await host.dispatch('catalog.open', { path: other })).toMatchObject({ path: other, images: 0 });
    } finally {
      await host.close();
    }
  });

  it('cancels clustering without changing the stored run', async () => {
    const { host, job } = testHost({ catalog: big });
    try {
      const before = runs(big);
      const { jobId } = (await host.dispatch('dups.find', { preset: 'loose' })) as { jobId: string };
      expect(await host.dispatch('job.cancel', { jobId })).toEqual({ cancelled: true });
      // Cancel answers once the job has stopped: the next job can start at once.
      const folds = await job('folds.compute', { k: 3, seed: 7, stratify: false, groups: false });
      expect(folds.error).toBeUndefined();
      expect((folds.report as { images: number }).images).toBe(60_000);
      expect(runs(big)).toBe(before);
    } finally {
      await host.close();
    }
  });

  it('ends a cancelled job with exactly one job.done that says so', async () => {
    const { host, events } = testHost({ catalog: big });
    try {
      const { jobId } = (await host.dispatch('folds.compute', { k: 5, seed: 3, stratify: true, groups: true })) as { jobId: string };
      await host.dispatch('job.cancel', { jobId });
      await expect.poll(() => events.filter((e) => e.event === 'job.done').length).toBe(1);
      expect(events.find((e) => e.event === 'job.done')!.payload).toEqual({ jobId, kind: 'folds', cancelled: true });
    } finally {
      await host.close();
    }
  });

  it('refuses a second job while an import runs, naming it', async () => {
    const data = join(tmp.path, 'data');
    await writePlanted(data);
    const { host, job } = testHost({ catalog: join(tmp.path, 'planted.winnow') });
    try {
      const importing = job('import.start', { folder: data, labels: 'folders' });
      await expect(
        host.dispatch('export.start', {
          outDir: join(tmp.path, 'out'),
          size: null,
          mode: 'none',
          quality: 90,
          chroma: '420',
          passthrough: true,
          features: [],
          gzip: false,
          overwrite: false,
        }),
      ).rejects.toThrow('Cannot start an export now: an import is running; wait for it to finish or cancel it.');
      expect((await importing).report).toMatchObject({ added: 12 });
    } finally {
      await host.close();
    }
  });

  it('shows a known error verbatim, and an unexpected one as "Internal error" with the log that holds its stack', async () => {
    const logged: string[] = [];
    const log: HostLog = { where: '/var/log/winnow-test.log', error: (context, err) => logged.push(`${context}: ${(err as Error).stack}`) };
    const { host } = testHost({
      log,
      openDialog: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'filePaths')");
      },
    });
    try {
      await expect(host.dispatch('images.list', { offset: 0, limit: 10 })).rejects.toThrow('No catalog is open: open or create one first.');
      await expect(host.dispatch('dialog.open', { kind: 'folder' })).rejects.toThrow(
        /^Internal error — details in \/var\/log\/winnow-test\.log$/,
      );
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^dialog\.open: TypeError: Cannot read properties of undefined/);
      expect(logged[0]).toMatch(/host-jobs\.test\.ts/); // the stack, for whoever reads the log
    } finally {
      await host.close();
    }
  });
});
