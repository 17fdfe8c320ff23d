import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { pairKey, record, redo, replay, undo } from '../../src/main/core/decisions/journal.ts';
import { syncDecisions } from '../../src/main/core/decisions/sync.ts';
import { tempDir } from '../helpers/fixtures.ts';

let dir: { path: string; cleanup: () => void };
let db: Database.Database;
beforeEach(() => {
  dir = tempDir();
  db = openCatalog(join(dir.path, 'c.winnow'));
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const excluded = (): string[] => [...replay(db).excluded].sort();

describe('decisions journal', () => {
  it('replays keep / exclude / not-duplicates / relabel in order, later decisions winning', () => {
    record(db, [{ op: 'keep', keep: 'a', exclude: ['a', 'b', 'c'] }]);
    expect(excluded()).toEqual(['b', 'c']);
    record(db, [{ op: 'exclude', shas: ['a', 'd'] }]);
    expect(excluded()).toEqual(['a', 'b', 'c', 'd']);
    record(db, [{ op: 'not-duplicates', shas: ['c', 'd', 'e'] }]);
    const state = replay(db);
    expect([...state.excluded].sort()).toEqual(['a', 'b']);
    expect([...state.notDuplicates].sort()).toEqual([pairKey('c', 'd'), pairKey('c', 'e'), pairKey('d', 'e')].sort());
    record(db, [{ op: 'relabel', shas: ['a'], label: 'dog' }]);
    expect(replay(db).labels).toEqual(new Map([['a', 'dog']]));
  });

  it('undoes and redoes any number of steps; a new decision clears the redo chain', () => {
    record(db, [{ op: 'exclude', shas: ['a'] }]);
    record(db, [{ op: 'exclude', shas: ['b'] }]);
    record(db, [{ op: 'exclude', shas: ['c'] }]);
    expect(undo(db)).toBe(true);
    expect(undo(db)).toBe(true);
    expect(excluded()).toEqual(['a']);
    expect(replay(db)).toMatchObject({ undoable: 1, redoable: 2 });
    expect(redo(db)).toBe(true);
    expect(excluded()).toEqual(['a', 'b']);
    record(db, [{ op: 'exclude', shas: ['z'] }]);
    expect(redo(db)).toBe(false);
    expect(excluded()).toEqual(['a', 'b', 'z']);
    expect(undo(db) && undo(db) && undo(db)).toBe(true);
    expect(undo(db)).toBe(false);
    expect(excluded()).toEqual([]);
  });

  it('undoes a bulk action (one batch of many decisions) as one step', () => {
    record(db, [
      { op: 'keep', keep: 'a', exclude: ['b'] },
      { op: 'keep', keep: 'c', exclude: ['d', 'e'] },
    ]);
    expect(excluded()).toEqual(['b', 'd', 'e']);
    undo(db);
    expect(excluded()).toEqual([]);
    redo(db);
    expect(excluded()).toEqual(['b', 'd', 'e']);
  });

  it('never deletes journal rows', () => {
    record(db, [{ op: 'exclude', shas: ['a'] }]);
    undo(db);
    redo(db);
    expect(db.prepare('SELECT op FROM journal ORDER BY seq').all()).toEqual([{ op: 'exclude' }, { op: 'undo' }, { op: 'redo' }]);
  });
});

describe('syncDecisions', () => {
  it('materialises exclusions and labels on every row with that content, leaving missing and failed rows alone', () => {
    db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/d', 'folders', 0)").run();
    db.prepare("INSERT INTO labels(name) VALUES ('cat')").run();
    const add = db.prepare(
      'INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, label_id, source_label_id, status, indexed_at) VALUES (1, ?, ?, 1, 1, ?, 1, 1, ?, 0)',
    );
    add.run(Buffer.from('x1'), 'x1', 'X', 'active');
    add.run(Buffer.from('x2'), 'x2', 'X', 'active'); // an exact copy of x1
    add.run(Buffer.from('y'), 'y', 'Y', 'active');
    add.run(Buffer.from('gone'), 'gone', 'X', 'missing');
    record(db, [{ op: 'exclude', shas: ['X'] }, { op: 'relabel', shas: ['Y'], label: 'dog' }]);
    syncDecisions(db);
    const rows = () =>
      db.prepare('SELECT rel_path AS p, status, (SELECT name FROM labels WHERE id = label_id) AS label FROM images ORDER BY p').all();
    expect(rows()).toEqual([
      { p: 'gone', status: 'missing', label: 'cat' },
      { p: 'x1', status: 'excluded', label: 'cat' },
      { p: 'x2', status: 'excluded', label: 'cat' },
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
});
