// Recently opened catalogs, shared by both shells: one small JSON file in the user's config folder
// (Electron's userData, or ~/.config/winnow for `winnow serve`). The list is a convenience: a broken,
// unreadable or unwritable file must never stop a catalog from opening, so every failure degrades to
// "no recent catalogs" instead of throwing.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { RecentCatalog } from '../../shared/contract.ts';

export const RECENT_FILE = 'recent-catalogs.json';
export const RECENT_MAX = 10;

/** WINNOW_CONFIG_DIR (tests, portable setups), else the XDG config folder. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['WINNOW_CONFIG_DIR'];
  if (override) return override;
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), 'winnow');
}

export interface RecentOptions {
  max?: number;
  /** Whether a remembered catalog still exists; injectable for tests. */
  exists?: (path: string) => boolean;
}

export class RecentCatalogs {
  readonly file: string;
  private readonly dir: string;
  private readonly max: number;
  private readonly exists: (path: string) => boolean;
  private readonly listeners = new Set<(list: RecentCatalog[]) => void>();

  constructor(dir: string, opts: RecentOptions = {}) {
    this.dir = dir;
    this.file = join(dir, RECENT_FILE);
    this.max = opts.max ?? RECENT_MAX;
    this.exists = opts.exists ?? existsSync;
  }

  /** Most recent first; entries whose file is gone are left out (a moved catalog is not an error). */
  list(): RecentCatalog[] {
    return this.read().filter((e) => this.exists(e.path));
  }

  /** Puts `path` first. Never throws: a failed write only means the list is not updated. */
  add(path: string, now = Date.now()): RecentCatalog[] {
    const list = [{ path, openedAt: now }, ...this.list().filter((e) => e.path !== path)].slice(0, this.max);
    this.write(list);
    return list;
  }

  clear(): void {
    this.write([]);
  }

  /** Called after every change (Electron rebuilds its File › Recent menu). */
  onChange(listener: (list: RecentCatalog[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): RecentCatalog[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return []; // absent or corrupt: start over, the next write replaces it
    }
    const entries = Array.isArray(raw) ? raw : (raw as { catalogs?: unknown } | null)?.catalogs;
    if (!Array.isArray(entries)) return [];
    const seen = new Set<string>();
    const out: RecentCatalog[] = [];
    for (const e of entries as unknown[]) {
      const { path, openedAt } = (e ?? {}) as { path?: unknown; openedAt?: unknown };
      if (typeof path !== 'string' || !isAbsolute(path) || path.includes('\0') || seen.has(path)) continue;
      seen.add(path);
      out.push({ path, openedAt: typeof openedAt === 'number' && Number.isFinite(openedAt) ? openedAt : 0 });
    }
    return out.slice(0, this.max);
  }

  private write(list: RecentCatalog[]): void {
    // temp + rename: a crash mid-write leaves the old list, never half a file
    const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, `${JSON.stringify({ version: 1, catalogs: list }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // nothing more to do: the old list stays
      }
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(list);
      } catch (err) {
        console.error('recent catalogs listener failed:', err);
      }
    }
  }
}
