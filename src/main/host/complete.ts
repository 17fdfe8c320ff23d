// Path completion for the browser host's path fields (a browser cannot see the server's disk).
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { PathEntry } from '../../shared/contract.ts';

const MAX_ENTRIES = 60;

/** `~` and relative paths as a shell would read them (relative to where `winnow serve` started). */
export function expandPath(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/')) return join(homedir(), p.slice(2));
  return isAbsolute(p) ? p : resolve(p);
}

/**
 * Entries of the folder `prefix` points into whose names start with what follows the last '/'.
 * Folders first, then files; hidden entries only when the typed name starts with '.'.
 */
export async function completePath(prefix: string, kind: 'dir' | 'any' = 'any'): Promise<PathEntry[]> {
  const expanded = prefix === '' ? `${process.cwd()}/` : expandPath(prefix);
  const endsWithSep = expanded.endsWith('/') || prefix.endsWith('/') || prefix === '~';
  const dir = endsWithSep ? expanded : dirname(expanded);
  const partial = endsWithSep ? '' : expanded.slice(dir.length).replace(/^\/+/, '');
  let names: Dirent[];
  try {
    names = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: PathEntry[] = [];
  for (const e of names) {
    if (!e.name.startsWith(partial)) continue;
    if (e.name.startsWith('.') && !partial.startsWith('.')) continue;
    let isDir = e.isDirectory();
    if (e.isSymbolicLink())
      isDir = await stat(join(dir, e.name)).then(
        (s) => s.isDirectory(),
        () => false,
      );
    if (kind === 'dir' && !isDir) continue;
    const full = join(dir, e.name);
    out.push({ path: isDir ? `${full}/` : full, dir: isDir });
  }
  out.sort((a, b) => (a.dir === b.dir ? a.path.localeCompare(b.path) : a.dir ? -1 : 1));
  return out.slice(0, MAX_ENTRIES);
}
