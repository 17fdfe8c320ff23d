// Work a committed change still owes the catalog. An import (or a source removal) commits its rows
// before the cluster refresh they imply; a crash in between would leave clusters that no longer
// match the images, and the next import, finding nothing changed, would never refresh them. So the
// change records the debt in its own transaction and the refresh clears it in its own: whoever
// opens the catalog next for writing pays it (open-checks.ts).
import type Database from 'better-sqlite3';
import { getSetting } from './catalog.ts';

const CLUSTERS_OWED = 'clusters.owed';

/** Call inside the transaction that changes images; a no-op for a catalog never clustered. */
export function markClustersOwed(db: Database.Database): void {
  if (!db.prepare('SELECT 1 FROM cluster_runs LIMIT 1').get()) return;
  db.prepare("INSERT INTO settings(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run(CLUSTERS_OWED);
}

export const clustersOwed = (db: Database.Database): boolean => getSetting(db, CLUSTERS_OWED) === '1';

/** Call inside the transaction that stores fresh clusters. */
export function clearClustersOwed(db: Database.Database): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(CLUSTERS_OWED);
}
