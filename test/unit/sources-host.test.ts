// The contract's sources methods through the Host (as both shells call them): the summary lists
// sources with ids and label specs, a re-scan is the usual import job with the stored spec, and a
// removal forgets the rows but no file.
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogSummary, Events, SourceRemoval } from '../../src/shared/contract.ts';
import { Host } from '../../src/main/host/host.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';

const tmp = tempDir('winnow-sources-host-');
afterAll(() => tmp.cleanup());

describe('Host sources methods', () => {
  it('lists, re-scans with the stored spec (label map included) and removes sources', async () => {
    const base = realpathSync(tmp.path);
    const kaggle = join(base, 'kaggle');
    for (let i = 0; i < 3; i++) await writeJpeg(join(kaggle, `img${i}.jpg`), 20 + i);
    await writeJpeg(join(base, 'extra', 'cats', 'c.jpg'), 30);
    writeFileSync(join(base, 'train.csv'), 'image_id,label\nimg0.jpg,0\nimg1.jpg,1\nimg2.jpg,1\n');
    writeFileSync(join(base, 'map.json'), '{"0": "healthy", "1": "sick"}');

    const done: Events['job.done'][] = [];
    const host = new Host({
      shell: 'browser',
      emit: (event, payload) => event === 'job.done' && done.push(payload as Events['job.done']),
      catalog: join(base, 'c.winnow'),
      recent: null,
    });
    const finished = async (jobId: string): Promise<Events['job.done']> => {
      await expect.poll(() => done.find((d) => d.jobId === jobId), { timeout: 20_000 }).toBeDefined();
      return done.find((d) => d.jobId === jobId)!;
    };
    const summary = async (): Promise<CatalogSummary> => (await host.dispatch('catalog.summary', {})) as CatalogSummary;
    try {
      const first = (await host.dispatch('import.start', {
        folder: kaggle,
        labels: { csv: join(base, 'train.csv'), labelMap: join(base, 'map.json') },
      })) as { jobId: string };
      expect((await finished(first.jobId)).error).toBeUndefined();
      const second = (await host.dispatch('import.start', { folder: join(base, 'extra'), labels: 'folders' })) as { jobId: string };
      await finished(second.jobId);
      const { sources, labels } = await summary();
      expect(sources).toEqual([
        {
          id: expect.any(Number),
          root: join(base, 'extra'),
          labels: { mode: 'folders' },
          labelMap: null,
          images: 1,
          lastImportAt: expect.any(Number),
        },
        {
          id: expect.any(Number),
          root: kaggle,
          labels: { mode: 'csv', file: join(base, 'train.csv') },
          labelMap: join(base, 'map.json'),
          images: 3,
          lastImportAt: expect.any(Number),
        },
      ]);
      expect(labels.map((l) => l.name).sort()).toEqual(['cats', 'healthy', 'sick']);

      const rescan = (await host.dispatch('sources.rescan', { id: sources[1]!.id })) as { jobId: string };
      const report = await finished(rescan.jobId);
      expect(report).toMatchObject({
        kind: 'import',
        report: { root: kaggle, labelMode: 'csv', unchanged: 3, added: 0, merged: [], labelProblems: [] },
      });
      // The map was applied again: names, not the CSV's numbers.
      expect((await summary()).labels.map((l) => l.name).sort()).toEqual(['cats', 'healthy', 'sick']);

      const files = snapshotTree(kaggle);
      const removed = (await host.dispatch('sources.remove', { id: sources[1]!.id })) as SourceRemoval;
      expect(removed).toEqual({ root: kaggle, images: 3, clusters: null });
      expect((await summary()).sources.map((s) => s.root)).toEqual([join(base, 'extra')]);
      expect((await summary()).images).toBe(1);
      expect(snapshotTree(kaggle)).toEqual(files);
      await expect(host.dispatch('sources.remove', { id: sources[1]!.id })).rejects.toThrow(/No source \d+ in this catalog/);
      await expect(host.dispatch('sources.rescan', { id: 0 })).rejects.toThrow(/sources\.rescan|id/);
    } finally {
      await host.close();
    }
  });
});
