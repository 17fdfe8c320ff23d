import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-folds-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');
const catalog = join(dir.path, 'data.winnow');

beforeAll(async () => {
  // 3 labels × 10 distinct images, plus a 5-member near-duplicate cluster in 'a'.
  for (const [li, label] of ['a', 'b', 'c'].entries()) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 10; i++) await (await syntheticImage(1000 + li * 50 + i, 200, 150)).jpeg().toFile(join(root, label, `${i}.jpg`));
  }
  const base = await syntheticImage(7, 400, 300);
  for (const [i, q] of [95, 80, 60, 45, 30].entries())
    await base
      .clone()
      .jpeg({ quality: q })
      .toFile(join(root, 'a', `dup${i}.jpg`));
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
  expect(json('dups', '--catalog', catalog).clusters).toHaveLength(1);
}, 120_000);

describe('winnow folds', () => {
  it('balances sizes and labels within one, keeps the cluster in one fold, and reports no leakage', () => {
    const out = json('folds', '--catalog', catalog, '--k', '5', '--seed', '7');
    expect(out.images).toBe(35);
    expect(Math.max(...out.report.sizes) - Math.min(...out.report.sizes)).toBeLessThanOrEqual(5); // the 5-member cluster is one unit
    for (const l of out.report.perLabel) expect(l.counts.reduce((s: number, c: number) => s + c, 0)).toBe(l.label === 'a' ? 15 : 10);
    expect(out.report.groupsSplit).toBe(0);
    expect(out.leakedPairs).toBe(0);
    expect(out.leakage.flat().every((n: number) => n === 0)).toBe(true);
  });

  it('without groups the cluster leaks and the K×K matrix shows where', () => {
    const out = json('folds', '--catalog', catalog, '--k', '5', '--seed', '7', '--no-groups');
    expect(out.report.sizes.every((s: number) => s === 7)).toBe(true);
    for (const l of out.report.perLabel) expect(l.maxDeviation).toBeLessThan(1);
    expect(out.leakedPairs).toBeGreaterThan(0);
    const m = out.leakage;
    expect(m.map((row: number[], i: number) => row[i])).toEqual([0, 0, 0, 0, 0]);
    expect(m.flat().reduce((s: number, n: number) => s + n, 0)).toBe(2 * out.leakedPairs);
  });

  it('is deterministic for a seed, writes image_id,label,fold CSV, and leaves excluded images out', () => {
    const csv = join(dir.path, 'folds.csv');
    expect(winnow('resolve', '--catalog', catalog, '--accept-suggestions').code).toBe(0);
    winnow('folds', '--catalog', catalog, '--k', '3', '--seed', '1', '--csv', csv);
    const first = readFileSync(csv, 'utf8');
    winnow('folds', '--catalog', catalog, '--k', '3', '--seed', '1', '--csv', csv);
    expect(readFileSync(csv, 'utf8')).toBe(first);
    const lines = first.trim().split('\n');
    expect(lines[0]).toBe('image_id,label,fold');
    expect(lines).toHaveLength(1 + 31); // 35 images minus 4 excluded duplicates
    expect(lines.filter((l) => l.startsWith('a/dup'))).toHaveLength(1);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[2]))).toEqual(new Set(['0', '1', '2']));
  });

  it('keeps user groups from a CSV together', () => {
    const groups = join(dir.path, 'groups.csv');
    writeFileSync(groups, 'image_id,group\n' + ['0.jpg', '1.jpg', '2.jpg', '3.jpg'].map((f) => `b/${f},patient7`).join('\n') + '\n');
    const out = json('folds', '--catalog', catalog, '--k', '5', '--groups-csv', groups);
    expect(out.report.groupsSplit).toBe(0);
    const csv = join(dir.path, 'g.csv');
    winnow('folds', '--catalog', catalog, '--k', '5', '--groups-csv', groups, '--csv', csv);
    const foldsOfGroup = new Set(
      readFileSync(csv, 'utf8')
        .split('\n')
        .filter((l) => /^b\/[0-3]\.jpg,/.test(l))
        .map((l) => l.split(',')[2]),
    );
    expect(foldsOfGroup.size).toBe(1);
  });

  it('explains bad options', () => {
    const run = winnow('folds', '--catalog', catalog, '--k', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--k must be a whole number from 2 to 1000, not "1"/);
  });
});
