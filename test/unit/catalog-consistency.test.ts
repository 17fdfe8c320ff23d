// Issue 11: the catalog stays consistent when a command dies halfway. Failures are injected from
// outside the product with SQLite triggers the test creates in the catalog.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeClusters } from '../../src/main/core/dups/clusters.ts';
import { PRESETS } from '../../src/main/core/dups/match.ts';
import { computeFolds } from '../../src/main/core/folds/catalog-folds.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-consistency-');
afterAll(() => dir.cleanup());

const members = (db: ReturnType<typeof openCatalog>): string[] =>
  (
    db.prepare(`SELECT i.rel_path AS p FROM cluster_members cm JOIN images i ON i.id = cm.image_id ORDER BY p`).all() as { p: string }[]
  ).map((r) => r.p);

describe('clusters after an import that died before its cluster refresh', () => {
  it('are refreshed by the next index (which reads no file) and folds keep the copies together', async () => {
    const root = join(dir.path, 'data');
    mkdirSync(join(root, 'a'), { recursive: true });
    mkdirSync(join(root, 'b'), { recursive: true });
    const img = await syntheticImage(11, 320, 240);
    await img
      .clone()
      .jpeg({ quality: 92 })
      .toFile(join(root, 'a', 'orig.jpg'));
    await img
      .clone()
      .jpeg({ quality: 40 })
      .toFile(join(root, 'a', 'copy.jpg'));
    for (let i = 0; i < 8; i++)
      await (await syntheticImage(300 + 17 * i, 300, 220)).jpeg().toFile(join(root, i % 2 ? 'a' : 'b', `s${i}.jpg`));
    const file = join(dir.path, 'stale.winnow');
    let db = openCatalog(file, { create: true });
    await runImport({ db, root, labels: { mode: 'folders' }, workers: 2 });
    expect(computeClusters(db, PRESETS.balanced).clusters.map((c) => c.members.length)).toEqual([2]);

    // A near-duplicate arrives in the other label folder; the cluster refresh's first write fails.
    await img
      .clone()
      .resize(200, 150)
      .jpeg({ quality: 85 })
      .toFile(join(root, 'b', 'late.jpg'));
    db.exec(`CREATE TRIGGER inject BEFORE DELETE ON cluster_runs BEGIN SELECT RAISE(FAIL, 'injected'); END`);
    await expect(runImport({ db, root, labels: { mode: 'folders' }, workers: 2 })).rejects.toThrow('injected');
    db.exec('DROP TRIGGER inject');
    db.close();

    db = openCatalog(file, { create: true });
    const again = await runImport({ db, root, labels: { mode: 'folders' }, workers: 2 });
    expect(again).toMatchObject({ added: 0, changed: 0, unchanged: 11 });
    expect(members(db)).toEqual(['a/copy.jpg', 'a/orig.jpg', 'b/late.jpg']);
    const folds = computeFolds(db, { k: 3, seed: 1, stratify: true, groups: true });
    expect(folds.leakedPairs).toBe(0);
    const fold = (p: string): number =>
      (db.prepare('SELECT fold FROM fold_assignments f JOIN images i ON i.id = f.image_id WHERE i.rel_path = ?').get(p) as { fold: number })
        .fold;
    expect(new Set(['a/orig.jpg', 'a/copy.jpg', 'b/late.jpg'].map(fold)).size).toBe(1);
    db.close();
  });
});

describe('clusters owed a refresh', () => {
  it('are refreshed when the catalog is next opened for writing, so folds without an index see them', async () => {
    const root = join(dir.path, 'data2');
    mkdirSync(join(root, 'a'), { recursive: true });
    mkdirSync(join(root, 'b'), { recursive: true });
    const img = await syntheticImage(21, 320, 240);
    await img
      .clone()
      .jpeg({ quality: 92 })
      .toFile(join(root, 'a', 'orig.jpg'));
    for (let i = 0; i < 6; i++)
      await (await syntheticImage(500 + 17 * i, 300, 220)).jpeg().toFile(join(root, i % 2 ? 'a' : 'b', `s${i}.jpg`));
    const file = join(dir.path, 'owed.winnow');
    let db = openCatalog(file, { create: true });
    await runImport({ db, root, labels: { mode: 'folders' }, workers: 2 });
    computeClusters(db, PRESETS.balanced);
    await img
      .clone()
      .resize(200, 150)
      .jpeg({ quality: 85 })
      .toFile(join(root, 'b', 'late.jpg'));
    db.exec(`CREATE TRIGGER inject BEFORE DELETE ON cluster_runs BEGIN SELECT RAISE(FAIL, 'injected'); END`);
    await expect(runImport({ db, root, labels: { mode: 'folders' }, workers: 2 })).rejects.toThrow('injected');
    db.exec('DROP TRIGGER inject');
    expect(members(db)).toEqual([]); // stale: the copy is not clustered yet
    db.close();

    db = openCatalog(file, { create: true });
    expect(members(db)).toEqual(['a/orig.jpg', 'b/late.jpg']);
    expect(computeFolds(db, { k: 2, seed: 3, stratify: true, groups: true }).leakedPairs).toBe(0);
    db.close();
  });
});
