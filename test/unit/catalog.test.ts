import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogOpenError, getSetting, openCatalog, setSetting } from '../../src/main/core/catalog/catalog.ts';
import { fromSqlInt, hex16, toSqlInt } from '../../src/main/core/catalog/images.ts';
import { CatalogTooNewError, LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/catalog/migrations.ts';
import { tempDir } from '../helpers/fixtures.ts';

const dirs: { cleanup: () => void }[] = [];
const scratch = (): string => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('catalog file', () => {
  it('creates a WAL catalog with foreign keys at the latest schema version', () => {
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a catalog written by a newer Winnow and leaves it untouched', () => {
    const file = join(scratch(), 'future.winnow');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    raw.close();
    expect(() => openCatalog(file, { create: true })).toThrow(CatalogTooNewError);
    expect(() => openCatalog(file, { create: true })).toThrow(
      `newer Winnow (catalog schema v${LATEST_SCHEMA_VERSION + 7}; this Winnow reads up to v${LATEST_SCHEMA_VERSION})`,
    );
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 7);
    expect(tables(again)).toEqual([]);
    again.close();
  });

  it('refuses a file that is not SQLite', () => {
    const file = join(scratch(), 'notes.txt');
    writeFileSync(file, 'my precious notes, not a database');
    expect(() => openCatalog(file, { create: true })).toThrow(CatalogOpenError);
    expect(() => openCatalog(file, { create: true })).toThrow(/not a Winnow catalog/);
  });

  it('keeps settings as key/value pairs', () => {
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    setSetting(db, 'theme', 'dark');
    setSetting(db, 'theme', 'light');
    expect(getSetting(db, 'theme')).toBe('light');
    expect(getSetting(db, 'nope')).toBeUndefined();
    db.close();
  });

  it('stores 64-bit hashes in 8-byte integers without loss and shows them as 16 hex digits', () => {
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    const values = [0n, 1n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0x0123456789abcdefn];
    db.exec('CREATE TEMP TABLE t (v INTEGER)');
    for (const v of values) db.prepare('INSERT INTO t VALUES (?)').run(toSqlInt(v));
    const back = (db.prepare('SELECT v FROM t').safeIntegers(true).all() as { v: bigint }[]).map((r) => fromSqlInt(r.v));
    expect(back).toEqual(values);
    expect(hex16(1n)).toBe('0000000000000001');
    expect(hex16(0xffffffffffffffffn)).toBe('ffffffffffffffff');
    db.close();
  });
});

