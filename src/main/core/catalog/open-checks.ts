// What a writable open settles before any command reads the catalog: work a crash left owed
// (owed.ts), so that every reader of clusters (dups, folds, resolve, the app) sees fresh ones.
import type Database from 'better-sqlite3';
import { refreshClusters } from '../dups/clusters.ts';
import { clearClustersOwed, clustersOwed } from './owed.ts';

export function settleAtOpen(db: Database.Database): void {
  if (clustersOwed(db)) {
    // null: the rule of the last run is gone; nothing to refresh, so nothing is owed either.
    if (refreshClusters(db) === null) clearClustersOwed(db);
  }
}
