// The disk thumbnail cache stays under its cap: least recently used files go first, and the
// Thumbnails service only measures the folder when its own count says it is due.
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { DEFAULT_THUMB_CACHE_BYTES, pruneThumbCache, thumbCacheCap } from '../../src/main/host/thumb-cache.ts';
import { Thumbnails } from '../../src/main/host/thumbs.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';

const tmp = tempDir('winnow-thumbcache-');
afterAll(() => tmp.cleanup());

const hex = (i: number) => i.toString(16).padStart(64, '0');
const dirBytes = (dir: string) => readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);

describe('pruneThumbCache', () => {
  it('does nothing under the cap, then evicts least recently used files down to 80% of it', async () => {
    const dir = join(tmp.path, 'lru');
    mkdirSync(dir);
    const t0 = Date.now() / 1000 - 1000;
    for (let i = 0; i < 10; i++) {
      const f = join(dir, `${hex(i)}-256.jpg`);
      writeFileSync(f, Buffer.alloc(1000));
      // file i was last used at t0 + i; file 2 was read again recently (atime), file 3 rewritten (mtime)
      const used = i === 2 || i === 3 ? t0 + 500 : t0 + i;
      utimesSync(f, i === 3 ? t0 : used, i === 3 ? used : t0);
    }
    writeFileSync(join(dir, 'notes.txt'), Buffer.alloc(50_000)); // not ours: never counted or touched

    expect(await pruneThumbCache(dir, 10_000)).toEqual({ files: 10, bytes: 10_000, removed: 0, removedBytes: 0 });
    const r = await pruneThumbCache(dir, 6_000);
    expect(r).toEqual({ files: 4, bytes: 4_000, removed: 6, removedBytes: 6_000 });
    const left = readdirSync(dir).sort();
    expect(left).toEqual(['notes.txt', ...[2, 3, 8, 9].map((i) => `${hex(i)}-256.jpg`)].sort());
  });

  it('removes temp files a crash left behind, but not ones being written now', async () => {
    const dir = join(tmp.path, 'tmpfiles');
    mkdirSync(dir);
    const old = join(dir, `${hex(1)}-128.jpg.123.tmp`);
    const fresh = join(dir, `${hex(2)}-128.jpg.456.tmp`);
    writeFileSync(old, 'x');
    writeFileSync(fresh, 'y');
    const twoHoursAgo = Date.now() / 1000 - 7200;
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    await pruneThumbCache(dir, DEFAULT_THUMB_CACHE_BYTES);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('a missing folder is an empty cache', async () => {
    expect(await pruneThumbCache(join(tmp.path, 'nope'), 1)).toEqual({ files: 0, bytes: 0, removed: 0, removedBytes: 0 });
  });

  it('reads its cap from WINNOW_THUMB_CACHE_MB', () => {
    expect(thumbCacheCap({})).toBe(512 * 1024 * 1024);
    expect(thumbCacheCap({ WINNOW_THUMB_CACHE_MB: '64' })).toBe(64 * 1024 * 1024);
    expect(thumbCacheCap({ WINNOW_THUMB_CACHE_MB: '0' })).toBe(Infinity);
    expect(thumbCacheCap({ WINNOW_THUMB_CACHE_MB: 'lots' })).toBe(DEFAULT_THUMB_CACHE_BYTES);
    expect(thumbCacheCap({ WINNOW_THUMB_CACHE_MB: '-5' })).toBe(DEFAULT_THUMB_CACHE_BYTES);
  });
});

describe('Thumbnails with a tiny disk cap', () => {
  const catalogFile = join(tmp.path, 'cat/c.winnow');
  const cacheDir = join(tmp.path, 'cat/.winnow-thumbs');
  let db: ReturnType<typeof openCatalog>;
  let ids: number[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 12; i++) await writeJpeg(join(tmp.path, 'photos', `p${i}.jpg`), 100 + i, 320, 240);
    mkdirSync(join(tmp.path, 'cat'));
    db = openCatalog(catalogFile, { create: true });
    await runImport({ db, root: join(tmp.path, 'photos'), labels: { mode: 'none' } }, {});
    ids = (db.prepare('SELECT id FROM images ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  });
  afterAll(() => db.close());

  it('keeps the folder under the cap while serving every thumbnail', async () => {
    expect(ids).toHaveLength(12);
    // Measure one thumbnail to size the cap: room for about four.
    const probe = new Thumbnails(() => ({ db, path: catalogFile }), { diskCapBytes: Infinity });
    expect((await probe.respond(ids[0]!, 512)).status).toBe(200);
    const one = dirBytes(cacheDir);
    const cap = one * 4.5;

    const thumbs = new Thumbnails(() => ({ db, path: catalogFile }), { diskCapBytes: cap });
    for (const id of ids) {
      const r = await thumbs.respond(id, 512);
      expect(r.status).toBe(200);
      await thumbs.settled();
    }
    await thumbs.settled();
    const files = readdirSync(cacheDir);
    expect(dirBytes(cacheDir)).toBeLessThanOrEqual(cap * 1.3); // at most the writes of one pass over the cap
    expect(files.length).toBeLessThan(ids.length);
    expect(files.length).toBeGreaterThanOrEqual(2);
    // A later pass brings it within the cap; the newest thumbnails survive.
    await pruneThumbCache(cacheDir, cap);
    expect(dirBytes(cacheDir)).toBeLessThanOrEqual(cap);
    const last = await thumbs.respond(ids.at(-1)!, 512);
    expect(last.status).toBe(200);
  });

  it('a disk hit marks the file recently used', async () => {
    const longAgo = Date.now() / 1000 - 86_400;
    for (const f of readdirSync(cacheDir)) utimesSync(join(cacheDir, f), longAgo, longAgo);
    const fresh = new Thumbnails(() => ({ db, path: catalogFile }), { diskCapBytes: Infinity }); // empty memory cache
    expect((await fresh.respond(ids.at(-1)!, 512)).status).toBe(200);
    const recent = () => readdirSync(cacheDir).filter((f) => statSync(join(cacheDir, f)).mtimeMs > Date.now() - 60_000);
    await expect.poll(recent).toHaveLength(1);
  });
});
