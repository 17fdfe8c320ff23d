import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';
import { settleAtOpen } from './open-checks.ts';
import { UserError } from '../errors.ts';

export interface OpenOptions {
  /** Open an existing catalog without creating or migrating it. */
  readonly?: boolean;
  /** Only for migration tests: stop at this schema version. */
  targetVersion?: number;
  /** Hears a sentence for each repair the open made (open-checks.ts); the shell shows or logs it. */
  onNotice?: (sentence: string) => void;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export class CatalogOpenError extends UserError {
  override name = 'CatalogOpenError';
}

/** Opens (creating if needed) one catalog file: WAL, foreign keys, a busy timeout, latest schema. */
export function openCatalog(file: string, opts: OpenOptions = {}): Database.Database {
  if (existsSync(file)) {
    const head = readHead(file, 16).toString('latin1');
    if (head.length > 0 && head !== SQLITE_MAGIC) {
      throw new CatalogOpenError(`${file} is not a Winnow catalog (not an SQLite database); refusing to touch it.`);
    }
  } else if (opts.readonly) {
    throw new CatalogOpenError(`Catalog not found: ${file}`);
  }
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, file, opts.targetVersion);
      if (opts.targetVersion === undefined) settleAtOpen(db, file, opts.onNotice ?? (() => {}));
    } else {
      migrate(db, file, 0); // only checks that the version is one we understand
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function readHead(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

export function getSetting(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
