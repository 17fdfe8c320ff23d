import type Database from 'better-sqlite3';
import type { ImageFeatures, ImageHashes } from '../hashing/hash-image.ts';
import { markClustersOwed } from './owed.ts';

import type { ImageItem, ImageStatus } from '../../../shared/contract-types.ts';

export type { ImageStatus };

export interface KnownImage {
  id: number;
  pathBytes: Buffer;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  status: ImageStatus;
  /** False for rows indexed before the matching features existed (schema v1): read them again. */
  hasFeatures: boolean;
}

/** What one file contributes to its row; `hashes` is null for files that failed. */
export interface ImageRecord {
  pathBytes: Buffer;
  relPath: string;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  width: number | null;
  height: number | null;
  format: string | null;
  channels: number | null;
  labelId: number | null;
  status: ImageStatus;
  error: string | null;
  hashes: ImageHashes | null;
  features: ImageFeatures | null;
}

const HASH_NAMES = ['ahash', 'phash', 'dhash', 'whash', 'blockhash'] as const;
const HASH_COLUMNS = [...HASH_NAMES, 'phash_mirror', 'dhash_mirror', 'thumb'] as const;

/** Hashes are unsigned 64-bit values; SQLite integers are signed, so store the same 8 bytes signed. */
export const toSqlInt = (h: bigint): bigint => BigInt.asIntN(64, h);
export const fromSqlInt = (v: bigint | number): bigint => BigInt.asUintN(64, BigInt(v));

/** Where an image lives: its source's root joined with its stored relative path, byte for byte. */
export const absolutePath = (root: string, pathBytes: Buffer): Buffer => Buffer.concat([Buffer.from(root), Buffer.from('/'), pathBytes]);

export function knownImages(db: Database.Database, sourceId: number): KnownImage[] {
  return db
    .prepare(
      `SELECT i.id, i.path_bytes AS pathBytes, i.size, i.mtime_ms AS mtimeMs, i.sha256, i.status,
              h.thumb IS NOT NULL AS hasFeatures
       FROM images i LEFT JOIN hashes h ON h.image_id = i.id WHERE i.source_id = ?`,
    )
    .all(sourceId)
    .map((r) => ({ ...(r as KnownImage), hasFeatures: Boolean((r as { hasFeatures: number }).hasFeatures) }));
}

/** Prepared writes for one import; call them inside a transaction. */
export class ImageWriter {
  private readonly db: Database.Database;
  private readonly sourceId: number;
  private readonly labelIds = new Map<string, number>();
  private readonly stmts;
  /** Whether the open transaction wrote a row or a status (what clusters depend on). */
  private touched = false;

