// What a writable open settles before any command reads the catalog: work a crash left owed
// (owed.ts), so that every reader of clusters (dups, folds, resolve, the app) sees fresh ones; and
// images that do not show the decisions journal (decisions are applied in the transaction that
// records them, so only a write from outside or an old bug gets here) get the journal's state.
import type Database from 'better-sqlite3';
import { refreshClusters } from '../dups/clusters.ts';
import { reapplyDecisions } from '../decisions/sync.ts';
import { clearClustersOwed, clustersOwed } from './owed.ts';

/** `notice` hears one sentence per repair made. */
export function settleAtOpen(db: Database.Database, file: string, notice: (sentence: string) => void): void {
  const disagreed = reapplyDecisions(db);
  if (disagreed > 0) {
    notice(
      `${file}: ${disagreed} image(s) did not show the decisions recorded for them (an interrupted or outside write); they were set from the decisions again.`,
    );
  }
  if (clustersOwed(db)) {
    // null: the rule of the last run is gone; nothing to refresh, so nothing is owed either.
    if (refreshClusters(db) === null) clearClustersOwed(db);
  }
}
