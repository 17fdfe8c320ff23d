import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-dups-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');
const catalog = join(dir.path, 'data.winnow');

const statusOf = (): Record<string, string> =>
  Object.fromEntries(json('list', '--catalog', catalog).map((r: { path: string; status: string }) => [r.path, r.status]));

beforeAll(async () => {
  for (const d of ['cats', 'dogs']) mkdirSync(join(root, d), { recursive: true });
  // Cluster A (cats): an original, a half-size copy, a recompressed copy, a mirrored copy, a PNG copy, an exact copy.
  const a = await syntheticImage(11, 480, 360);
  await a.clone().jpeg({ quality: 95 }).toFile(join(root, 'cats/a.jpg'));
  await a.clone().resize(240, 180).jpeg({ quality: 90 }).toFile(join(root, 'cats/a-small.jpg'));
  await a.clone().jpeg({ quality: 40 }).toFile(join(root, 'cats/a-q40.jpg'));
  await a.clone().flop().jpeg({ quality: 90 }).toFile(join(root, 'cats/a-flipped.jpg'));
  await a.clone().png().toFile(join(root, 'cats/a.png'));
  copyFileSync(join(root, 'cats/a.jpg'), join(root, 'cats/a-copy.jpg'));
  // Cluster B: the same photo filed under two labels (label noise).
  const b = await syntheticImage(22, 400, 300);
  await b.clone().jpeg({ quality: 92 }).toFile(join(root, 'cats/b.jpg'));
  await b.clone().resize(200, 150).jpeg({ quality: 92 }).toFile(join(root, 'dogs/b-small.jpg'));
  // Unrelated images.
  for (let i = 0; i < 6; i++) await (await syntheticImage(100 + i, 320, 240)).jpeg().toFile(join(root, `dogs/other${i}.jpg`));
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
});

describe('winnow dups / resolve / undo / redo', () => {
  it('finds both clusters, mixed labels first, with a suggested keeper and reason', () => {
    const out = json('dups', '--catalog', catalog);
    expect(out.clusters).toHaveLength(2);
    const [first, second] = out.clusters;
    expect(first).toMatchObject({ id: 1, mixedLabels: true, suggestedPath: 'cats/b.jpg', resolved: false });
    expect(first.reason).toBe('largest resolution (400×300 vs 200×150)');
    expect(first.members.map((m: { label: string }) => m.label).sort()).toEqual(['cats', 'dogs']);
    expect(second.mixedLabels).toBe(false);
    expect(second.members.map((m: { path: string }) => m.path).sort()).toEqual([
      'cats/a-copy.jpg',
      'cats/a-flipped.jpg',
      'cats/a-q40.jpg',
      'cats/a-small.jpg',
      'cats/a.jpg',
      'cats/a.png',
    ]);
    expect(second.members[0].distance).toBe(0);
    expect(out.summary).toMatchObject({ clusters: 2, imagesInClusters: 8, mixedLabels: 1, resolved: 0 });
  });

  it('prints a readable table', () => {
    const run = winnow('dups', '--catalog', catalog);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^#1 {2}2 images {2}MIXED LABELS \(cats, dogs\) {2}keep cats\/b\.jpg: largest resolution/m);
  });

  it('accepts suggestions (leaving mixed-label clusters for review), undoes and redoes as one step', () => {
    const run = winnow('resolve', '--catalog', catalog, '--accept-suggestions');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Accepted 1 suggestion: excluded 5 images\. 1 mixed-label cluster left for review \(--include-mixed to accept them too\)\./,
    );
    const s = statusOf();
    const kept = json('dups', '--catalog', catalog).clusters[1].suggestedPath;
    const aMembers = ['cats/a-copy.jpg', 'cats/a-flipped.jpg', 'cats/a-q40.jpg', 'cats/a-small.jpg', 'cats/a.jpg', 'cats/a.png'];
    // one file is kept, its identical copy included among the excluded
    for (const p of aMembers) expect(s[p]).toBe(p === kept ? 'active' : 'excluded');
    expect(s['cats/b.jpg']).toBe('active');
    expect(Object.values(s).filter((v) => v === 'excluded')).toHaveLength(5);

    expect(winnow('undo', '--catalog', catalog).stdout).toMatch(/^Undone: 0 images now excluded; 0 steps to undo, 1 to redo/);
    expect(Object.values(statusOf()).every((v) => v === 'active')).toBe(true);
    expect(winnow('redo', '--catalog', catalog).stdout).toMatch(/^Redone: 5 images now excluded/);
    expect(winnow('redo', '--catalog', catalog).stdout).toBe('Nothing to redo.\n');
  });

  it('keeps a chosen member by path, and decisions follow a renamed file', () => {
    expect(winnow('resolve', '--catalog', catalog, '--keep', 'dogs/b-small.jpg').code).toBe(0);
    expect(statusOf()).toMatchObject({ 'dogs/b-small.jpg': 'active', 'cats/b.jpg': 'excluded' });
    renameSync(join(root, 'cats/b.jpg'), join(root, 'cats/b-renamed.jpg'));
    expect(json('index', root, '--catalog', catalog)).toMatchObject({ moved: 1, added: 0 });
    expect(statusOf()['cats/b-renamed.jpg']).toBe('excluded');
  });

  it('never shows a cluster marked not duplicates again', () => {
    json('dups', '--catalog', catalog);
    expect(winnow('resolve', '--catalog', catalog, '--not-duplicates', '1').code).toBe(0);
    const out = json('dups', '--catalog', catalog);
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0].mixedLabels).toBe(false);
  });

  it('prints a pHash distance histogram with the clusters each threshold gives', () => {
    const rows = json('dups', '--catalog', catalog, '--histogram', '--max', '12');
    expect(rows).toHaveLength(13);
    expect(rows[0].distance).toBe(0);
    const total = rows.reduce((n: number, r: { pairs: number }) => n + r.pairs, 0);
    expect(total).toBeGreaterThanOrEqual(6); // cluster A alone has 6 members, excluded ones included
    // Five versions of photo A share one pHash (10 pairs at 0, one cluster); b and its half-size copy
    // are 2 apart (the second cluster from threshold 2 on); the mirrored copy joins only with mirror matching.
    expect(rows.slice(0, 3).map((r: { pairs: number }) => r.pairs)).toEqual([10, 0, 1]);
    expect(rows.map((r: { clusters: number }) => r.clusters)).toEqual([1, 1, ...new Array(11).fill(2)]);
    expect(winnow('dups', '--catalog', catalog, '--histogram').stdout).toMatch(
      /^pHash distance {3}pairs {3}clusters at this threshold\n {13}0 /,
    );
  });

  it('updates clusters when an import adds images', async () => {
    await (await syntheticImage(11, 480, 360)).clone().resize(360, 270).jpeg({ quality: 80 }).toFile(join(root, 'cats/a-medium.jpg'));
    const report = json('index', root, '--catalog', catalog);
    expect(report.added).toBe(1);
    expect(report.clusters).toBe(1);
    const out = json('dups', '--catalog', catalog);
    expect(out.clusters[0].members.map((m: { path: string }) => m.path)).toContain('cats/a-medium.jpg');
  });

  it('explains usage mistakes', () => {
    let run = winnow('resolve', '--catalog', catalog, '--not-duplicates', '9');
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/No cluster #9 in the last dups run \(it has 1\)/)]);
    run = winnow('dups', '--catalog', catalog, '--preset', 'sloppy');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sloppy/);
    run = winnow('resolve', '--catalog', catalog);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Say what to decide/);
  });
});
