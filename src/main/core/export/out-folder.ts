import { mkdir, realpath, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ExportSettingsError } from './settings.ts';

/** More new levels than this below the nearest existing folder is a typo, not a plan. */
export const MAX_NEW_FOLDERS = 32;

// Kernel pseudo-file systems: they show kernel state, cannot hold files, and Node's recursive mkdir
// loops forever on /proc. Checked on the real path (symlinks resolved) and by file-system type
// (statfs magic numbers from linux/magic.h), so a procfs mounted elsewhere is caught too.
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];
const PSEUDO_TYPES = new Map<number, string>([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x1373, 'devtmpfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6165676c, 'pstore'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
]);

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Where `path`'s nearest existing ancestor really lives, when that is a pseudo-file system. */
async function pseudoFileSystem(existing: string): Promise<string | null> {
  const real = await realpath(existing);
  const root = PSEUDO_ROOTS.find((r) => real === r || real.startsWith(`${r}/`));
  if (root) return root;
  const type = await statfs(real).then(
    (s) => PSEUDO_TYPES.get(Number(s.type)) ?? null,
    () => null,
  );
  return type;
}

/**
 * Makes `target` a folder an export can be written to: refuses pseudo-file systems, then creates the
 * missing levels one at a time (never Node's recursive mkdir on an unknown path), at most
 * MAX_NEW_FOLDERS of them (all but the last with `exceptLast`). Returns the absolute path, with
 * symlinks resolved when the folder exists.
 */
export async function makeOutFolder(target: string, opts: { exceptLast?: boolean } = {}): Promise<string> {
  const path = resolve(target);
  const missing: string[] = [];
  let existing = path;
  while (!(await exists(existing)) && dirname(existing) !== existing) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  const pseudo = await pseudoFileSystem(existing);
  if (pseudo)
    throw new ExportSettingsError(
      `${path} is on ${pseudo}, a system pseudo-file system that cannot hold an export: choose another folder.`,
    );
  if (!(await stat(existing)).isDirectory()) {
    throw new ExportSettingsError(`${path} cannot be created: ${existing} is a file, not a folder; choose another folder.`);
  }
  if (missing.length > MAX_NEW_FOLDERS) {
    throw new ExportSettingsError(
      `${path} would need ${missing.length} new folders (at most ${MAX_NEW_FOLDERS} are created): create the folder first or choose a shallower one.`,
    );
  }
  let at = existing;
  // exceptLast: the folder itself is made by renaming a finished staging folder into place.
  for (const name of opts.exceptLast ? missing.slice(0, -1) : missing) {
    at = join(at, name);
    try {
      await mkdir(at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Another process made it meanwhile: fine if it is a folder.
      if (
        code === 'EEXIST' &&
        (await stat(at).then(
          (st) => st.isDirectory(),
          () => false,
        ))
      )
        continue;
      throw new ExportSettingsError(
        `Cannot create the export folder ${path} (${code ?? (err as Error).message} at ${at}): choose a folder you can write to.`,
      );
    }
  }
  // The folder is swapped whole by renaming (publish.ts): a symlink must stay a symlink, so the
  // folder it points to is the one replaced.
  return missing.length === 0 ? realpath(path) : path;
}
