// Decisions per file on the command line: exact copies resolve like any other cluster, a keep
// follows the kept file when it moves, "not duplicates" and earlier decisions survive a bulk
// accept, the keeper must still be there, and nothing that changes nothing becomes an undo step.
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

let root: string;
let catalog: string;

const statusOf = (): Record<string, string> =>
  Object.fromEntries(json('list', '--catalog', catalog).map((r: { path: string; status: string }) => [r.path, r.status]));
const excludedPaths = (): string[] =>
  Object.entries(statusOf())
    .filter(([, s]) => s === 'excluded')
    .map(([p]) => p)
    .sort();
const resolve = (...args: string[]) => winnow('resolve', '--catalog', catalog, ...args);

/**
 * cats/a.jpg with two byte-identical copies and a half-size near copy; cats/b.jpg with a near copy
 * filed under dogs (a mixed-label cluster); big.jpg at the top (unlabelled) with a labelled smaller
 * copy; four unrelated images.
 */
async function writeFolder(dir: string): Promise<void> {
  for (const d of ['cats', 'dogs']) mkdirSync(join(dir, d), { recursive: true });
  const a = await syntheticImage(11, 480, 360);
  await a.clone().jpeg({ quality: 95 }).toFile(join(dir, 'cats/a.jpg'));
  copyFileSync(join(dir, 'cats/a.jpg'), join(dir, 'cats/a-copy1.jpg'));
  copyFileSync(join(dir, 'cats/a.jpg'), join(dir, 'cats/a-copy2.jpg'));
  await a.clone().resize(240, 180).jpeg({ quality: 90 }).toFile(join(dir, 'cats/a-small.jpg'));
  const b = await syntheticImage(22, 400, 300);
  await b.clone().jpeg({ quality: 92 }).toFile(join(dir, 'cats/b.jpg'));
  await b.clone().resize(200, 150).jpeg({ quality: 92 }).toFile(join(dir, 'dogs/b-small.jpg'));
  const c = await syntheticImage(33, 480, 360);
  await c.clone().jpeg({ quality: 95 }).toFile(join(dir, 'big.jpg'));
  await c.clone().resize(240, 180).jpeg({ quality: 90 }).toFile(join(dir, 'dogs/c-small.jpg'));
  for (let i = 0; i < 4; i++) await (await syntheticImage(100 + i, 320, 240)).jpeg().toFile(join(dir, `dogs/other${i}.jpg`));
}

beforeEach(async () => {
  const dir = tempDir('winnow-decisions-');
  root = join(dir.path, 'data');
  catalog = join(dir.path, 'data.winnow');
  await writeFolder(root);
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
  expect(winnow('dups', '--catalog', catalog).code).toBe(0);
  return dir.cleanup;
});

const clusterWith = (path: string) =>
  json('dups', '--catalog', catalog).clusters.find((c: { members: { path: string }[] }) => c.members.some((m) => m.path === path));

describe('decisions per file', () => {
  it('keeps one of three identical copies: the other copies and the near copy are excluded, and the keep follows a move', () => {
    const run = resolve('--keep', 'cats/a-copy1.jpg');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kept cats\/a-copy1\.jpg, excluded 3/);
    expect(excludedPaths()).toEqual(['cats/a-copy2.jpg', 'cats/a-small.jpg', 'cats/a.jpg']);

    mkdirSync(join(root, 'cats/moved'));
    renameSync(join(root, 'cats/a-copy1.jpg'), join(root, 'cats/moved/kept.jpg'));
    expect(json('index', root, '--catalog', catalog)).toMatchObject({ moved: 1, added: 0, missing: 0 });
    expect(statusOf()['cats/moved/kept.jpg']).toBe('active');
    expect(excludedPaths()).toEqual(['cats/a-copy2.jpg', 'cats/a-small.jpg', 'cats/a.jpg']);

    expect(winnow('undo', '--catalog', catalog).stdout).toMatch(/^Undone: 0 images now excluded/);
    expect(excludedPaths()).toEqual([]);
    expect(winnow('redo', '--catalog', catalog).stdout).toMatch(/^Redone: 3 images now excluded/);
    expect(excludedPaths()).toEqual(['cats/a-copy2.jpg', 'cats/a-small.jpg', 'cats/a.jpg']);
  });

  it('refuses a content hash shared by identical copies and asks for a path', () => {
    const sha = clusterWith('cats/a.jpg').members.find((m: { path: string }) => m.path === 'cats/a.jpg').sha256;
    const run = resolve('--keep', sha);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/3 files share that content .*name one by its path/);
  });

  it('accepting suggestions resolves exact-copy clusters, and a second accept records nothing', () => {
    const run = resolve('--accept-suggestions');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Accepted 2 suggestions: excluded 4 images\./);
    expect(run.stdout).toMatch(/1 mixed-label cluster left for review \(--include-mixed/);
    const s = statusOf();
    const copies = ['cats/a.jpg', 'cats/a-copy1.jpg', 'cats/a-copy2.jpg'];
    expect(copies.filter((p) => s[p] === 'active')).toHaveLength(1);
    expect(s['cats/a-small.jpg']).toBe('excluded');
    expect(json('dups', '--catalog', catalog).summary.resolved).toBe(2);

    const again = resolve('--accept-suggestions');
    expect(again.stdout).toMatch(/^Nothing to accept/);
    expect(winnow('undo', '--catalog', catalog).stdout).toMatch(/0 steps? to undo/);
  });

  it('suggests a labelled keeper over a larger unlabelled copy', () => {
    const c = clusterWith('big.jpg');
    expect(c.suggestedPath).toBe('dogs/c-small.jpg');
    expect(c.reason).toMatch(/labelled/);
  });

  it('never overrides "not duplicates" or an earlier explicit decision when accepting suggestions', async () => {
    const mixed = clusterWith('cats/b.jpg');
    expect(resolve('--not-duplicates', String(mixed.id)).code).toBe(0);
    // The user keeps the small copy; a later import adds another near copy to that cluster, which
    // opens it again. A bulk accept must keep the user's choice, not the larger file it excluded.
    expect(resolve('--keep', 'cats/a-small.jpg').code).toBe(0);
    await (await syntheticImage(11, 480, 360)).resize(360, 270).jpeg({ quality: 80 }).toFile(join(root, 'cats/a-medium.jpg'));
    expect(json('index', root, '--catalog', catalog)).toMatchObject({ added: 1 });
    expect(clusterWith('cats/a-medium.jpg').resolved).toBe(false);
    expect(resolve('--accept-suggestions', '--include-mixed').code).toBe(0);
    const after = statusOf();
    expect([after['cats/b.jpg'], after['dogs/b-small.jpg']]).toEqual(['active', 'active']);
    expect(after['cats/a-small.jpg']).toBe('active');
    expect(excludedPaths()).toEqual(['big.jpg', 'cats/a-copy1.jpg', 'cats/a-copy2.jpg', 'cats/a-medium.jpg', 'cats/a.jpg']);
  });

  it('refuses to keep a file that is gone, and leaves its cluster out of a bulk accept', () => {
    rmSync(join(root, 'cats/a-small.jpg'));
    const run = resolve('--keep', 'cats/a-small.jpg');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cats\/a-small\.jpg is no longer there/);
    expect(excludedPaths()).toEqual([]);

    rmSync(join(root, 'dogs/c-small.jpg')); // the suggested keeper of the big.jpg cluster
    const accept = resolve('--accept-suggestions');
    expect(accept.stdout).toMatch(/1 cluster whose suggested keeper is gone left for review/);
    expect(statusOf()['big.jpg']).toBe('active');
  });
});
