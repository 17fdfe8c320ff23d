// Incremental re-clustering after an import must give exactly the clusters of a full recompute,
// while searching only the new and changed images.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeClusters, loadClusters, refreshClusters, type ClusterRun } from '../../src/main/core/dups/clusters.ts';
import { PRESETS } from '../../src/main/core/dups/match.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-incremental-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');

/** An original and `copies` edited copies of it (resize, recompress, mirror, brighten). */
async function family(name: string, seed: number, copies: number): Promise<void> {
  const img = await syntheticImage(seed, 320, 240);
  mkdirSync(join(root, name), { recursive: true });
  await img
    .clone()
    .jpeg({ quality: 92 })
    .toFile(join(root, name, 'orig.jpg'));
  const edits = [
    (s: typeof img) => s.resize(160, 120).jpeg({ quality: 90 }),
    (s: typeof img) => s.jpeg({ quality: 35 }),
    (s: typeof img) => s.flop().jpeg({ quality: 90 }),
    (s: typeof img) => s.modulate({ brightness: 1.08 }).jpeg({ quality: 90 }),
  ];
  for (let k = 0; k < copies; k++) await edits[k]!(img.clone()).toFile(join(root, name, `copy${k}.jpg`));
}

/** Clusters as sorted lists of "source-relative path" per cluster, in a canonical order. */
const membership = (run: ClusterRun): string[][] =>
  run.clusters.map((c) => c.members.map((m) => m.path).sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

describe('incremental clustering', () => {
  it('after adding, changing, moving and removing images equals a full recompute, searching only what changed', async () => {
    for (let f = 0; f < 8; f++) await family(`f${f}`, 100 + f, f % 3);
    for (let i = 0; i < 60; i++) await (await syntheticImage(5000 + 37 * i, 300, 220)).jpeg().toFile(join(root, `single${i}.jpg`));
    const db = openCatalog(join(dir.path, 'c.winnow'), { create: true });
    await runImport({ db, root, labels: { mode: 'none' }, maxPixels: 1e8, workers: 2 });
    const first = computeClusters(db, PRESETS.balanced);
    expect(first.search).toMatchObject({ mode: 'full', searched: first.images });
    // Every family with copies is a cluster (smooth synthetic singles may also pair up by chance).
    expect(membership(first)).toEqual(
      expect.arrayContaining([
        ['f1/copy0.jpg', 'f1/orig.jpg'],
        ['f2/copy0.jpg', 'f2/copy1.jpg', 'f2/orig.jpg'],
        ['f4/copy0.jpg', 'f4/orig.jpg'],
        ['f5/copy0.jpg', 'f5/copy1.jpg', 'f5/orig.jpg'],
        ['f7/copy0.jpg', 'f7/orig.jpg'],
      ]),
    );

    // New images: copies of existing originals (joining old clusters), a new family, singles;
    // one file rewritten with other content, one moved, one removed.
    const f3 = await syntheticImage(103, 320, 240);
    await f3
      .clone()
      .flop()
      .jpeg({ quality: 80 })
      .toFile(join(root, 'f3', 'new-flip.jpg'));
    const f0 = await syntheticImage(100, 320, 240);
    await f0
      .clone()
      .resize(200, 150)
      .jpeg({ quality: 85 })
      .toFile(join(root, 'f0', 'new-small.jpg'));
    await family('g0', 900, 3);
    for (let i = 0; i < 3; i++) await (await syntheticImage(700 + i, 300, 220)).jpeg().toFile(join(root, `late${i}.jpg`));
    await (await syntheticImage(100, 320, 240)).jpeg({ quality: 70 }).toFile(join(root, 'single0.jpg'));
    renameSync(join(root, 'f1', 'copy0.jpg'), join(root, 'f1', 'renamed.jpg'));
    rmSync(join(root, 'f2', 'copy1.jpg'));

    const report = await runImport({ db, root, labels: { mode: 'none' }, maxPixels: 1e8, workers: 2 });
    expect(report).toMatchObject({ added: 2 + 4 + 3, changed: 1, moved: 1 });
    // The import brought the clusters up to date from the first run's memory: the 9 new files,
    // the rewritten one and the moved one (its place changed) were searched, nothing else.
    expect(report.clusterSearch).toMatchObject({ mode: 'incremental', searched: 11 });
    expect(report.clusterSearch!.reused).toBeGreaterThan(0);
    const afterImport = loadClusters(db)!;
    const full = refreshClusters(db, { full: true })!;
    expect(full.search?.mode).toBe('full');
    expect(membership(afterImport)).toEqual(membership(full));
    // f0 and f3 grew, g0 is new, the rewritten single0 (now a copy of f0's original) joined f0,
    // f2 lost its removed copy.
    const paths = membership(full);
    expect(paths).toContainEqual(['f0/new-small.jpg', 'f0/orig.jpg', 'single0.jpg']);
    expect(paths).toContainEqual(['f3/new-flip.jpg', 'f3/orig.jpg']);
    expect(paths).toContainEqual(['g0/copy0.jpg', 'g0/copy1.jpg', 'g0/copy2.jpg', 'g0/orig.jpg']);
    expect(paths).toContainEqual(['f1/orig.jpg', 'f1/renamed.jpg']);
    expect(paths).toContainEqual(['f2/copy0.jpg', 'f2/orig.jpg']);
    // Again with nothing changed: nothing searched, every pair reused.
    const again = refreshClusters(db)!;
    expect(again.search).toMatchObject({ mode: 'incremental', searched: 0 });
    expect(again.search!.reused).toBeGreaterThanOrEqual(paths.reduce((n, c) => n + c.length - 1, 0));
    expect(membership(again)).toEqual(paths);
    db.close();
  });

  it('searches only new and changed images and reaches the full result', async () => {
    const db = openCatalog(join(dir.path, 'c2.winnow'), { create: true });
    const root2 = join(dir.path, 'data2');
    mkdirSync(root2, { recursive: true });
    for (let i = 0; i < 48; i++) await (await syntheticImage(300 + i, 300, 220)).jpeg({ quality: 90 }).toFile(join(root2, `x${i}.jpg`));
    await runImport({ db, root: root2, labels: { mode: 'none' }, maxPixels: 1e8, workers: 2 });
    const first = computeClusters(db, PRESETS.balanced);
    expect(first.clusters.length).toBe(0);
    // Four copies of existing images, one brand-new pair, one file replaced by a copy of another.
    for (const i of [3, 7, 11, 19])
      await (
        await syntheticImage(300 + i, 300, 220)
      )
        .resize(150, 110)
        .jpeg({ quality: 80 })
        .toFile(join(root2, `copy-of-${i}.jpg`));
    const fresh = await syntheticImage(999, 300, 220);
    await fresh.clone().jpeg({ quality: 90 }).toFile(join(root2, 'new.jpg'));
    await fresh.clone().flop().jpeg({ quality: 90 }).toFile(join(root2, 'new-flip.jpg'));
    await (await syntheticImage(300 + 25, 300, 220)).jpeg({ quality: 60 }).toFile(join(root2, 'x0.jpg'));
    const report = await runImport({ db, root: root2, labels: { mode: 'none' }, maxPixels: 1e8, workers: 2 });
    expect(report.clusterSearch).toEqual({ mode: 'incremental', searched: 7, reused: 0 });
    const incremental = loadClusters(db)!;
    const full = refreshClusters(db, { full: true })!;
    expect(membership(incremental)).toEqual(membership(full));
    expect(membership(full)).toEqual([
      ['copy-of-11.jpg', 'x11.jpg'],
      ['copy-of-19.jpg', 'x19.jpg'],
      ['copy-of-3.jpg', 'x3.jpg'],
      ['copy-of-7.jpg', 'x7.jpg'],
      ['new-flip.jpg', 'new.jpg'],
      ['x0.jpg', 'x25.jpg'],
    ]);
    db.close();
  });
});
