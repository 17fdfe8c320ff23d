// One row per file whatever order nested folders are imported in: a folder imported after a folder
// inside it absorbs that source; a folder imported inside an existing source becomes a source of its
// own. Row ids survive both (decisions follow them), labels come from the last import's spec.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { commitDecisions } from '../../src/main/core/decisions/sync.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

const PLANTS = ['plants/rose/r0.jpg', 'plants/rose/r1.jpg', 'plants/tulip/t0.jpg', 'plants/tulip/t1.jpg'];
const ANIMALS = ['animals/cat0.jpg', 'animals/cat1.jpg', 'animals/cat2.jpg'];

/** data/plants/{rose,tulip}/… and data/animals/…: seven different photos. */
async function dataset(): Promise<{ data: string; plants: string; catalog: Database.Database }> {
  const d = tempDir();
  dirs.push(d);
  const data = join(realpathSync(d.path), 'data');
  let seed = 0;
  for (const rel of [...PLANTS, ...ANIMALS]) await writeJpeg(join(data, rel), 300 + ++seed);
  return { data, plants: join(data, 'plants'), catalog: openCatalog(join(d.path, 'c.winnow'), { create: true }) };
}

interface Row {
  id: number;
  root: string;
  path: string;
  label: string | null;
  status: string;
  sha256: string;
}

/** Every row keyed by the file's absolute location. */
function rowsByFile(db: Database.Database): Map<string, Row> {
  const rows = db
    .prepare(
      `SELECT i.id, s.root, i.rel_path AS path, l.name AS label, i.status, i.sha256
       FROM images i JOIN sources s ON s.id = i.source_id LEFT JOIN labels l ON l.id = i.label_id`,
    )
    .all() as Row[];
  const byFile = new Map<string, Row>();
  for (const r of rows) {
    const file = `${r.root}/${r.path}`;
    if (byFile.has(file)) throw new Error(`${file} has two rows (ids ${byFile.get(file)!.id} and ${r.id})`);
    byFile.set(file, r);
  }
  expect(byFile.size).toBe(rows.length);
  return byFile;
}

const roots = (db: Database.Database): string[] =>
  (db.prepare('SELECT root FROM sources ORDER BY root').all() as { root: string }[]).map((s) => s.root);

function exclude(db: Database.Database, row: Row): void {
  commitDecisions(db, [{ op: 'exclude', ids: [row.id] }]);
}

describe('importing a folder that contains an imported folder', () => {
  it('absorbs the inner source: one row per file, same ids, labels from the new spec, exclusions kept', async () => {
    const { data, plants, catalog: db } = await dataset();
    expect(await runImport({ db, root: plants, labels: { mode: 'folders' } })).toMatchObject({ added: 4 });
    const before = rowsByFile(db);
    expect(before.get(`${data}/plants/rose/r0.jpg`)).toMatchObject({ root: plants, path: 'rose/r0.jpg', label: 'rose' });
    exclude(db, before.get(`${data}/plants/rose/r1.jpg`)!);

    const outer = await runImport({ db, root: data, labels: { mode: 'folders' } });
    expect(outer).toMatchObject({
      found: 7,
      added: 3,
      unchanged: 4,
      moved: 0,
      missing: 0,
      merged: [{ kind: 'contained', from: 'plants/', files: 4, relabelled: 4, duplicates: 0 }],
    });
    const after = rowsByFile(db);
    expect(after.size).toBe(7);
    expect(roots(db)).toEqual([data]);
    for (const rel of PLANTS) {
      const row = after.get(`${data}/${rel}`)!;
      expect(row).toMatchObject({ id: before.get(`${data}/${rel}`)!.id, root: data, path: rel, label: 'plants' });
    }
    expect(after.get(`${data}/plants/rose/r1.jpg`)!.status).toBe('excluded');
    expect([...after.values()].filter((r) => r.status === 'active')).toHaveLength(6);
    db.close();
  });
});

