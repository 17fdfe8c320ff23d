// How every command opens its catalog: a repair the open made (decisions re-applied) is said once
// on stderr, so --json output stays clean.
import type Database from 'better-sqlite3';
import { openCatalog, type OpenOptions } from '../core/catalog/catalog.ts';

export function openForCli(file: string, opts: OpenOptions = {}): Database.Database {
  return openCatalog(file, { onNotice: (sentence) => process.stderr.write(`winnow: ${sentence}\n`), ...opts });
}
