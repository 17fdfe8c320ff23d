// Read-only catalog queries the UI needs and the CLI does not (paged, filtered, counted): kept out of
// core so the screens can page through 100k rows without loading them all.
import type Database from 'better-sqlite3';
import type { CatalogSummary, Failure, ImageItem, ImagePage, ImageSort, ImageStatus } from '../../../shared/contract.ts';
import { IMAGE_STATUSES } from '../../../shared/contract.ts';
import { absolutePath } from './images.ts';
import { listSources } from './sources.ts';

export function catalogSummary(db: Database.Database, path: string): CatalogSummary {
  const statuses = Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as Record<ImageStatus, number>;
  let images = 0;
  for (const r of db.prepare('SELECT status, COUNT(*) AS n FROM images GROUP BY status').all() as { status: ImageStatus; n: number }[]) {
    statuses[r.status] = r.n;
    images += r.n;
  }
  const labels = db
    .prepare(
      `SELECT l.name AS name, SUM(i.status = 'active') AS active, COUNT(*) AS total
       FROM images i LEFT JOIN labels l ON l.id = i.label_id
       GROUP BY i.label_id ORDER BY active DESC, total DESC, name`,
    )
    .all() as CatalogSummary['labels'];
  const sources = listSources(db).map(({ id, root, labels, labelMap, images, lastImportAt }) => ({
    id,
    root,
    labels,
    labelMap,
    images,
    lastImportAt,
  }));
  return { path, images, statuses, labels, sources };
}

export interface ListFilter {
  offset: number;
  limit: number;
  label?: string;
  status?: ImageStatus;
  sort?: ImageSort;
}

/** `path` (the default) follows the (source, path) index, fast at 100k rows; the others sort in a temp
 * B-tree. Each order ends on the unique (source, path) so that pages never overlap or skip a row. */
const ORDER_BY: Record<ImageSort, string> = {
  label: 'l.name IS NULL, l.name, i.source_id, i.path_bytes',
  path: 'i.source_id, i.path_bytes',
  size: 'i.size DESC, i.source_id, i.path_bytes',
  date: 'i.mtime_ms DESC, i.source_id, i.path_bytes',
};

export function listImagePage(db: Database.Database, f: ListFilter): ImagePage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.status !== undefined) {
    where.push('i.status = ?');
    params.push(f.status);
  }
  if (f.label === '') where.push('i.label_id IS NULL');
  else if (f.label !== undefined) {
    where.push('l.name = ?');
    params.push(f.label);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM images i LEFT JOIN labels l ON l.id = i.label_id';
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from} ${clause}`).get(...params) as { n: number }).n;
  const items = db
    .prepare(
      `SELECT i.id, i.rel_path AS path, l.name AS label, i.status, i.width, i.height, i.format
       ${from} ${clause} ORDER BY ${ORDER_BY[f.sort ?? 'path']} LIMIT ? OFFSET ?`,
    )
    .all(...params, f.limit, f.offset) as ImageItem[];
  return { total, offset: f.offset, items };
}

export function failedImages(db: Database.Database): Failure[] {
  return db
    .prepare(
      `SELECT i.id, i.rel_path AS path, s.root AS source, COALESCE(i.error, 'unreadable') AS error
       FROM images i JOIN sources s ON s.id = i.source_id WHERE i.status = 'error' ORDER BY s.root, i.path_bytes`,
    )
    .all() as Failure[];
}

export interface ImageLocation {
  /** Built only from the catalog's own columns (source root + stored relative bytes). */
  file: Buffer;
  sha256: string | null;
  status: ImageStatus;
  size: number;
  mtimeMs: number;
}

export function imageLocation(db: Database.Database, id: number): ImageLocation | null {
  const row = db
    .prepare(
      `SELECT s.root, i.path_bytes AS pathBytes, i.sha256, i.status, i.size, i.mtime_ms AS mtimeMs
       FROM images i JOIN sources s ON s.id = i.source_id WHERE i.id = ?`,
    )
    .get(id) as { root: string; pathBytes: Buffer; sha256: string | null; status: ImageStatus; size: number; mtimeMs: number } | undefined;
  if (!row) return null;
  const file = absolutePath(row.root, row.pathBytes);
  return { file, sha256: row.sha256, status: row.status, size: row.size, mtimeMs: row.mtimeMs };
}

/** The absolute path of image `id`'s file, or null when the catalog has no such image. */
export function imageFile(db: Database.Database, id: number): Buffer | null {
  return imageLocation(db, id)?.file ?? null;
}
