// Listing and removing sources: removal forgets rows (and their clusters), never a file.
import { copyFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { findSource, listSources, removeSource } from '../../src/main/core/catalog/sources.ts';
import { computeClusters, loadClusters } from '../../src/main/core/dups/clusters.ts';
import { PRESETS } from '../../src/main/core/dups/match.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
const scratch = (): string => {
  const d = tempDir();
  dirs.push(d);
  return realpathSync(d.path);
};

describe('sources', () => {
  it('lists each source with its label spec (label map included) and image count', async () => {
    const base = scratch();
    for (let i = 0; i < 3; i++) await writeJpeg(join(base, 'kaggle', `img${i}.jpg`), 40 + i);
    await writeJpeg(join(base, 'extra', 'cat', 'c.jpg'), 50);
    writeFileSync(join(base, 'train.csv'), 'image_id,label\nimg0.jpg,0\nimg1.jpg,1\nimg2.jpg,1\n');
    writeFileSync(join(base, 'map.json'), '{"0": "healthy", "1": "sick"}');
    const db = openCatalog(join(base, 'c.winnow'), { create: true });
    await runImport({
      db,
      root: join(base, 'kaggle'),
      labels: { mode: 'csv', file: join(base, 'train.csv') },
      labelMapFile: join(base, 'map.json'),
    });
    await runImport({ db, root: join(base, 'extra'), labels: { mode: 'folders' } });
    const sources = listSources(db);
    expect(sources).toEqual([
      expect.objectContaining({ root: join(base, 'extra'), labels: { mode: 'folders' }, labelMap: null, images: 1 }),
      expect.objectContaining({
        root: join(base, 'kaggle'),
        labels: { mode: 'csv', file: join(base, 'train.csv') },
        labelMap: join(base, 'map.json'),
        images: 3,
      }),
    ]);
    expect(sources[1]!.lastImportAt).toBeGreaterThan(0);
    // Importing again without the map forgets it: the spec given replaces the stored one.
    await runImport({ db, root: join(base, 'kaggle'), labels: { mode: 'csv', file: join(base, 'train.csv') } });
    expect(findSource(db, sources[1]!.id)).toMatchObject({ labelMap: null });
    db.close();
  });

  it('removes one source: its rows leave the catalog and the clusters, its files stay byte for byte', async () => {
    const base = scratch();
    const data = join(base, 'data');
    for (let i = 0; i < 3; i++) await writeJpeg(join(data, 'plants', `p${i}.jpg`), 60 + i);
    for (let i = 0; i < 2; i++) await writeJpeg(join(data, 'animals', `a${i}.jpg`), 70 + i);
    // An exact copy across the two sources: one cluster with a member in each.
    copyFileSync(join(data, 'plants', 'p0.jpg'), join(data, 'animals', 'copy-of-p0.jpg'));
    const db = openCatalog(join(base, 'c.winnow'), { create: true });
    await runImport({ db, root: join(data, 'plants'), labels: { mode: 'none' } });
    await runImport({ db, root: join(data, 'animals'), labels: { mode: 'none' } });
    const run = computeClusters(db, PRESETS.balanced);
    expect(run.clusters.map((c) => c.members.map((m) => m.path).sort())).toEqual([['copy-of-p0.jpg', 'p0.jpg']]);
    const before = snapshotTree(data);

    const plants = listSources(db).find((s) => s.root.endsWith('plants'))!;
    const removed = removeSource(db, plants.id);
    expect(removed).toEqual({ root: join(data, 'plants'), images: 3, clusters: 0 });
    expect(listSources(db).map((s) => [s.root, s.images])).toEqual([[join(data, 'animals'), 3]]);
    expect(db.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 3 });
    expect(db.prepare('SELECT count(*) AS n FROM hashes').get()).toEqual({ n: 3 });
    expect(loadClusters(db)!.clusters).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM cluster_members').get()).toEqual({ n: 0 });
    expect(snapshotTree(data)).toEqual(before);
    expect(removeSource(db, plants.id)).toBeNull();
    db.close();
  });
});
