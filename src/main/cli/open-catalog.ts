// How every command opens its catalog: a repair the open made (decisions re-applied) is said once
// on stderr, so --json output stays clean.
import { existsSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { writeProblem } from '../core/catalog/accept.ts';
import { openCatalog, type OpenOptions } from '../core/catalog/catalog.ts';

export function openForCli(file: string, opts: OpenOptions = {}): Database.Database {
  return openCatalog(file, { onNotice: (sentence) => process.stderr.write(`winnow: ${sentence}\n`), ...opts });
}

/**
 * For commands that only read (list, export, sources, dups --histogram): a catalog that can be
 * written is opened for writing, so the repairs made at open (open-checks.ts: clusters owed,
 * decisions not applied) happen before it is read; one in a read-only place is just read.
 */
export function openForReading(file: string): Database.Database {
  const canWrite = existsSync(file) && statSync(file).isFile() && writeProblem(file, true) === null;
  return openForCli(file, canWrite ? {} : { readonly: true });
}
