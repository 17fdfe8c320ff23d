// The folders a catalog was imported from: listing them, remembering each one's label spec (so a
// re-scan can repeat it) and removing one. Removing only forgets rows; no file is ever touched.
import type Database from 'better-sqlite3';
import { refreshClusters } from '../dups/clusters.ts';
import type { LabelSpec } from '../scan/labels.ts';
import { getSetting, setSetting } from './catalog.ts';
import { markClustersOwed } from './owed.ts';

export interface SourceInfo {
  id: number;
  /** Absolute, symlinks resolved, no trailing '/'. */
  root: string;
  labels: LabelSpec;
  /** The JSON label map the CSV's values went through, if any. */
  labelMap: string | null;
  /** Rows of any status. */
  images: number;
  addedAt: number;
  lastImportAt: number | null;
}

// The sources table (schema v1) has no column for the label map, and its schema belongs to the
// migrations; a setting per source id keeps the whole spec without one.
const labelMapKey = (id: number): string => `sources.${id}.labelMap`;

/** Creates or updates the source for `root`; the spec given replaces the stored one. Returns its id. */
export function saveSource(db: Database.Database, root: string, labels: LabelSpec, labelMap: string | null): number {
  const labelArg = labels.mode === 'csv' ? labels.file : null;
  db.prepare(
    `INSERT INTO sources(root, label_mode, label_arg, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(root) DO UPDATE SET label_mode = excluded.label_mode, label_arg = excluded.label_arg`,
  ).run(root, labels.mode, labelArg, Date.now());
  const id = (db.prepare('SELECT id FROM sources WHERE root = ?').get(root) as { id: number }).id;
  // Written every time (empty = none): an id SQLite reuses after a removal never inherits a stale map.
  setSetting(db, labelMapKey(id), labels.mode === 'csv' && labelMap ? labelMap : '');
  return id;
}

interface SourceRow {
  id: number;
  root: string;
  labelMode: string;
  labelArg: string | null;
  images: number;
  addedAt: number;
  lastImportAt: number | null;
}

const SELECT_SOURCES = `
  SELECT s.id, s.root, s.label_mode AS labelMode, s.label_arg AS labelArg, s.added_at AS addedAt,
         s.last_import_at AS lastImportAt, (SELECT count(*) FROM images i WHERE i.source_id = s.id) AS images
  FROM sources s`;

function toInfo(db: Database.Database, r: SourceRow): SourceInfo {
  const labels: LabelSpec =
    r.labelMode === 'csv' && r.labelArg
      ? { mode: 'csv', file: r.labelArg }
      : r.labelMode === 'none'
        ? { mode: 'none' }
        : { mode: 'folders' };
  const labelMap = labels.mode === 'csv' ? getSetting(db, labelMapKey(r.id)) || null : null;
  return { id: r.id, root: r.root, labels, labelMap, images: r.images, addedAt: r.addedAt, lastImportAt: r.lastImportAt };
}

/** Every source, by folder. */
export function listSources(db: Database.Database): SourceInfo[] {
  return (db.prepare(`${SELECT_SOURCES} ORDER BY s.root`).all() as SourceRow[]).map((r) => toInfo(db, r));
}

export function findSource(db: Database.Database, id: number): SourceInfo | null {
  const row = db.prepare(`${SELECT_SOURCES} WHERE s.id = ?`).get(id) as SourceRow | undefined;
  return row ? toInfo(db, row) : null;
}

/** Deletes a source entry whose rows are already gone or moved elsewhere (with its stored label map). */
export function deleteSourceEntry(db: Database.Database, id: number): void {
  db.prepare('DELETE FROM sources WHERE id = ?').run(id);
  db.prepare('DELETE FROM settings WHERE key = ?').run(labelMapKey(id));
}

export interface RemovedSource {
  root: string;
  /** Rows dropped from the catalog (the files stay where they are). */
  images: number;
  /** Near-duplicate clusters afterwards; null when this catalog was never clustered. */
  clusters: number | null;
}

/**
 * Forgets a source: its rows go, and with them (ON DELETE CASCADE) their hashes, cluster memberships
 * and fold assignments; the decisions journal is left as it is. Clusters are brought up to date so
 * none lists a forgotten image.
 */
export function removeSource(db: Database.Database, id: number): RemovedSource | null {
  const source = findSource(db, id);
  if (!source) return null;
  const images = db.transaction(() => {
    const n = db.prepare('DELETE FROM images WHERE source_id = ?').run(id).changes;
    deleteSourceEntry(db, id);
    markClustersOwed(db);
    return n;
  })();
  const run = refreshClusters(db);
  return { root: source.root, images, clusters: run ? run.clusters.length : null };
}
