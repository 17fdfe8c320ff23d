// What an import is given and reports, and the inputs checked before any work: the folder
// (resolved, so one folder has one name in the catalog) and the catalog's blockhash mode.
import { realpath, stat } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../catalog/catalog.ts';
import { DEFAULT_BLOCKHASH, type BlockhashMode } from '../hashing/blockhash-mode.ts';
import { UserError } from '../errors.ts';
import { describeFsError } from './walk.ts';
import type { ImportFailure, ImportReport } from '../../../shared/contract-types.ts';
import type { LabelSpec } from './labels.ts';

export interface ImportParams {
  db: Database.Database;
  root: string;
  labels: LabelSpec;
  labelMapFile?: string | undefined;
  /** Images with more pixels are refused as possible decompression bombs. */
  maxPixels?: number | undefined;
  workers?: number | undefined;
  /** The hashing worker's script; default: the one beside this module (sources or bundle). */
  workerScript?: URL;
  /**
   * How blockhash is computed (hash-image.ts). The first import fixes it for the catalog; later
   * imports use the catalog's mode and refuse a different one. Default: colour.
   */
  blockhash?: BlockhashMode;
  /**
   * Read and hash every file, not only those whose size or mtime changed: an edit that keeps both
   * (some tools restore the mtime) is otherwise never seen. Rows whose content did not change are
   * left as they are and counted unchanged.
   */
  rehash?: boolean;
}

export type { ImportFailure };

export type { ImportReport };

export class ImportInputError extends UserError {
  override name = 'ImportInputError';
}

const BLOCKHASH_SETTING = 'hashing.blockhash';

/** The catalog's blockhash mode, fixed by its first import (catalogs from before the choice: luma, which they hold). */
export function catalogBlockhashMode(db: Database.Database, requested?: BlockhashMode): BlockhashMode {
  const stored = (getSetting(db, BLOCKHASH_SETTING) ?? null) as BlockhashMode | null;
  const hasImages = db.prepare('SELECT 1 FROM hashes LIMIT 1').get() !== undefined;
  const current = stored ?? (hasImages ? 'luma' : null);
  if (current !== null && requested !== undefined && requested !== current) {
    throw new ImportInputError(
      `This catalog's blockhashes are ${current}-based; importing with --blockhash ${requested} would mix two kinds. ` +
        'Use a new catalog for the other kind.',
    );
  }
  const mode = current ?? requested ?? DEFAULT_BLOCKHASH;
  if (stored === null) setSetting(db, BLOCKHASH_SETTING, mode);
  return mode;
}

/** The folder as the catalog names it: absolute, symlinks resolved. */
export async function resolveFolder(folder: string): Promise<string> {
  try {
    const real = await realpath(folder);
    if (!(await stat(real)).isDirectory()) throw new ImportInputError(`Not a folder: ${folder} (choose the folder that holds the images).`);
    return real;
  } catch (err) {
    if (err instanceof ImportInputError) throw err;
    // Plain words, not errno codes: a raw "ENOENT" reached the user.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ImportInputError(`Folder not found: ${folder} (check the path, or choose another folder).`);
    throw new ImportInputError(`Cannot open folder ${folder}: ${describeFsError(err)}.`);
  }
}
