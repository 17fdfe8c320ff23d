import { existsSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { checkWinnowSchema, classifyFile, notFound, writeProblem, CatalogOpenError } from './accept.ts';
import { migrate } from './migrations.ts';
import { settleAtOpen } from './open-checks.ts';

export { CatalogOpenError } from './accept.ts';

export interface OpenOptions {
  /** Open an existing catalog without creating or migrating it. */
  readonly?: boolean;
  /**
   * Make a new catalog when the file is missing or empty (`winnow index`, the app's Open / create).
   * Other callers get "Catalog not found" instead of an empty catalog under a mistyped name.
   */
  create?: boolean;
  /** Only for migration tests: stop at this schema version. */
  targetVersion?: number;
  /** Hears a sentence for each repair the open made (open-checks.ts); the shell shows or logs it. */
  onNotice?: (sentence: string) => void;
}

/** Opens one catalog file: WAL, foreign keys, a busy timeout, latest schema (see accept.ts for which files). */
export function openCatalog(file: string, opts: OpenOptions = {}): Database.Database {
  const kind = classifyFile(file);
  const create = (opts.create ?? false) && !opts.readonly;
  if (kind !== 'sqlite') {
    if (!create) {
      if (kind === 'empty')
        throw new CatalogOpenError(`${file} is empty (0 bytes), not a catalog yet; create one with winnow index DIR --catalog ${file}`);
      throw notFound(file);
    }
  }
  if (opts.readonly) return openReadonly(file);
  const problem = writeProblem(file, kind !== 'missing');
  if (problem) throw new CatalogOpenError(problem);
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    checkWinnowSchema(db, file, create); // before anything is written
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, file, opts.targetVersion);
    if (opts.targetVersion === undefined) settleAtOpen(db, file, opts.onNotice ?? (() => {}));
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * A read-only open. In a read-only folder SQLite cannot open a WAL database (it needs to create the
 * -shm file beside it), so a catalog closed cleanly there is read from an in-memory copy instead.
 */
function openReadonly(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('user_version'); // the first read is where a read-only folder shows
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_CANTOPEN') throw err;
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
      throw new CatalogOpenError(
        `Cannot read the catalog ${file}: its folder is read-only and ${file}-wal holds changes not yet in the catalog; open it once where its folder is writable.`,
      );
    }
    const copy = readFileSync(file);
    copy[18] = 1; // file format: rollback journal, so SQLite reads the copy without a -shm file
    copy[19] = 1;
    db = new Database(copy, { readonly: true });
  }
  try {
    db.pragma('foreign_keys = ON');
    checkWinnowSchema(db, file, false);
    migrate(db, file, 0); // only checks that the version is one we understand
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function getSetting(db: Database.Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** True when no import ever stored anything here: no source, no image. */
export function catalogIsEmpty(db: Database.Database): boolean {
  return (db.prepare('SELECT (SELECT count(*) FROM images) + (SELECT count(*) FROM sources) AS n').get() as { n: number }).n === 0;
}
