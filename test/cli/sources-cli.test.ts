// `winnow index` on nested folders in either order, and `winnow sources` listing and removing them.
// Runs the built bundle (npm run build first).
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, winnowJson } from '../helpers/cli.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-sources-cli-');
afterAll(() => dir.cleanup());

let data: string;
let plants: string;
let untouched: Map<string, string>;
beforeAll(async () => {
  data = join(realpathSync(dir.path), 'data');
  plants = join(data, 'plants');
  let seed = 0;
  for (const rel of [
    'plants/rose/r0.jpg',
    'plants/rose/r1.jpg',
    'plants/tulip/t0.jpg',
    'plants/tulip/t1.jpg',
    'animals/a0.jpg',
    'animals/a1.jpg',
  ]) {
    await writeJpeg(join(data, rel), 500 + ++seed);
  }
  untouched = snapshotTree(data);
});

const ok = (...args: string[]): string => {
  const run = winnow(...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};
type ListRow = { path: string; label: string | null; source: string };
const list = (catalog: string): ListRow[] => winnowJson('list', '--catalog', catalog);

describe('winnow index on nested folders', () => {
  it('inner first, then the folder holding it: the inner files join the new source, re-labelled', () => {
    const catalog = join(dir.path, 'inner-first.winnow');
    ok('index', plants, '--catalog', catalog, '--labels', 'none');
    const out = ok('index', data, '--catalog', catalog);
    expect(out).toMatch(/^ {2}added +2$/m);
    expect(out).toContain('4 files already in the catalog from plants/ were re-labelled from sub-folder names');
    const rows = list(catalog);
    expect(rows).toHaveLength(6);
    expect(
      rows
        .filter((r) => r.label === 'plants')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['plants/rose/r0.jpg', 'plants/rose/r1.jpg', 'plants/tulip/t0.jpg', 'plants/tulip/t1.jpg']);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set([data]));
  });

  it('outer first, then a folder inside it: the folder becomes its own source; re-indexing the outer adds nothing', () => {
    const catalog = join(dir.path, 'outer-first.winnow');
    ok('index', data, '--catalog', catalog);
    const out = ok('index', plants, '--catalog', catalog);
    expect(out).toMatch(/^ {2}added +0$/m);
    expect(out).toContain(
      `4 files already in the catalog were moved from source ${data}/ to this new source and re-labelled from sub-folder names`,
    );
    const rescan = winnowJson('index', data, '--catalog', catalog);
    expect(rescan).toMatchObject({ found: 2, added: 0, missing: 0, merged: [] });
    const rows = list(catalog);
    expect(rows).toHaveLength(6);
    expect(
      rows
        .filter((r) => r.source === plants)
        .map((r) => r.label)
        .sort(),
    ).toEqual(['rose', 'rose', 'tulip', 'tulip']);
  });
});

describe('winnow sources', () => {
  it('lists the sources with their counts and label specs, and removes one without touching any file', () => {
    const catalog = join(dir.path, 'outer-first.winnow');
    const sources = winnowJson('sources', '--catalog', catalog);
    expect(sources).toEqual([
      expect.objectContaining({ root: data, images: 2, labels: { mode: 'folders' } }),
      expect.objectContaining({ root: plants, images: 4, labels: { mode: 'folders' } }),
    ]);
    const text = ok('sources', '--catalog', catalog);
    expect(text).toMatch(new RegExp(`^ *${sources[1].id} +4 +sub-folder names +\\S.* ${plants}/$`, 'm'));

    const removed = ok('sources', '--catalog', catalog, '--remove', `${plants}/`);
    expect(removed).toContain(`Removed source ${plants}/ and its 4 images from the catalog; no file was touched.`);
    expect(list(catalog)).toHaveLength(2);
    expect(winnowJson('sources', '--catalog', catalog)).toHaveLength(1);

    ok('sources', '--catalog', catalog, '--remove', String(sources[0].id));
    expect(list(catalog)).toHaveLength(0);
    expect(snapshotTree(data)).toEqual(untouched);
  });

  it('refuses a folder or id that is not a source (exit 2)', () => {
    const catalog = join(dir.path, 'inner-first.winnow');
    const run = winnow('sources', '--catalog', catalog, '--remove', plants);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${plants} is not a source of this catalog`);
    expect(list(catalog)).toHaveLength(6);
  });
});
