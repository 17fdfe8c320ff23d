import { mkdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { listImagePage } from '../../src/main/core/catalog/queries.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

// Two root files (unlabelled: folder labels) whose names sort before the label folders, two labels.
async function catalog() {
  const d = tempDir();
  dirs.push(d);
  const root = join(d.path, 'data');
  mkdirSync(join(root, 'cats'), { recursive: true });
  mkdirSync(join(root, 'dogs'), { recursive: true });
  const files: [string, number, number, number][] = [
    // path, seed, width, mtime (s)
    ['a-loose.jpg', 1, 64, 1_600_000_300],
    ['b-loose.jpg', 2, 400, 1_600_000_100],
    ['cats/c1.jpg', 3, 200, 1_600_000_400],
    ['dogs/d1.jpg', 4, 96, 1_600_000_200],
  ];
  for (const [rel, seed, w, mtime] of files) {
    await writeJpeg(join(root, rel), seed, w, w);
    utimesSync(join(root, rel), mtime, mtime);
  }
  const db = openCatalog(join(d.path, 'c.winnow'), { create: true });
  await runImport({ db, root, labels: { mode: 'folders' }, workers: 1 });
  const size = (rel: string): number => statSync(join(root, rel)).size;
  return { db, size };
}

const paths = (p: { items: { path: string }[] }): string[] => p.items.map((i) => i.path);

describe('Library sort (in SQL, paged)', () => {
  it('the label sort puts labelled rows first (by label, then path) and unlabelled rows last, across pages', async () => {
    const { db } = await catalog();
    expect(paths(listImagePage(db, { offset: 0, limit: 10, sort: 'label' }))).toEqual([
      'cats/c1.jpg',
      'dogs/d1.jpg',
      'a-loose.jpg',
      'b-loose.jpg',
    ]);
    // Paging keeps the order across pages.
    expect(paths(listImagePage(db, { offset: 2, limit: 1, sort: 'label' }))).toEqual(['a-loose.jpg']);
    // The default stays the indexed path order (fast at 100k rows).
    expect(paths(listImagePage(db, { offset: 0, limit: 10 }))).toEqual(['a-loose.jpg', 'b-loose.jpg', 'cats/c1.jpg', 'dogs/d1.jpg']);
  });

  it('sorts by path, by size (largest first) and by date (newest first)', async () => {
    const { db, size } = await catalog();
    expect(paths(listImagePage(db, { offset: 0, limit: 10, sort: 'path' }))).toEqual([
      'a-loose.jpg',
      'b-loose.jpg',
      'cats/c1.jpg',
      'dogs/d1.jpg',
    ]);
    const bySize = paths(listImagePage(db, { offset: 0, limit: 10, sort: 'size' }));
    expect(bySize.map(size)).toEqual([...bySize.map(size)].sort((a, b) => b - a));
    expect(bySize[0]).toBe('b-loose.jpg');
    expect(paths(listImagePage(db, { offset: 0, limit: 10, sort: 'date' }))).toEqual([
      'cats/c1.jpg',
      'a-loose.jpg',
      'dogs/d1.jpg',
      'b-loose.jpg',
    ]);
    expect(paths(listImagePage(db, { offset: 0, limit: 10, sort: 'label' }))).toEqual([
      'cats/c1.jpg',
      'dogs/d1.jpg',
      'a-loose.jpg',
      'b-loose.jpg',
    ]);
  });
});
