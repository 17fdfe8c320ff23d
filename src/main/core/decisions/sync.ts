import type Database from 'better-sqlite3';
import { replay, type DecisionState } from './journal.ts';

/**
 * Writes the journal's current state into the images table: `excluded` for excluded content,
 * `active` again for content no longer excluded, and the user's label where there is one (else the
 * label the import found). Missing and failed rows keep their status. Returns the state applied.
 */
export function syncDecisions(db: Database.Database): DecisionState {
  const state = replay(db);
  // No decision was ever recorded: the import's own statuses and labels are already the truth, and
  // the two whole-table updates below would cost seconds on a million-image catalog.
  if (!db.prepare('SELECT 1 FROM journal LIMIT 1').get()) return state;
  db.transaction(() => {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS sync_excluded (sha256 TEXT PRIMARY KEY);
             CREATE TEMP TABLE IF NOT EXISTS sync_labels (sha256 TEXT PRIMARY KEY, label_id INTEGER);
             DELETE FROM sync_excluded; DELETE FROM sync_labels;`);
    const addExcluded = db.prepare('INSERT OR IGNORE INTO sync_excluded VALUES (?)');
    for (const sha of state.excluded) addExcluded.run(sha);
    const labelId = labelIds(db);
    const addLabel = db.prepare('INSERT OR REPLACE INTO sync_labels VALUES (?, ?)');
    for (const [sha, name] of state.labels) addLabel.run(sha, labelId(name));
    db.exec(`
      UPDATE images SET status = CASE WHEN sha256 IN (SELECT sha256 FROM sync_excluded) THEN 'excluded' ELSE 'active' END
        WHERE status IN ('active', 'excluded');
      UPDATE images SET label_id = coalesce((SELECT label_id FROM sync_labels s WHERE s.sha256 = images.sha256), source_label_id);
    `);
  })();
  return state;
}

function labelIds(db: Database.Database): (name: string) => number {
  const find = db.prepare('SELECT id FROM labels WHERE name = ?');
  const insert = db.prepare('INSERT INTO labels(name) VALUES (?)');
  return (name) => {
    const row = find.get(name) as { id: number } | undefined;
    return row ? row.id : Number(insert.run(name).lastInsertRowid);
  };
}
