// One import at a time per catalog, across processes (two `winnow index` runs, the CLI beside the
// app): two imports of one folder would each insert the same new files, and the second would die on
// the catalog's UNIQUE constraint halfway through. The holder's pid is kept in settings, taken and
// checked in one IMMEDIATE transaction; a holder that died (SIGKILL, power cut) is taken over.
// Within one process the host's write lock already runs imports one after another.
import type Database from 'better-sqlite3';
import { UserError } from '../errors.ts';
import { getSetting, setSetting } from './catalog.ts';

const KEY = 'import.running';

export class ImportRunningError extends UserError {
  override name = 'ImportRunningError';
}

/** Takes the catalog's import lock or refuses with a sentence; returns its release. */
export function takeImportLock(db: Database.Database): () => void {
  const mine = String(process.pid);
  db.transaction(() => {
    const held = getSetting(db, KEY);
    if (held && held !== mine && alive(Number(held))) {
      throw new ImportRunningError(`Another import is running on ${db.name} (pid ${held}); wait for it to finish and run this one again.`);
    }
    setSetting(db, KEY, mine);
  }).immediate();
  return () => {
    db.prepare('DELETE FROM settings WHERE key = ? AND value = ?').run(KEY, mine);
  };
}

/**
 * Runs one import holding the lock. A full disk under the catalog is the user's to fix, so it is
 * said as such, naming the file.
 */
export async function withImportLock<T>(db: Database.Database, run: () => Promise<T>): Promise<T> {
  const release = takeImportLock(db);
  try {
    return await run();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_FULL') {
      throw new UserError(
        `The disk holding ${db.name} is full: free some space there (or use a catalog on another disk) and run the import again; what was imported so far is kept.`,
      );
    }
    throw err;
  } finally {
    try {
      release();
    } catch {
      // A full disk cannot take even this write; the lock names this process, so once it has
      // ended the next import takes it over.
    }
  }
}

/** Whether an import holds the lock now (a live process other than this one). */
export function importRunning(db: Database.Database): boolean {
  const held = getSetting(db, KEY);
  return held !== undefined && held !== String(process.pid) && alive(Number(held));
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
