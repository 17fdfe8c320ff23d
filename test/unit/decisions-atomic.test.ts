// Issue 11: a decision is recorded and applied together or not at all, on every path (resolve,
// undo, redo, the app's dups.decide); and a catalog whose images disagree with its journal (a
// write from outside, an old bug) is put right when opened, saying so once. Faults are injected
// with a SQLite trigger the test creates.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeClusters, loadClusters } from '../../src/main/core/dups/clusters.ts';
import { PRESETS } from '../../src/main/core/dups/match.ts';
import { decide } from '../../src/main/core/decisions/decide.ts';
import { stepDecisions } from '../../src/main/core/decisions/sync.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';
import { testHost } from '../helpers/host.ts';

const dir = tempDir('winnow-decisions-atomic-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');
let seq = 0;

beforeAll(async () => {
  mkdirSync(join(root, 'cat'), { recursive: true });
  const img = await syntheticImage(41, 320, 240);
  await img
    .clone()
    .jpeg({ quality: 92 })
    .toFile(join(root, 'cat', 'orig.jpg'));
  await img
    .clone()
    .jpeg({ quality: 40 })
    .toFile(join(root, 'cat', 'copy.jpg'));
  await (await syntheticImage(900, 300, 220)).jpeg().toFile(join(root, 'cat', 'other.jpg'));
});

/** A fresh clustered catalog of the three images (one cluster of two). */
async function clustered(): Promise<{ file: string; db: Database.Database }> {
  const file = join(dir.path, `c${seq++}.winnow`);
  const db = openCatalog(file, { create: true });
  await runImport({ db, root, labels: { mode: 'folders' }, workers: 2 });
  expect(computeClusters(db, PRESETS.balanced).clusters).toHaveLength(1);
  return { file, db };
}

const statuses = (db: Database.Database): Record<string, string> =>
  Object.fromEntries(
    (db.prepare('SELECT rel_path AS p, status FROM images').all() as { p: string; status: string }[]).map((r) => [r.p, r.status]),
  );
const journalRows = (db: Database.Database): number => (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
const idOf = (db: Database.Database, p: string): number =>
  (db.prepare('SELECT id FROM images WHERE rel_path = ?').get(p) as { id: number }).id;
const inject = (db: Database.Database): void => {
  db.exec(`CREATE TRIGGER inject BEFORE UPDATE OF status ON images BEGIN SELECT RAISE(FAIL, 'injected'); END`);
};
const before = { 'cat/orig.jpg': 'active', 'cat/copy.jpg': 'active', 'cat/other.jpg': 'active' };

describe('decisions are recorded and applied in one transaction', () => {
  it('resolve: a failure applying a keep records nothing', async () => {
    const { db } = await clustered();
    inject(db);
    expect(() => decide(db, loadClusters(db)!, [{ kind: 'keep', cluster: 1, member: idOf(db, 'cat/orig.jpg') }])).toThrow('injected');
    expect(journalRows(db)).toBe(0);
    expect(statuses(db)).toEqual(before);
    db.close();
  });

  it('undo and redo: a failure applying the step records no step', async () => {
    const { db } = await clustered();
    decide(db, loadClusters(db)!, [{ kind: 'keep', cluster: 1, member: idOf(db, 'cat/orig.jpg') }]);
    expect(statuses(db)['cat/copy.jpg']).toBe('excluded');
    inject(db);
    expect(() => stepDecisions(db, 'undo')).toThrow('injected');
    expect(journalRows(db)).toBe(1);
    db.exec('DROP TRIGGER inject');
    expect(stepDecisions(db, 'undo').done).toBe(true);
    inject(db);
    expect(() => stepDecisions(db, 'redo')).toThrow('injected');
    expect(journalRows(db)).toBe(2);
    expect(statuses(db)).toEqual(before);
    db.close();
  });

  it("the app's dups.decide: a failure applying a keep records nothing and says it failed", async () => {
    const { file, db } = await clustered();
    inject(db);
    const keep = idOf(db, 'cat/orig.jpg');
    db.close();
    const { host } = testHost();
    await host.dispatch('catalog.open', { path: file });
    await expect(host.dispatch('dups.decide', { kind: 'keep', cluster: 1, member: keep })).rejects.toThrow();
    const check = openCatalog(file, { readonly: true });
    expect(journalRows(check)).toBe(0);
    expect(statuses(check)).toEqual(before);
    check.close();
    await host.close?.();
  });
});

describe('a catalog whose images disagree with its decisions', () => {
  it('is put right when opened, saying so once', async () => {
    const { file, db } = await clustered();
    decide(db, loadClusters(db)!, [{ kind: 'keep', cluster: 1, member: idOf(db, 'cat/orig.jpg') }]);
    db.prepare("UPDATE images SET status = 'active' WHERE rel_path = 'cat/copy.jpg'").run();
    db.prepare("UPDATE images SET status = 'excluded' WHERE rel_path = 'cat/other.jpg'").run();
    db.close();
    const notices: string[] = [];
    const again = openCatalog(file, { onNotice: (m) => notices.push(m) });
    expect(statuses(again)).toEqual({ 'cat/orig.jpg': 'active', 'cat/copy.jpg': 'excluded', 'cat/other.jpg': 'active' });
    expect(notices).toEqual([
      `${file}: 2 image(s) did not show the decisions recorded for them (an interrupted or outside write); they were set from the decisions again.`,
    ]);
    again.close();
    const third = openCatalog(file, { onNotice: (m) => notices.push(m) });
    expect(notices).toHaveLength(1);
    third.close();
  });
});
