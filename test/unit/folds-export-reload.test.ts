// What the Folds & export screen gets back after a reload or a catalog reopen: the stored fold
// assignment (reported, not reassigned) and the export form's last settings for that catalog.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoldsResult, Methods } from '../../src/shared/contract.ts';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeFolds, foldRows, loadFolds } from '../../src/main/core/folds/catalog-folds.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { Host } from '../../src/main/host/host.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';
import { testHost } from '../helpers/host.ts';

const dir = tempDir('winnow-folds-reload-');
const root = join(dir.path, 'data');
const catalog = join(dir.path, 'c.winnow');
afterAll(() => dir.cleanup());

beforeAll(async () => {
  for (const label of ['p', 'q']) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 9; i++)
      await (await syntheticImage(label.charCodeAt(0) * 31 + i, 48, 36)).jpeg().toFile(join(root, label, `${i}.jpg`));
  }
  const db = openCatalog(catalog, { create: true });
  await runImport({ db, root, labels: { mode: 'folders' } });
  db.close();
}, 60_000);

/** A fresh host on the catalog, as after a page reload in the browser host or a restart. */
async function withHost<T>(run: (host: Host) => Promise<T>): Promise<T> {
  const host = new Host({ shell: 'browser', emit: () => {}, recent: null, catalog });
  try {
    return await run(host);
  } finally {
    await host.close();
  }
}

describe('folds.load', () => {
  it('is null before folds exist, then returns the stored assignment as folds.compute reported it', async () => {
    expect(await withHost((h) => h.dispatch('folds.load', {}))).toBeNull();
    const { host, job } = testHost({ catalog });
    const computed = (await job('folds.compute', { k: 3, seed: 9, stratify: true, groups: true }).finally(() => host.close()))
      .report as FoldsResult;
    expect(computed.report.sizes).toEqual([6, 6, 6]);
    const loaded = (await withHost((h) => h.dispatch('folds.load', {}))) as FoldsResult;
    expect(loaded).toEqual(computed);
  });

  it('reports the folds as stored: images added since are unassigned, nothing is reassigned', async () => {
    const db = openCatalog(catalog, { create: true });
    try {
      computeFolds(db, { k: 2, seed: 4, stratify: true, groups: true });
      const before = foldRows(db);
      await (await syntheticImage(4242, 48, 36)).jpeg().toFile(join(root, 'p', 'late.jpg'));
      await runImport({ db, root, labels: { mode: 'folders' } });
      const loaded = loadFolds(db)!;
      expect(loaded.params).toEqual({ k: 2, seed: 4, stratify: true, groups: true });
      expect(loaded.images).toBe(19);
      expect(loaded.report.unassigned).toBe(1);
      expect(loaded.report.sizes).toEqual([9, 9]);
      expect(foldRows(db)).toEqual(before);
    } finally {
      db.close();
    }
  });
});

describe('export.lastSettings', () => {
  const args: Methods['export.start']['args'] = {
    outDir: join(dir.path, 'shards'),
    size: { width: 40, height: 30 },
    mode: 'fit-pad',
    quality: 77,
    chroma: '444',
    passthrough: false,
    features: ['label', 'sha256'],
    gzip: true,
    overwrite: false,
    nameTemplate: 'f{fold}-{count}.tfrec',
    unlabelled: 'include',
  };

  it('is null until an export starts, then gives the form its settings back in a new host', async () => {
    expect(await withHost((h) => h.dispatch('export.lastSettings', {}))).toBeNull();
    const done: unknown[] = [];
    const host = new Host({ shell: 'browser', emit: (e, p) => e === 'job.done' && done.push(p), recent: null, catalog });
    try {
      await host.dispatch('export.start', args);
      await expect.poll(() => done.length, { timeout: 20_000 }).toBe(1);
    } finally {
      await host.close();
    }
    const { overwrite: _, ...remembered } = args;
    expect(await withHost((h) => h.dispatch('export.lastSettings', {}))).toEqual(remembered);
  });

  it('remembers keep-size exports and the default name template', async () => {
    const done: unknown[] = [];
    const host = new Host({ shell: 'browser', emit: (e, p) => e === 'job.done' && done.push(p), recent: null, catalog });
    const keep = {
      ...args,
      outDir: join(dir.path, 'kept'),
      size: null,
      mode: 'none' as const,
      nameTemplate: undefined,
      unlabelled: undefined,
    };
    try {
      await host.dispatch('export.start', keep);
      await expect.poll(() => done.length, { timeout: 20_000 }).toBe(1);
    } finally {
      await host.close();
    }
    expect(await withHost((h) => h.dispatch('export.lastSettings', {}))).toMatchObject({
      outDir: keep.outDir,
      size: null,
      mode: 'none',
      nameTemplate: 'train-{shard:02}-{count}.tfrec',
      unlabelled: 'skip',
    });
  });
});
