import type Database from 'better-sqlite3';
import { journalByImage } from './migrate-journal.ts';
import { UserError } from '../errors.ts';

// Numbered, append-only migrations (Signal Desktop style): the schema version lives in
// PRAGMA user_version; a catalog written by a newer Winnow is refused rather than guessed at.
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sources, images, hashes, labels, settings',
    up(db) {
      db.exec(`
        CREATE TABLE sources (
          id INTEGER PRIMARY KEY,
          root TEXT NOT NULL UNIQUE,
          label_mode TEXT NOT NULL,
          label_arg TEXT,
          added_at INTEGER NOT NULL,
          last_import_at INTEGER
        );
        CREATE TABLE labels (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          code INTEGER -- the dataset's own class number (CSV value / label-map key), when it has one
        );
        CREATE TABLE images (
          id INTEGER PRIMARY KEY,
          source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
          path_bytes BLOB NOT NULL,   -- relative path exactly as the file system names it
          rel_path TEXT NOT NULL,     -- the same, for display ('/' separators, lossy if not UTF-8)
          size INTEGER NOT NULL,
          mtime_ms INTEGER NOT NULL,
          sha256 TEXT,
          width INTEGER,
          height INTEGER,
          format TEXT,
          channels INTEGER,
          label_id INTEGER REFERENCES labels(id),
          status TEXT NOT NULL CHECK (status IN ('active', 'excluded', 'missing', 'error')),
          error TEXT,
          indexed_at INTEGER NOT NULL,
          UNIQUE (source_id, path_bytes)
        );
        CREATE INDEX images_sha256 ON images(sha256);
        CREATE INDEX images_status ON images(status);
        CREATE TABLE hashes (
          image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
          ahash INTEGER NOT NULL,   -- 64-bit hashes as signed SQLite integers (8 bytes each)
          phash INTEGER NOT NULL,
          dhash INTEGER NOT NULL,
          whash INTEGER NOT NULL,
          blockhash INTEGER NOT NULL
        );
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'mirror hashes and thumbnails, decisions journal, persisted clusters',
    up(db) {
      db.exec(`
        -- The label the import found (folder / CSV); label_id becomes the effective label, which a
        -- relabel decision in the journal may override.
        ALTER TABLE images ADD COLUMN source_label_id INTEGER REFERENCES labels(id);
        UPDATE images SET source_label_id = label_id;
        -- Features for near-duplicate matching, from the same decode as the hashes. NULL for rows
        -- indexed before v2: the next import reads those files again.
        ALTER TABLE hashes ADD COLUMN phash_mirror INTEGER;
        ALTER TABLE hashes ADD COLUMN dhash_mirror INTEGER;
        ALTER TABLE hashes ADD COLUMN thumb BLOB;
        -- Append-only: every user decision, undo and redo is a row; current state is a replay.
        -- Decisions name images by content (sha256) so they survive renames, moves and re-imports.
        CREATE TABLE journal (
          seq INTEGER PRIMARY KEY,
          batch INTEGER NOT NULL,
          op TEXT NOT NULL CHECK (op IN ('keep', 'not-duplicates', 'exclude', 'relabel', 'undo', 'redo')),
          data TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX journal_batch ON journal(batch);
        CREATE TABLE cluster_runs (
          id INTEGER PRIMARY KEY,
          rule TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          image_count INTEGER NOT NULL
        );
        CREATE TABLE cluster_members (
          run_id INTEGER NOT NULL REFERENCES cluster_runs(id) ON DELETE CASCADE,
          cluster INTEGER NOT NULL,
          image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
          distance INTEGER NOT NULL,
          PRIMARY KEY (run_id, image_id)
        );
        CREATE INDEX cluster_members_cluster ON cluster_members(run_id, cluster);
      `);
    },
  },
  {
    version: 3,
    name: 'fold assignments',
    up(db) {
      db.exec(`
        -- One assignment per catalog (its parameters are in settings 'folds.params'); only active
        -- images have a row.
        CREATE TABLE fold_assignments (
          image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
          fold INTEGER NOT NULL CHECK (fold >= 0)
        );
      `);
    },
  },
  {
    version: 4,
    name: 'cluster run memory for incremental re-clustering',
    up(db) {
      db.exec(`
        -- What the run matched on (image id + fingerprint, float64 pairs) and the pairs it found
        -- (image ids, uint32 pairs): an import then searches only new or changed images.
        ALTER TABLE cluster_runs ADD COLUMN inputs BLOB;
        ALTER TABLE cluster_runs ADD COLUMN pairs BLOB;
      `);
    },
  },
  {
    version: 5,
    name: 'image ids never reused; decisions name images by id',
    up(db) {
      // Decisions now name images by row id (identical copies must be told apart; moves keep the id).
      // A removed source deletes rows, and SQLite would hand a deleted top id to the next new row:
      // AUTOINCREMENT never reuses one. Adding it means rebuilding the table (foreign keys are off
      // during migrations, see migrate()).
      db.exec(`
        CREATE TABLE images_v5 (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
          path_bytes BLOB NOT NULL,
          rel_path TEXT NOT NULL,
          size INTEGER NOT NULL,
          mtime_ms INTEGER NOT NULL,
          sha256 TEXT,
          width INTEGER,
          height INTEGER,
          format TEXT,
          channels INTEGER,
          label_id INTEGER REFERENCES labels(id),
          status TEXT NOT NULL CHECK (status IN ('active', 'excluded', 'missing', 'error')),
          error TEXT,
          indexed_at INTEGER NOT NULL,
          source_label_id INTEGER REFERENCES labels(id),
          UNIQUE (source_id, path_bytes)
        );
        INSERT INTO images_v5 SELECT id, source_id, path_bytes, rel_path, size, mtime_ms, sha256, width, height, format,
          channels, label_id, status, error, indexed_at, source_label_id FROM images;
        DROP TABLE images;
        ALTER TABLE images_v5 RENAME TO images;
        CREATE INDEX images_sha256 ON images(sha256);
        CREATE INDEX images_status ON images(status);
      `);
      journalByImage(db);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export class CatalogTooNewError extends UserError {
  constructor(file: string, found: number) {
    super(
      `${file} was written by a newer Winnow (catalog schema v${found}; this Winnow reads up to ` +
        `v${LATEST_SCHEMA_VERSION}). Update Winnow to open it; the file was left untouched.`,
    );
    this.name = 'CatalogTooNewError';
  }
}

/**
 * Brings the schema to `target` (default: latest), each migration in its own transaction. Foreign
 * keys are off meanwhile (SQLite's procedure for rebuilding a table: dropping the old one must not
 * cascade into its children) and checked before each migration commits.
 */
export function migrate(db: Database.Database, file: string, target = LATEST_SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) throw new CatalogTooNewError(file, current);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      // IMMEDIATE, and the version read again inside: two processes opening one new catalog at
      // once must not both run a migration ("table sources already exists").
      db.transaction(() => {
        if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
        m.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length)
          throw new Error(`migration v${m.version} left ${broken.length} broken reference(s); the catalog was not changed`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return db.pragma('user_version', { simple: true }) as number;
}
