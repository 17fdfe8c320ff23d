// The on-disk thumbnail cache beside a catalog (.winnow-thumbs/) would otherwise grow with every image
// and size ever shown. This keeps it under a byte cap, evicting the least recently used files first.
// "Used" is the later of atime and mtime: a disk hit also touches mtime (Thumbnails does), because
// atime is not updated on noatime mounts and only daily on relatime ones.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_THUMB_CACHE_BYTES = 512 * 1024 * 1024;
/** Pruning goes below the cap, so the next few hundred writes do not each trigger another pass. */
const LOW_WATER = 0.8;
/** Only files this cache writes: `<sha256>-<size>.jpg`, and temp files a crash left behind. */
const CACHE_FILE = /^[0-9a-f]{64}-\d+\.jpg(?:\.\d+\.tmp)?$/;
const STALE_TMP_MS = 60 * 60 * 1000;

/** WINNOW_THUMB_CACHE_MB overrides the default cap (0 = no disk cache limit). */
export function thumbCacheCap(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['WINNOW_THUMB_CACHE_MB'];
  const mb = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) return DEFAULT_THUMB_CACHE_BYTES;
  return mb === 0 ? Infinity : Math.round(mb * 1024 * 1024);
}

export interface PruneResult {
  files: number;
  bytes: number;
  removed: number;
  removedBytes: number;
}

/** Sums the cache; when over `cap`, deletes the least recently used files down to LOW_WATER × cap. */
export async function pruneThumbCache(dir: string, cap: number, now = Date.now()): Promise<PruneResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => CACHE_FILE.test(n));
  } catch {
    return { files: 0, bytes: 0, removed: 0, removedBytes: 0 };
  }
  const entries: { file: string; size: number; used: number; tmp: boolean }[] = [];
  for (const name of names) {
    try {
      const s = await stat(join(dir, name));
      if (s.isFile())
        entries.push({ file: join(dir, name), size: s.size, used: Math.max(s.atimeMs, s.mtimeMs), tmp: name.endsWith('.tmp') });
    } catch {
      // removed meanwhile (another host pruning the same cache)
    }
  }
  let bytes = entries.reduce((sum, e) => sum + e.size, 0);
  const result: PruneResult = { files: entries.length, bytes, removed: 0, removedBytes: 0 };
  const remove = async (e: (typeof entries)[number]): Promise<void> => {
    try {
      await unlink(e.file);
      bytes -= e.size;
      result.removed++;
      result.removedBytes += e.size;
    } catch {
      // already gone, or read-only: nothing to reclaim
    }
  };
  for (const e of entries) if (e.tmp && now - e.used > STALE_TMP_MS) await remove(e);
  if (bytes > cap) {
    const target = cap * LOW_WATER;
    const oldestFirst = entries.filter((e) => !e.tmp).sort((a, b) => a.used - b.used);
    for (const e of oldestFirst) {
      if (bytes <= target) break;
      await remove(e);
    }
  }
  result.files -= result.removed;
  result.bytes = bytes;
  return result;
}
