// Moving one catalog image to the user's trash: the only time Winnow takes a file out of a dataset
// folder, and only on an explicit request for an excluded image. It always goes through a trash the
// user can restore from (never unlink), and the catalog row becomes `missing` with a note saying
// where the file went, so nothing disappears silently.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type Database from 'better-sqlite3';
import { absolutePath, type ImageStatus } from './catalog/images.ts';
import { UserError } from './errors.ts';

/** Why nothing was moved; the message is for the user as is. */
export class TrashError extends UserError {
  override name = 'TrashError';
}

/** A platform trash (Electron's shell.trashItem on macOS / Windows), used instead of the freedesktop.org one. */
export type TrashItem = (path: string) => Promise<void>;

export interface TrashOptions {
  trashItem?: TrashItem;
  /** Where XDG_DATA_HOME and HOME are read (tests point them at a temporary folder). */
  env?: NodeJS.ProcessEnv;
  now?: Date;
  platform?: NodeJS.Platform;
}

export interface Trashed {
  id: number;
  /** Where the file was. */
  original: string;
  /** Where it is now; null when a platform trash took it (it does not say where). */
  trashedTo: string | null;
}

interface Row {
  root: string;
  pathBytes: Buffer;
  relPath: string;
  sha256: string | null;
  status: ImageStatus;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/**
 * Moves the file of catalog image `id` to the trash and marks its row `missing`. Refuses ids that are
 * not in the catalog, images that are not excluded, and files that changed since they were imported.
 */
export async function trashImage(db: Database.Database, id: number, opts: TrashOptions = {}): Promise<Trashed> {
  const row = db
    .prepare(
      `SELECT s.root, i.path_bytes AS pathBytes, i.rel_path AS relPath, i.sha256, i.status
       FROM images i JOIN sources s ON s.id = i.source_id WHERE i.id = ?`,
    )
    .get(id) as Row | undefined;
  if (!row) throw new TrashError(`No image ${id} in this catalog: nothing was moved.`);
  if (row.status !== 'excluded') {
    throw new TrashError(
      `${row.relPath} is ${row.status}: only excluded images can be moved to the trash (keep another member of its cluster first).`,
    );
  }
  // The path comes from the catalog's own columns only, byte for byte as the file system named it.
  const file = absolutePath(row.root, row.pathBytes);
  const shown = `${row.root}/${row.relPath}`;
  let st;
  try {
    st = await lstat(file);
  } catch (err) {
    throw new TrashError(`${shown} cannot be found (${codeOf(err) ?? 'error'}); import the folder again.`);
  }
  if (!st.isFile()) throw new TrashError(`${shown} is not a regular file (a link or a folder); Winnow leaves it alone.`);
  // Only the bytes the user compared: a file replaced since the import is not ours to take away.
  const bytes = await readFile(file);
  if (sha256(bytes) !== row.sha256) throw new TrashError(`${shown} changed since it was imported; import the folder again first.`);

  let trashedTo: string | null = null;
  if (opts.trashItem) {
    await opts.trashItem(file.toString());
    if (await exists(file)) throw new TrashError(`The system trash did not take ${shown}.`);
  } else {
    if ((opts.platform ?? process.platform) === 'win32') throw new TrashError('Moving to the trash needs the desktop app on Windows.');
    trashedTo = await moveToTrash(file, row.sha256, opts);
  }
  const when = (opts.now ?? new Date()).toISOString();
  db.prepare("UPDATE images SET status = 'missing', error = ? WHERE id = ?").run(
    `moved to the trash by Winnow on ${when}${trashedTo ? ` (${trashedTo})` : ''}`,
    id,
  );
  return { id, original: shown, trashedTo };
}

/** The home trash of the freedesktop.org Trash specification: $XDG_DATA_HOME/Trash, else ~/.local/share/Trash. */
export function homeTrash(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_DATA_HOME'];
  // The XDG base-directory spec says relative values are invalid and must be ignored.
  const dataHome = xdg && isAbsolute(xdg) ? xdg : join(env['HOME'] || homedir(), '.local/share');
  return join(dataHome, 'Trash');
}

/**
 * Moves `file` into the home trash with its .trashinfo; returns its new path. The name is reserved
 * by creating the .trashinfo exclusively first, as the spec asks, so concurrent trashers never clash.
 */
export async function moveToTrash(file: Buffer, expectedSha: string, opts: Pick<TrashOptions, 'env' | 'now'> = {}): Promise<string> {
  const trash = homeTrash(opts.env);
  await mkdir(join(trash, 'files'), { recursive: true, mode: 0o700 });
  await mkdir(join(trash, 'info'), { recursive: true, mode: 0o700 });
  const info = `[Trash Info]\nPath=${encodePath(file)}\nDeletionDate=${localDate(opts.now ?? new Date())}\n`;
  const base = file.subarray(file.lastIndexOf(0x2f) + 1);
  const at = (dir: 'files' | 'info', name: Buffer, suffix = ''): Buffer =>
    Buffer.concat([Buffer.from(`${trash}/${dir}/`), name, Buffer.from(suffix)]);

  let name: Buffer | null = null;
  for (let n = 1; n <= 10_000 && !name; n++) {
    const candidate = n === 1 ? base : numbered(base, n);
    try {
      const fh = await open(at('info', candidate, '.trashinfo'), 'wx', 0o600);
      try {
        await fh.writeFile(info);
      } finally {
        await fh.close();
      }
    } catch (err) {
      if (codeOf(err) === 'EEXIST') continue;
      throw err;
    }
    // A file left in files/ without its info (another tool's crash) still owns the name.
    if (await exists(at('files', candidate))) await unlink(at('info', candidate, '.trashinfo'));
    else name = candidate;
  }
  if (!name) throw new TrashError('The trash holds 10,000 files of this name; empty it first.');
  const dest = at('files', name);
  try {
    await rename(file, dest);
  } catch (err) {
    try {
      if (codeOf(err) !== 'EXDEV') throw err;
      await copyAcross(file, dest, expectedSha);
    } catch (failure) {
      await unlink(at('info', name, '.trashinfo')).catch(() => {});
      throw failure;
    }
  }
  return dest.toString();
}

// Another file system: the original is removed only once the copy in the trash reads back identical.
async function copyAcross(file: Buffer, dest: Buffer, expectedSha: string): Promise<void> {
  await copyFile(file, dest, constants.COPYFILE_EXCL);
  const copy = await readFile(dest);
  if (sha256(copy) !== expectedSha) {
    await unlink(dest).catch(() => {});
    throw new TrashError('The copy in the trash did not match the original; the original was left in place.');
  }
  const st = await stat(file);
  await utimes(dest, st.atime, st.mtime);
  await unlink(file);
}

async function exists(p: Buffer): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return false;
    throw err;
  }
}

/** "a.jpg" → "a.2.jpg", "notes" → "notes.2", ".hidden" → ".hidden.2" (bytes: names need not be UTF-8). */
export function numbered(base: Buffer, n: number): Buffer {
  const dot = base.lastIndexOf(0x2e);
  const cut = dot > 0 ? dot : base.length;
  return Buffer.concat([base.subarray(0, cut), Buffer.from(`.${n}`), base.subarray(cut)]);
}

const UNRESERVED = /[A-Za-z0-9\-_.~/]/;

/** The Path= value: the absolute path's bytes, percent-encoded as in a URI (RFC 2396), '/' kept. */
export function encodePath(file: Buffer): string {
  let out = '';
  for (const byte of file) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** DeletionDate=: local time, YYYY-MM-DDThh:mm:ss, no zone (as the spec and every file manager write it). */
export function localDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