describe('migrations', () => {
  it('has consecutive version numbers starting at 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('v1 creates sources, images, hashes, labels and settings with their constraints', () => {
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true, targetVersion: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['hashes', 'images', 'labels', 'settings', 'sources']);
    db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/data', 'folders', 0)").run();
    const insert = db.prepare(
      "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, status, indexed_at) VALUES (?, ?, 'a.jpg', 1, 1, ?, 0)",
    );
    insert.run(1, Buffer.from('a.jpg'), 'active');
    expect(() => insert.run(1, Buffer.from('b.jpg'), 'deleted')).toThrow(/CHECK constraint/);
    expect(() => insert.run(1, Buffer.from('a.jpg'), 'active')).toThrow(/UNIQUE constraint/);
    expect(() => insert.run(99, Buffer.from('c.jpg'), 'active')).toThrow(/FOREIGN KEY constraint/);
    db.prepare('INSERT INTO hashes VALUES (1, 1, 2, 3, 4, 5)').run();
    db.prepare('DELETE FROM sources').run();
    expect(db.prepare('SELECT count(*) AS n FROM hashes').get()).toEqual({ n: 0 });
    db.close();
  });

  it('v2 keeps v1 data, copies labels to source labels and adds the journal and cluster tables', () => {
    const file = join(scratch(), 'c.winnow');
    const v1 = openCatalog(file, { create: true, targetVersion: 1 });
    v1.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/data', 'folders', 0)").run();
    v1.prepare("INSERT INTO labels(name) VALUES ('cats')").run();
    v1.prepare(
      "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, label_id, status, indexed_at) VALUES (1, x'612e6a7067', 'a.jpg', 1, 1, 'abc', 1, 'active', 0)",
    ).run();
    v1.prepare('INSERT INTO hashes VALUES (1, 1, 2, 3, 4, 5)').run();
    v1.close();
    const db = openCatalog(file, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    expect(db.prepare('SELECT label_id, source_label_id FROM images').get()).toEqual({ label_id: 1, source_label_id: 1 });
    expect(db.prepare('SELECT phash, phash_mirror, dhash_mirror, thumb FROM hashes').get()).toEqual({
      phash: 2,
      phash_mirror: null,
      dhash_mirror: null,
      thumb: null,
    });
    expect(tables(db)).toEqual(expect.arrayContaining(['cluster_members', 'cluster_runs', 'journal']));
    expect(() => db.prepare("INSERT INTO journal(batch, op, data, created_at) VALUES (1, 'delete', '{}', 0)").run()).toThrow(/CHECK/);
    db.close();
  });

  it('v3 adds fold assignments for images, deleted with them', () => {
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true, targetVersion: 3 });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/d', 'none', 0)").run();
    db.prepare(
      "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, status, indexed_at) VALUES (1, x'61', 'a', 1, 1, 'active', 0)",
    ).run();
    db.prepare('INSERT INTO fold_assignments VALUES (1, 4)').run();
    expect(() => db.prepare('INSERT INTO fold_assignments VALUES (1, 2)').run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare('INSERT INTO fold_assignments VALUES (9, 2)').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM images').run();
    expect(db.prepare('SELECT count(*) AS n FROM fold_assignments').get()).toEqual({ n: 0 });
    db.close();
  });

  it('v4 gives cluster runs a memory (inputs and pairs blobs), empty for runs made before', () => {
    const file = join(scratch(), 'c.winnow');
    const v3 = openCatalog(file, { create: true, targetVersion: 3 });
    v3.prepare("INSERT INTO cluster_runs(rule, created_at, image_count) VALUES ('pHash ≤ 10', 0, 5)").run();
    v3.close();
    const db = openCatalog(file, { create: true, targetVersion: 4 });
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT rule, image_count, inputs, pairs FROM cluster_runs').get()).toEqual({
      rule: 'pHash ≤ 10',
      image_count: 5,
      inputs: null,
      pairs: null,
    });
    db.prepare("INSERT INTO cluster_runs(rule, created_at, image_count, inputs, pairs) VALUES ('x', 0, 0, x'0102', x'03')").run();
    expect(db.prepare('SELECT inputs, pairs FROM cluster_runs WHERE rule = ?').get('x')).toEqual({
      inputs: Buffer.from([1, 2]),
      pairs: Buffer.from([3]),
    });
    db.close();
  });

  it('v5 never reuses an image id and rewrites content-keyed decisions to name images by id', () => {
    const file = join(scratch(), 'c.winnow');
    const v4 = openCatalog(file, { create: true, targetVersion: 4 });
    v4.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/d', 'folders', 0)").run();
    const add = v4.prepare(
      "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, status, indexed_at) VALUES (1, ?, ?, 1, 1, ?, 'active', 0)",
    );
    // cats/a.jpg and two identical copies (content A), a near copy (B), and an unrelated image (C).
    for (const [path, sha] of [
      ['cats/a-copy.jpg', 'A'],
      ['cats/a.jpg', 'A'],
      ['cats/zz/a-copy2.jpg', 'A'],
      ['cats/a-small.jpg', 'B'],
      ['c.jpg', 'C'],
    ]) {
      add.run(Buffer.from(path!), path, sha);
    }
    v4.prepare('INSERT INTO hashes(image_id, ahash, phash, dhash, whash, blockhash) VALUES (5, 1, 2, 3, 4, 5)').run();
    const journal = v4.prepare('INSERT INTO journal(batch, op, data, created_at) VALUES (?, ?, ?, 0)');
    journal.run(1, 'keep', JSON.stringify({ keep: 'A', exclude: ['A', 'B'] }));
    journal.run(2, 'not-duplicates', JSON.stringify({ shas: ['B', 'C'] }));
    journal.run(3, 'relabel', JSON.stringify({ shas: ['C'], label: 'dogs' }));
    journal.run(4, 'undo', '{}');
    v4.close();

    const db = openCatalog(file, { create: true, targetVersion: 5 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(
      db
        .prepare('SELECT id, rel_path FROM images ORDER BY id')
        .all()
        .map((r) => (r as { rel_path: string }).rel_path),
    ).toEqual(['cats/a-copy.jpg', 'cats/a.jpg', 'cats/zz/a-copy2.jpg', 'cats/a-small.jpg', 'c.jpg']);
    expect(db.prepare('SELECT image_id, phash FROM hashes').get()).toEqual({ image_id: 5, phash: 2 });
    const data = (db.prepare('SELECT op, data FROM journal ORDER BY seq').all() as { op: string; data: string }[]).map((r) => [
      r.op,
      JSON.parse(r.data),
    ]);
    // The keep keeps one row (shortest path among the active ones) and excludes its identical copies too.
    expect(data).toEqual([
      ['keep', { keep: 2, exclude: [1, 3, 4] }],
      ['not-duplicates', { ids: [4, 5] }],
      ['relabel', { ids: [5], label: 'dogs' }],
      ['undo', {}],
    ]);
    // The top id deleted, the next row still gets a new one (a decision about 5 never names it).
    db.prepare('DELETE FROM images WHERE id = 5').run();
    expect(db.prepare('SELECT count(*) AS n FROM hashes').get()).toEqual({ n: 0 }); // cascades work again
    const next = db
      .prepare(
        "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, status, indexed_at) VALUES (1, x'6e', 'n', 1, 1, 'active', 0)",
      )
      .run();
    expect(Number(next.lastInsertRowid)).toBe(6);
    expect(() =>
      db
        .prepare(
          "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, status, indexed_at) VALUES (9, x'6f', 'o', 1, 1, 'active', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('re-opening a current catalog runs no migration again', () => {
    const file = join(scratch(), 'c.winnow');
    openCatalog(file, { create: true }).close();
    const db = openCatalog(file, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});
