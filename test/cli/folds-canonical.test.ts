// Folds and shards depend on the images (content, labels, groups), K and the seed only: two catalogs
// of one folder whose rows were added in different orders (half the files imported later, one
// worker vs the default pool) give the same fold CSV and byte-identical shards.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-folds-canonical-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');
const parked = join(dir.path, 'parked');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Runs a command that must succeed and returns its stdout. */
function ok(...args: string[]): string {
  const run = winnow(...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** Every file below `base`, relative, sorted. */
function files(base: string, sub = ''): string[] {
  return readdirSync(join(base, sub), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(base, join(sub, e.name)) : [join(sub, e.name)]))
    .sort();
}

function moveAll(rels: string[], from: string, to: string): void {
  for (const rel of rels) {
    mkdirSync(dirname(join(to, rel)), { recursive: true });
    renameSync(join(from, rel), join(to, rel));
  }
}

/** dups → accept the suggestions → folds → CSV and an export; returns the CSV, the shards' sha256 and the manifest. */
function foldAndExport(catalog: string, name: string): { csv: string; shards: Record<string, string>; manifest: string } {
  ok('dups', '--catalog', catalog);
  ok('resolve', '--catalog', catalog, '--accept-suggestions');
  const csv = join(dir.path, `${name}.csv`);
  ok('folds', '--catalog', catalog, '--k', '5', '--seed', '42', '--csv', csv);
  const out = join(dir.path, `${name}-shards`);
  ok('export', '--catalog', catalog, '--out', out, '--size', '32x32', '--features', 'image,target,image_name,fold,sha256');
  const shards = Object.fromEntries(
    readdirSync(out)
      .filter((f) => f.endsWith('.tfrec'))
      .sort()
      .map((f) => [f, sha(readFileSync(join(out, f)))]),
  );
  return { csv: readFileSync(csv, 'utf8'), shards, manifest: readFileSync(join(out, 'manifest.json'), 'utf8') };
}

beforeAll(async () => {
  // 3 labels × 14 distinct images, a 4-member near-duplicate cluster and an exact copy in 'b'.
  for (const [li, label] of ['a', 'b', 'c'].entries()) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 14; i++)
      await (await syntheticImage(500 + li * 40 + i, 72, 54)).jpeg({ quality: 85 }).toFile(join(root, label, `${label}${i}.jpg`));
  }
  const base = await syntheticImage(77, 120, 90);
  for (const [i, q] of [92, 75, 55, 35].entries())
    await base
      .clone()
      .jpeg({ quality: q })
      .toFile(join(root, 'a', `near${i}.jpg`));
  copyFileSync(join(root, 'b', 'b3.jpg'), join(root, 'b', 'copy-of-b3.jpg'));
}, 120_000);

describe('fold assignment does not depend on import order', () => {
  it('gives the same folds CSV and byte-identical shards for two catalogs filled in different orders', () => {
    const first = join(dir.path, 'first.winnow');
    ok('index', root, '--catalog', first);

    // The second catalog sees every other file only in a second import, with one worker: its row ids
    // follow another order entirely.
    const second = join(dir.path, 'second.winnow');
    const later = files(root).filter((_, i) => i % 2 === 0);
    moveAll(later, root, parked);
    ok('index', root, '--catalog', second, '--workers', '1');
    moveAll(later, parked, root);
    ok('index', root, '--catalog', second, '--workers', '1');

    const a = foldAndExport(first, 'first');
    const b = foldAndExport(second, 'second');
    expect(a.csv.trim().split('\n')).toHaveLength(1 + 42 + 1); // 47 images minus 3 excluded near-duplicates and the exact copy
    const foldOf = (csv: string): Map<string, string> =>
      new Map(
        csv
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => [l.split(',')[0]!, l.split(',')[2]!]),
      );
    const inOtherFold = [...foldOf(a.csv)].filter(([path, fold]) => foldOf(b.csv).get(path) !== fold).map(([path]) => path);
    expect(inOtherFold).toEqual([]);
    expect(b.csv).toBe(a.csv);
    expect(Object.keys(a.shards)).toHaveLength(5);
    expect(b.shards).toEqual(a.shards);
    // The manifest names no row id either: record order, folds and targets match byte for byte.
    expect(b.manifest).toBe(a.manifest);
  });
});
