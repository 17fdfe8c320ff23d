// Reads of the active images (those that folds and exports use) for the export form's preview and
// estimate. Ordered by (source root, path bytes): the order the export plan and `winnow list` use.
import type Database from 'better-sqlite3';

export interface ActiveImage {
  id: number;
  root: string;
  pathBytes: Buffer;
  relPath: string;
  sha256: string;
  size: number;
  width: number;
  height: number;
  format: string;
  label: string | null;
}

const ACTIVE = `SELECT i.id, s.root, i.path_bytes AS pathBytes, i.rel_path AS relPath, i.sha256, i.size, i.width, i.height, i.format, l.name AS label
  FROM images i JOIN sources s ON s.id = i.source_id LEFT JOIN labels l ON l.id = i.label_id WHERE i.status = 'active'`;

export function activeCount(db: Database.Database): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM images WHERE status = 'active'`).get() as { n: number }).n;
}

/** The active image `id` and its place in path order, or null when it is not active. */
export function activeImageById(db: Database.Database, id: number): { image: ActiveImage; index: number } | null {
  const image = db.prepare(`${ACTIVE} AND i.id = ?`).get(id) as ActiveImage | undefined;
  if (!image) return null;
  const before = db
    .prepare(
      `SELECT COUNT(*) AS n FROM images i JOIN sources s ON s.id = i.source_id WHERE i.status = 'active' AND (s.root, i.path_bytes) < (?, ?)`,
    )
    .get(image.root, image.pathBytes) as { n: number };
  return { image, index: before.n };
}

/** The index-th active image in path order (0-based), or null past the end. */
export function activeImageAt(db: Database.Database, index: number): ActiveImage | null {
  return (db.prepare(`${ACTIVE} ORDER BY s.root, i.path_bytes LIMIT 1 OFFSET ?`).get(index) as ActiveImage | undefined) ?? null;
}

/** What the catalog knows of a file's encoding (null where it could not be read). */
export interface StoredImageInfo {
  size: number;
  width: number | null;
  height: number | null;
  format: string | null;
  channels: number | null;
}

/** Size, dimensions and format of every active image, by id. */
export function activeImageInfo(db: Database.Database): Map<number, StoredImageInfo> {
  const rows = db
    .prepare(`SELECT id, size, width, height, format, channels FROM images WHERE status = 'active'`)
    .all() as (StoredImageInfo & {
    id: number;
  })[];
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * A key that changes whenever the images a pHash sweep reads change. They change only through
 * imports (new ids, new indexed_at, statuses leaving active/excluded), so three numbers say it.
 */
export function sweepInputsKey(db: Database.Database): string {
  const s = db
    .prepare("SELECT count(*) AS n, max(i.id) AS id, max(i.indexed_at) AS at FROM images i WHERE i.status IN ('active', 'excluded')")
    .get() as { n: number; id: number | null; at: number | null };
  return `${s.n}:${s.id}:${s.at}`;
}
