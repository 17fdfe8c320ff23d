import type Database from 'better-sqlite3';
import { record, redo, replay, undo, type Decision, type DecisionState } from './journal.ts';

/**
 * Writes the journal's current state into the images table: `excluded` for excluded images,
 * `active` again for images no longer excluded, and the user's label where there is one (else the
 * label the import found). Missing and failed rows keep their status. Returns the state applied.
 * Runs in one transaction (nested in the caller's, when there is one).
 */
export function syncDecisions(db: Database.Database): DecisionState {
  const state = replay(db);
  // No decision was ever recorded: the import's own statuses and labels are already the truth, and
  // the two whole-table updates below would cost seconds on a million-image catalog.
  if (!db.prepare('SELECT 1 FROM journal LIMIT 1').get()) return state;
  db.transaction(() => {
    stage(db, state);
    db.exec(`
      UPDATE images SET status = CASE WHEN id IN (SELECT id FROM sync_excluded) THEN 'excluded' ELSE 'active' END
        WHERE status IN ('active', 'excluded');
      UPDATE images SET label_id = coalesce((SELECT label_id FROM sync_labels s WHERE s.id = images.id), source_label_id);
    `);
  })();
  return state;
}

/**
 * Checks that the images show the journal's state (a write from outside Winnow, or a bug, could have
 * changed one without the other) and, if not, applies the journal again, in one transaction.
 * Returns how many images disagreed.
 */
export function reapplyDecisions(db: Database.Database): number {
  if (!db.prepare('SELECT 1 FROM journal LIMIT 1').get()) return 0;
  return db.transaction(() => {
    stage(db, replay(db));
    const { n } = db
      .prepare(
        `
      SELECT count(*) AS n FROM images WHERE
        (status IN ('active', 'excluded') AND (status = 'excluded') <> (id IN (SELECT id FROM sync_excluded)))
        OR label_id IS NOT coalesce((SELECT label_id FROM sync_labels s WHERE s.id = images.id), source_label_id)`,
      )
      .get() as { n: number };
    if (n > 0) syncDecisions(db);
    return n;
  })();
}

/** The journal's state as two temp tables: excluded ids, and user labels as label ids. */
function stage(db: Database.Database, state: DecisionState): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS sync_excluded (id INTEGER PRIMARY KEY);
           CREATE TEMP TABLE IF NOT EXISTS sync_labels (id INTEGER PRIMARY KEY, label_id INTEGER);
           DELETE FROM sync_excluded; DELETE FROM sync_labels;`);
  const addExcluded = db.prepare('INSERT OR IGNORE INTO sync_excluded VALUES (?)');
  for (const id of state.excluded) addExcluded.run(id);
  const labelId = labelIds(db);
  const addLabel = db.prepare('INSERT OR REPLACE INTO sync_labels VALUES (?, ?)');
  for (const [id, name] of state.labels) addLabel.run(id, labelId(name));
}

/**
 * Records one user action and applies it to the images in ONE transaction: a crash can never leave
 * decisions in the journal that the images (and so folds and exports) do not show.
 */
export function commitDecisions(db: Database.Database, decisions: Decision[]): DecisionState {
  return db.transaction(() => {
    record(db, decisions);
    return syncDecisions(db);
  })();
}

/** Undo or redo and its effect on the images, in one transaction; `done` is false when there was nothing to step. */
export function stepDecisions(db: Database.Database, which: 'undo' | 'redo'): { done: boolean; state: DecisionState } {
  return db.transaction(() => {
    const done = which === 'undo' ? undo(db) : redo(db);
    return { done, state: syncDecisions(db) };
  })();
}

function labelIds(db: Database.Database): (name: string) => number {
  const find = db.prepare('SELECT id FROM labels WHERE name = ?');
  const insert = db.prepare('INSERT INTO labels(name) VALUES (?)');
  return (name) => {
    const row = find.get(name) as { id: number } | undefined;
    return row ? row.id : Number(insert.run(name).lastInsertRowid);
  };
}
