// Thumbnails for both shells (the browser host's /img/ID and Electron's winnow-img://ID). Images are
// addressed by catalog id only: the file read is built from the catalog row, so no URL can name a
// path, and a forged id can at worst show another image of the same catalog.
import { mkdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { THUMB_SIZES, type ThumbSize } from '../../shared/contract.ts';
import { thumbnailJpeg } from '../core/media.ts';
import { imageLocation } from '../core/catalog/queries.ts';
import { pruneThumbCache, thumbCacheCap } from './thumb-cache.ts';

export interface ImageResponse {
  status: number;
  body: Buffer | string;
  type: string;
}

const ID = /^[1-9][0-9]{0,14}$/;

/** A catalog image id from untrusted text, or null: digits only, no sign, no leading zero, no path. */
export function parseImageId(raw: string | null | undefined): number | null {
  if (typeof raw !== 'string' || !ID.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** Missing = the grid size; anything but the listed sizes is refused (each size is a cache entry). */
export function parseThumbSize(raw: string | null | undefined): ThumbSize | null {
  if (raw === null || raw === undefined) return 256;
  const n = Number(raw);
  return (THUMB_SIZES as readonly number[]).includes(n) && String(n) === raw ? (n as ThumbSize) : null;
}

/** `/img/123?size=256` (browser host): the raw path must be exactly that, before any decoding. */
export function parseImagePath(pathname: string, search: URLSearchParams): { id: number; size: ThumbSize } | null {
  const m = /^\/img\/([^/]*)$/.exec(pathname);
  const id = parseImageId(m?.[1]);
  const size = parseThumbSize(search.get('size'));
  return id !== null && size !== null ? { id, size } : null;
}

/** `winnow-img://123/?size=256` (Electron): the host is the id; any path beyond '/' is refused. */
export function parseProtocolUrl(url: string): { id: number; size: ThumbSize } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'winnow-img:' || u.username || u.password || u.port || (u.pathname !== '' && u.pathname !== '/')) return null;
  const id = parseImageId(u.hostname);
  const size = parseThumbSize(u.searchParams.get('size'));
  return id !== null && size !== null ? { id, size } : null;
}

const text = (status: number, body: string): ImageResponse => ({ status, body, type: 'text/plain; charset=utf-8' });
const MEMORY_CAP = 48 * 1024 * 1024;
const MAX_IN_FLIGHT = 3;

export interface ThumbnailOptions {
  /** Bytes the disk cache may hold (default 512 MB, or WINNOW_THUMB_CACHE_MB). */
  diskCapBytes?: number;
  /** Re-measure the cache after this many writes even if our own count says it fits (other hosts write too). */
  rescanEvery?: number;
}

/** Thumbnails of the current catalog, cached in memory (capped) and on disk by content hash. */
export class Thumbnails {
  private readonly memory = new Map<string, Buffer>();
  private memoryBytes = 0;
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly source: () => { db: Database.Database; path: string } | null;
  private readonly diskCap: number;
  private readonly rescanEvery: number;
  /** The disk cache being tracked: its size as last measured plus what we wrote since (null = never measured). */
  private disk: { dir: string; bytes: number | null; writes: number } | null = null;
  private pruning: Promise<void> | null = null;

  constructor(source: () => { db: Database.Database; path: string } | null, opts: ThumbnailOptions = {}) {
    this.source = source;
    this.diskCap = opts.diskCapBytes ?? thumbCacheCap();
    this.rescanEvery = opts.rescanEvery ?? 1000;
  }

  /** Resolves once a running cache prune has finished (tests, and close). */
  async settled(): Promise<void> {
    await this.pruning;
  }

  async respond(id: number, size: ThumbSize): Promise<ImageResponse> {
    const catalog = this.source();
    if (!catalog) return text(404, 'No catalog is open');
    const loc = imageLocation(catalog.db, id);
    if (!loc) return text(404, `No image ${id} in this catalog`);
    if (loc.status === 'missing' || loc.status === 'error' || !loc.sha256) return text(404, `Image ${id} is ${loc.status}`);
    const key = `${loc.sha256}-${size}`;
    const cached = this.memory.get(key);
    if (cached) return { status: 200, body: cached, type: 'image/jpeg' };
    const cacheDir = join(dirname(catalog.path), '.winnow-thumbs');
    let job = this.inFlight.get(key);
    if (!job) {
      job = this.limited(() => this.produce(loc.file, loc.size, size, join(cacheDir, `${key}.jpg`)));
      this.inFlight.set(key, job);
      void job.finally(() => this.inFlight.delete(key)).catch(() => {});
    }
    try {
      const body = await job;
      this.remember(key, body);
      return { status: 200, body, type: 'image/jpeg' };
    } catch (err) {
      return text(422, `Cannot make a thumbnail of image ${id}: ${(err as Error).message}`);
    }
  }

  clear(): void {
    this.memory.clear();
    this.memoryBytes = 0;
  }

  private async produce(file: Buffer, expectedSize: number, size: ThumbSize, cacheFile: string): Promise<Buffer> {
    try {
      const hit = await readFile(cacheFile);
      // marks it recently used for eviction; a failure only makes it look older
      const now = new Date();
      void utimes(cacheFile, now, now).catch(() => {});
      return hit;
    } catch {
      // not cached yet
    }
    const original = await readFile(file);
    if (original.length !== expectedSize) throw new Error('the file changed since it was imported; import the folder again');
    const thumb = await thumbnailJpeg(original, size);
    try {
      await mkdir(dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(tmp, thumb);
      await rename(tmp, cacheFile);
      this.wrote(dirname(cacheFile), thumb.length);
    } catch {
      // A read-only catalog folder just means no disk cache.
    }
    return thumb;
  }

  /** Counts bytes written instead of listing the folder each time: a full pass only when due. */
  private wrote(dir: string, bytes: number): void {
    if (this.disk?.dir !== dir) this.disk = { dir, bytes: null, writes: 0 };
    const d = this.disk;
    d.writes++;
    if (d.bytes !== null) d.bytes += bytes;
    const due = d.bytes === null || d.bytes > this.diskCap || d.writes >= this.rescanEvery;
    if (!due || this.pruning || !Number.isFinite(this.diskCap)) return;
    d.writes = 0;
    this.pruning = pruneThumbCache(dir, this.diskCap)
      .then((r) => {
        if (this.disk === d) d.bytes = r.bytes;
      })
      .catch(() => {})
      .finally(() => (this.pruning = null));
  }

  private remember(key: string, body: Buffer): void {
    if (this.memory.has(key)) return;
    this.memory.set(key, body);
    this.memoryBytes += body.length;
    for (const [k, v] of this.memory) {
      if (this.memoryBytes <= MEMORY_CAP) break;
      this.memory.delete(k);
      this.memoryBytes -= v.length;
    }
  }

  // sharp runs one image per libuv thread here; a full grid asking at once must not starve IPC.
  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_IN_FLIGHT) await new Promise<void>((r) => this.queue.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}