describe('importing a folder inside an imported folder', () => {
  it('makes it a source of its own that takes over its rows; re-scanning the outer folder skips it', async () => {
    const { data, plants, catalog: db } = await dataset();
    expect(await runImport({ db, root: data, labels: { mode: 'folders' } })).toMatchObject({ added: 7 });
    const before = rowsByFile(db);
    exclude(db, before.get(`${data}/plants/tulip/t0.jpg`)!);

    const inner = await runImport({ db, root: plants, labels: { mode: 'folders' } });
    expect(inner).toMatchObject({
      found: 4,
      added: 0,
      unchanged: 4,
      moved: 0,
      missing: 0,
      merged: [{ kind: 'enclosing', from: `${data}/`, files: 4, relabelled: 4, duplicates: 0 }],
    });
    const after = rowsByFile(db);
    expect(after.size).toBe(7);
    expect(roots(db)).toEqual([data, plants]);
    for (const rel of PLANTS) {
      const row = after.get(`${data}/${rel}`)!;
      const path = rel.slice('plants/'.length);
      expect(row).toMatchObject({ id: before.get(`${data}/${rel}`)!.id, root: plants, path, label: path.split('/')[0] });
    }
    expect(after.get(`${data}/plants/tulip/t0.jpg`)!.status).toBe('excluded');

    const rescan = await runImport({ db, root: data, labels: { mode: 'folders' } });
    expect(rescan).toMatchObject({ found: 3, added: 0, unchanged: 3, moved: 0, missing: 0, merged: [] });
    const again = rowsByFile(db);
    expect(again.size).toBe(7);
    expect(again.get(`${data}/plants/rose/r0.jpg`)).toMatchObject({ root: plants, label: 'rose' });
    db.close();
  });
});

describe('deeper nesting and old catalogs', () => {
  it('a folder between two sources takes the rows of both: the inner one absorbed, the outer one split', async () => {
    const { data, plants, catalog: db } = await dataset();
    const rose = join(plants, 'rose');
    await runImport({ db, root: data, labels: { mode: 'folders' } });
    await runImport({ db, root: rose, labels: { mode: 'none' } });
    const before = rowsByFile(db);
    const report = await runImport({ db, root: plants, labels: { mode: 'folders' } });
    expect(report).toMatchObject({
      found: 4,
      added: 0,
      unchanged: 4,
      merged: [
        { kind: 'contained', from: 'rose/', files: 2, relabelled: 2, duplicates: 0 },
        { kind: 'enclosing', from: `${data}/`, files: 2, relabelled: 2, duplicates: 0 },
      ],
    });
    const after = rowsByFile(db);
    expect(after.size).toBe(7);
    expect(roots(db)).toEqual([data, plants]);
    for (const rel of PLANTS) expect(after.get(`${data}/${rel}`)).toMatchObject({ id: before.get(`${data}/${rel}`)!.id, root: plants });
    expect(after.get(`${data}/plants/rose/r0.jpg`)!.label).toBe('rose');
    db.close();
  });

  it('repairs a catalog that holds the files of an inner folder twice: the re-scanned outer folder absorbs it', async () => {
    const { data, plants, catalog: db } = await dataset();
    await runImport({ db, root: plants, labels: { mode: 'none' } });
    await runImport({ db, root: data, labels: { mode: 'folders' } });
    // What the old import wrote when the outer folder came second: the inner source kept its rows
    // and the outer one added a second row for each of its files.
    const source = (root: string): number => (db.prepare('SELECT id FROM sources WHERE root = ?').get(root) as { id: number }).id;
    db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES (?, 'none', 0)").run(plants);
    const copy = db.prepare(
      `INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, width, height, format, channels, label_id, source_label_id, status, indexed_at)
       SELECT ?, ?, ?, size, mtime_ms, sha256, width, height, format, channels, NULL, NULL, status, indexed_at FROM images WHERE id = ?`,
    );
    for (const row of rowsByFile(db).values()) {
      if (!row.path.startsWith('plants/')) continue;
      const rel = row.path.slice('plants/'.length);
      copy.run(source(plants), Buffer.from(rel), rel, row.id);
    }
    expect(db.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 11 });

    const rescan = await runImport({ db, root: data, labels: { mode: 'folders' } });
    expect(rescan).toMatchObject({ added: 0, unchanged: 7, merged: [{ kind: 'contained', from: 'plants/', files: 0, duplicates: 4 }] });
    const after = rowsByFile(db);
    expect(after.size).toBe(7);
    expect(roots(db)).toEqual([data]);
    expect(after.get(`${data}/plants/rose/r0.jpg`)!.label).toBe('plants');
    db.close();
  });

  it('re-importing the same folder replaces its label spec and re-labels its rows', async () => {
    const { data, plants, catalog: db } = await dataset();
    await runImport({ db, root: data, labels: { mode: 'folders' } });
    await runImport({ db, root: plants, labels: { mode: 'folders' } });
    const again = await runImport({ db, root: plants, labels: { mode: 'none' } });
    expect(again).toMatchObject({ unchanged: 4, added: 0, merged: [] });
    expect([...rowsByFile(db).values()].filter((r) => r.root === plants).map((r) => r.label)).toEqual([null, null, null, null]);
    expect(db.prepare('SELECT label_mode FROM sources WHERE root = ?').pluck().get(plants)).toBe('none');
    db.close();
  });
});
