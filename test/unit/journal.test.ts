import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { pairKey, record, redo, replay, undo } from '../../src/main/core/decisions/journal.ts';
import { commitDecisions, syncDecisions } from '../../src/main/core/decisions/sync.ts';
import { tempDir } from '../helpers/fixtures.ts';

let dir: { path: string; cleanup: () => void };
let db: Database.Database;
beforeEach(() => {
  dir = tempDir();
  db = openCatalog(join(dir.path, 'c.winnow'), { create: true });
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const excluded = (): number[] => [...replay(db).excluded].sort((x, y) => x - y);

describe('decisions journal', () => {
  it('replays keep / exclude / not-duplicates / relabel in order, later decisions winning', () => {
    record(db, [{ op: 'keep', keep: 1, exclude: [1, 2, 3] }]);
    expect(excluded()).toEqual([2, 3]);
    record(db, [{ op: 'exclude', ids: [1, 4] }]);
    expect(excluded()).toEqual([1, 2, 3, 4]);
    record(db, [{ op: 'not-duplicates', ids: [3, 4, 5] }]);
    const state = replay(db);
    expect([...state.excluded].sort()).toEqual([1, 2]);
    expect([...state.notDuplicates].sort()).toEqual([pairKey(3, 4), pairKey(3, 5), pairKey(4, 5)].sort());
    record(db, [{ op: 'relabel', ids: [1], label: 'dog' }]);
    expect(replay(db).labels).toEqual(new Map([[1, 'dog']]));
  });

  it('undoes and redoes any number of steps; a new decision clears the redo chain', () => {
    record(db, [{ op: 'exclude', ids: [1] }]);
    record(db, [{ op: 'exclude', ids: [2] }]);
    record(db, [{ op: 'exclude', ids: [3] }]);
    expect(undo(db)).toBe(true);
    expect(undo(db)).toBe(true);
    expect(excluded()).toEqual([1]);
    expect(replay(db)).toMatchObject({ undoable: 1, redoable: 2 });
    expect(redo(db)).toBe(true);
    expect(excluded()).toEqual([1, 2]);
    record(db, [{ op: 'exclude', ids: [26] }]);
    expect(redo(db)).toBe(false);
    expect(excluded()).toEqual([1, 2, 26]);
    expect(undo(db) && undo(db) && undo(db)).toBe(true);
    expect(undo(db)).toBe(false);
    expect(excluded()).toEqual([]);
  });

  it('undoes a bulk action (one batch of many decisions) as one step', () => {
    record(db, [
      { op: 'keep', keep: 1, exclude: [2] },
      { op: 'keep', keep: 3, exclude: [4, 5] },
    ]);
    expect(excluded()).toEqual([2, 4, 5]);
    undo(db);
    expect(excluded()).toEqual([]);
    redo(db);
    expect(excluded()).toEqual([2, 4, 5]);
  });

  it('never deletes journal rows', () => {
    record(db, [{ op: 'exclude', ids: [1] }]);
    undo(db);
    redo(db);
    expect(db.prepare('SELECT op FROM journal ORDER BY seq').all()).toEqual([{ op: 'exclude' }, { op: 'undo' }, { op: 'redo' }]);
  });
});

describe('syncDecisions', () => {
  it('materialises exclusions and labels per image: an identical copy is left alone, and so are missing and failed rows', () => {
    db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/d', 'folders', 0)").run();
    db.prepare("INSERT INTO labels(name) VALUES ('cat')").run();
    const add = db.prepare(
      'INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, label_id, source_label_id, status, indexed_at) VALUES (1, ?, ?, 1, 1, ?, 1, 1, ?, 0)',
    );
    const x1 = Number(add.run(Buffer.from('x1'), 'x1', 'X', 'active').lastInsertRowid);
    add.run(Buffer.from('x2'), 'x2', 'X', 'active'); // an exact copy of x1
    const y = Number(add.run(Buffer.from('y'), 'y', 'Y', 'active').lastInsertRowid);
    const gone = Number(add.run(Buffer.from('gone'), 'gone', 'X', 'missing').lastInsertRowid);
    record(db, [
      { op: 'exclude', ids: [x1, gone] },
      { op: 'relabel', ids: [y], label: 'dog' },
    ]);
    syncDecisions(db);
    const rows = () =>
      db.prepare('SELECT rel_path AS p, status, (SELECT name FROM labels WHERE id = label_id) AS label FROM images ORDER BY p').all();
    expect(rows()).toEqual([
      { p: 'gone', status: 'missing', label: 'cat' },
      { p: 'x1', status: 'excluded', label: 'cat' },
      { p: 'x2', status: 'active', label: 'cat' },
      { p: 'y', status: 'active', label: 'dog' },
    ]);
    undo(db);
    syncDecisions(db);
    expect(rows()).toEqual([
      { p: 'gone', status: 'missing', label: 'cat' },
      { p: 'x1', status: 'active', label: 'cat' },
      { p: 'x2', status: 'active', label: 'cat' },
      { p: 'y', status: 'active', label: 'cat' },
    ]);
  });

  it('records a decision and applies it in one transaction: a failure while applying leaves neither', () => {
    db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/d', 'folders', 0)").run();
    const id = Number(
      db
        .prepare(
          "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, status, indexed_at) VALUES (1, x'61', 'a', 1, 1, 'A', 'active', 0)",
        )
        .run().lastInsertRowid,
    );
    // Any write to images fails from now on, as a crash between the two steps would leave it.
    db.exec("CREATE TRIGGER no_updates BEFORE UPDATE ON images BEGIN SELECT RAISE(ABORT, 'disk gone'); END");
    expect(() => commitDecisions(db, [{ op: 'exclude', ids: [id] }])).toThrow(/disk gone/);
    expect(db.prepare('SELECT count(*) AS n FROM journal').get()).toEqual({ n: 0 });
    db.exec('DROP TRIGGER no_updates');
    expect(commitDecisions(db, [{ op: 'exclude', ids: [id] }]).excluded).toEqual(new Set([id]));
    expect(db.prepare('SELECT status FROM images WHERE id = ?').get(id)).toEqual({ status: 'excluded' });
  });
});
