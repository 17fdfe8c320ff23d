// Which files openCatalog accepts, and what it says about the others. Only a new or empty file
// becomes a catalog (and only where the caller creates one); an SQLite file holding anything but
// Winnow's tables is refused untouched, since opening it for writing would add our tables and
// switch it to WAL. Problems are named with the path and the cause, not as SQLite's bare codes.
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { UserError } from '../errors.ts';
import { CatalogTooNewError, LATEST_SCHEMA_VERSION } from './migrations.ts';

const SQLITE_MAGIC = 'SQLite format 3\0';

export class CatalogOpenError extends UserError {
  override name = 'CatalogOpenError';
}

export const notFound = (file: string): CatalogOpenError =>
  new CatalogOpenError(`Catalog not found: ${file} (create one with winnow index DIR --catalog ${file})`);

/** What is at `file`: nothing yet, an empty file, or an SQLite database; anything else is refused. */
export function classifyFile(file: string): 'missing' | 'empty' | 'sqlite' {
  if (!existsSync(file)) return 'missing';
  const st = statSync(file);
  if (st.isDirectory())
    throw new CatalogOpenError(`${file} is a folder; a catalog is a file, e.g. ${file.replace(/\/$/, '')}/dataset.winnow.`);
  if (!st.isFile()) throw new CatalogOpenError(`${file} is not a regular file; a catalog is a file, e.g. dataset.winnow.`);
  if (st.size === 0) return 'empty';
  if (readHead(file, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new CatalogOpenError(`${file} is not a Winnow catalog (not an SQLite database); refusing to touch it.`);
  }
  return 'sqlite';
}

/**
 * Refuses a database that is not a Winnow catalog (read before anything is written). A database
 * with no tables and version 0 counts as new: accepted only when the caller creates catalogs.
 */
export function checkWinnowSchema(db: Database.Database, file: string, create: boolean): void {
  // One read transaction: another process creating this catalog at the same moment commits its
  // tables and version together, and two separate reads could see its tables but not yet its version.
  const { version, tables } = db.transaction(() => ({
    version: db.pragma('user_version', { simple: true }) as number,
    tables: (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  }))();
  if (version > LATEST_SCHEMA_VERSION) throw new CatalogTooNewError(file, version); // whatever its tables: a newer Winnow's
  if (version < 0) throw new CatalogOpenError(`${file} is not a Winnow catalog (its schema version is ${version}); refusing to change it.`);
  if (version === 0 && tables.length === 0) {
    if (!create) throw notFound(file);
    return;
  }
  if (version === 0 || !tables.includes('images') || !tables.includes('sources')) {
    const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
    throw new CatalogOpenError(
      `${file} is an SQLite database but not a Winnow catalog (it holds the table${tables.length === 1 ? '' : 's'} ${shown}); ` +
        'refusing to change it. Give a new file name to create a catalog.',
    );
  }
}

/** Why the catalog (existing or about to be created) cannot be written, as a sentence; null if it can. */
export function writeProblem(file: string, exists: boolean): string | null {
  const dir = dirname(file);
  if (!writable(dir)) {
    return `Cannot write the catalog ${file}: its folder ${dir} is read-only (SQLite keeps its journal beside the catalog); make the folder writable or copy the catalog to one that is.`;
  }
  if (exists && !writable(file)) {
    return `Cannot write the catalog ${file}: the file is read-only; make it writable (chmod u+w, or chattr -i) or copy it.`;
  }
  return null;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
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