  constructor(db: Database.Database, sourceId: number) {
    this.db = db;
    this.sourceId = sourceId;
    const cols =
      'path_bytes, rel_path, size, mtime_ms, sha256, width, height, format, channels, label_id, source_label_id, status, error, indexed_at';
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO images(source_id, ${cols}) VALUES (?, ${cols
          .split(',')
          .map(() => '?')
          .join(', ')})`,
      ),
      update: db.prepare(
        `UPDATE images SET (${cols}) = (${cols
          .split(',')
          .map(() => '?')
          .join(', ')}) WHERE id = ?`,
      ),
      upsertHashes: db.prepare(
        `INSERT INTO hashes(image_id, ${HASH_COLUMNS.join(', ')}) VALUES (?, ${HASH_COLUMNS.map(() => '?').join(', ')})
         ON CONFLICT(image_id) DO UPDATE SET ${HASH_COLUMNS.map((h) => `${h} = excluded.${h}`).join(', ')}`,
      ),
      deleteHashes: db.prepare('DELETE FROM hashes WHERE image_id = ?'),
      setStatus: db.prepare('UPDATE images SET status = ? WHERE id = ?'),
      setLabel: db.prepare(
        'UPDATE images SET label_id = @label, source_label_id = @label WHERE id = @id AND source_label_id IS NOT @label',
      ),
      findLabel: db.prepare('SELECT id, code FROM labels WHERE name = ?'),
      insertLabel: db.prepare('INSERT INTO labels(name, code) VALUES (?, ?)'),
      setLabelCode: db.prepare('UPDATE labels SET code = ? WHERE id = ?'),
    };
  }

  labelId(label: { name: string; code: number | null } | null): number | null {
    if (!label) return null;
    const cached = this.labelIds.get(label.name);
    if (cached !== undefined) return cached;
    const row = this.stmts.findLabel.get(label.name) as { id: number; code: number | null } | undefined;
    let id: number;
    if (row) {
      id = row.id;
      if (row.code === null && label.code !== null) this.stmts.setLabelCode.run(label.code, id);
    } else {
      id = Number(this.stmts.insertLabel.run(label.name, label.code).lastInsertRowid);
    }
    this.labelIds.set(label.name, id);
    return id;
  }

  /** Writes a row (a new one when `id` is null) and its hashes; returns the row id. */
  write(id: number | null, r: ImageRecord): number {
    const values = [
      r.pathBytes,
      r.relPath,
      r.size,
      r.mtimeMs,
      r.sha256,
      r.width,
      r.height,
      r.format,
      r.channels,
      r.labelId,
      r.labelId,
      r.status,
      r.error,
      Date.now(),
    ];
    this.touched = true;
    if (id === null) id = Number(this.stmts.insert.run(this.sourceId, ...values).lastInsertRowid);
    else this.stmts.update.run(...values, id);
    if (r.hashes && r.features) {
      const f = r.features;
      this.stmts.upsertHashes.run(
        id,
        ...HASH_NAMES.map((h) => toSqlInt(r.hashes![h])),
        toSqlInt(f.phashMirror),
        toSqlInt(f.dhashMirror),
        f.thumb,
      );
    } else this.stmts.deleteHashes.run(id);
    return id;
  }

  setStatus(id: number, status: ImageStatus): void {
    this.touched = true;
    this.stmts.setStatus.run(status, id);
  }

  /** Sets the label the import found; syncDecisions() then applies any relabel decision on top. */
  setLabel(id: number, labelId: number | null): void {
    this.stmts.setLabel.run({ label: labelId, id });
  }

  /** Runs `fn` in one transaction which, if it changed rows, also records that clusters are owed a refresh. */
  transaction(fn: () => void): void {
    this.db.transaction(() => {
      this.touched = false;
      fn();
      if (this.touched) markClustersOwed(this.db);
    })();
  }
}

/** A row of `winnow list`: the Library's item without its id, plus content hashes. */
export interface ImageListRow extends Omit<ImageItem, 'id'> {
  sha256: string | null;
  ahash: string | null;
  phash: string | null;
  dhash: string | null;
  whash: string | null;
  blockhash: string | null;
  error: string | null;
  source: string;
}

export const hex16 = (h: bigint): string => h.toString(16).padStart(16, '0');

/** Every image of the catalog, ordered by source and path; hashes as 16-digit hex. */
export function listImages(db: Database.Database): ImageListRow[] {
  const stmt = db
    .prepare(
      `SELECT i.rel_path AS path, l.name AS label, i.status, i.width, i.height, i.format, i.sha256,
              h.ahash, h.phash, h.dhash, h.whash, h.blockhash, i.error, s.root AS source
       FROM images i JOIN sources s ON s.id = i.source_id
       LEFT JOIN labels l ON l.id = i.label_id LEFT JOIN hashes h ON h.image_id = i.id
       ORDER BY s.root, i.path_bytes`,
    )
    .safeIntegers(true);
  return (stmt.all() as Record<string, unknown>[]).map((r) => {
    const num = (v: unknown): number | null => (v === null ? null : Number(v));
    const hash = (v: unknown): string | null => (v === null ? null : hex16(fromSqlInt(v as bigint)));
    return {
      path: r['path'] as string,
      label: r['label'] as string | null,
      status: r['status'] as ImageStatus,
      width: num(r['width']),
      height: num(r['height']),
      format: r['format'] as string | null,
      sha256: r['sha256'] as string | null,
      ahash: hash(r['ahash']),
      phash: hash(r['phash']),
      dhash: hash(r['dhash']),
      whash: hash(r['whash']),
      blockhash: hash(r['blockhash']),
      error: r['error'] as string | null,
      source: r['source'] as string,
    };
  });
}

/**
 * Makes the next import read these rows' files again (an impossible mtime never matches the file's):
 * for files found changed without a change of size or mtime. False when the catalog is read-only.
 */
export function markForReread(db: Database.Database, ids: readonly number[]): boolean {
  if (db.readonly) return false;
  try {
    const mark = db.prepare('UPDATE images SET mtime_ms = -1 WHERE id = ?');
    db.transaction(() => {
      for (const id of ids) mark.run(id);
    })();
    return true;
  } catch {
    return false; // e.g. the file is read-only although opened for writing: --rehash still works
  }
}
