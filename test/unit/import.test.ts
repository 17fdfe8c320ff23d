import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getSetting, openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { listImages } from '../../src/main/core/catalog/images.ts';
import type { Progress } from '../../src/main/core/jobs.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { record } from '../../src/main/core/decisions/journal.ts';
import { syncDecisions } from '../../src/main/core/decisions/sync.ts';
import { EXPECTED_FAILURES, writeMixedTree } from '../helpers/bad-inputs.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dirs: { cleanup: () => void }[] = [];
const scratch = (): string => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('runImport on a folder with every format and every kind of bad input', () => {
  it('imports the good images with labels and hashes, reports each bad file clearly, and writes nothing in the folder', async () => {
    const root = join(scratch(), 'data');
    const good = await writeMixedTree(root, { bombPixels: 1_000_000 });
    const before = snapshotTree(root);
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    const report = await runImport({ db, root, labels: { mode: 'folders' }, maxPixels: 1_000_000, workers: 2 });

    expect(report.added).toBe(good);
    expect(report.skipped).toBe(1); // README.txt
    expect(report.failed).toBe(5);
    const failures = Object.fromEntries(report.failures.map((f) => [f.path, f.error]));
    expect(Object.keys(failures).sort()).toEqual(Object.keys(EXPECTED_FAILURES).sort());
    for (const [path, pattern] of Object.entries(EXPECTED_FAILURES)) expect(failures[path]).toMatch(pattern);

    const rows = listImages(db);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.get('dogs/actually-png.jpg')).toMatchObject({ format: 'png', label: 'dogs', status: 'active', width: 120, height: 90 });
    expect(byPath.get('cats/c2.jpg')).toMatchObject({ format: 'jpeg', label: 'cats', width: 300, height: 200 });
    expect(new Set(rows.filter((r) => r.status === 'active').map((r) => r.format))).toEqual(
      new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif']),
    );
    expect(byPath.get('cats/caf\ufffd.jpg')).toMatchObject({ status: 'active', format: 'jpeg' });
    expect(byPath.get(`cats/${'long'.repeat(62)}.jpg`)).toMatchObject({ status: 'active' });
    const c1 = byPath.get('cats/c1.jpg')!;
    expect(c1.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(root, 'cats/c1.jpg')))
        .digest('hex'),
    );
    for (const h of [c1.ahash, c1.phash, c1.dhash, c1.whash, c1.blockhash]) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(byPath.get('bad/truncated.jpg')).toMatchObject({ status: 'error', ahash: null });
    expect(byPath.get('bad/truncated.jpg')!.error).toMatch(EXPECTED_FAILURES['bad/truncated.jpg']!);

    expect(snapshotTree(root)).toEqual(before);
    db.close();
  });
});

describe('re-import', () => {
  it('reads only what changed, marks vanished files missing and recognises moves by content', async () => {
    const root = join(scratch(), 'data');
    for (let i = 0; i < 6; i++) await writeJpeg(join(root, `L${i % 2}/img${i}.jpg`), 100 + i);
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    const first = await runImport({ db, root, labels: { mode: 'folders' } });
    expect(first).toMatchObject({ added: 6, unchanged: 0, changed: 0, missing: 0, moved: 0, failed: 0 });

    const again = await runImport({ db, root, labels: { mode: 'folders' } });
    expect(again).toMatchObject({ added: 0, unchanged: 6, changed: 0, missing: 0, moved: 0 });
    const features = db.prepare('SELECT length(thumb) AS bytes, phash_mirror IS NOT NULL AS mirror FROM hashes').all();
    expect(features).toEqual(Array(6).fill({ bytes: 256, mirror: 1 }));

    // A row indexed before matching features existed (schema v1) is read again once.
    db.prepare(
      "UPDATE hashes SET thumb = NULL, phash_mirror = NULL, dhash_mirror = NULL WHERE image_id = (SELECT id FROM images WHERE rel_path = 'L1/img3.jpg')",
    ).run();
    expect(await runImport({ db, root, labels: { mode: 'folders' } })).toMatchObject({ unchanged: 5, changed: 1 });

    await writeJpeg(join(root, 'L0/img0.jpg'), 999); // new content
    utimesSync(join(root, 'L0/img0.jpg'), new Date(), new Date(Date.now() + 5000));
    rmSync(join(root, 'L1/img1.jpg'));
    const shaOf2 = listImages(db).find((r) => r.path === 'L0/img2.jpg')!.sha256;
    const idOf2 = (db.prepare("SELECT id FROM images WHERE rel_path = 'L0/img2.jpg'").get() as { id: number }).id;
    renameSync(join(root, 'L0/img2.jpg'), join(root, 'L1/renamed.jpg'));
    await writeJpeg(join(root, 'L1/new.jpg'), 555);
    record(db, [{ op: 'exclude', ids: [idOf2] }]);
    syncDecisions(db);
    const third = await runImport({ db, root, labels: { mode: 'folders' } });
    expect(third).toMatchObject({ added: 1, unchanged: 3, changed: 1, missing: 1, moved: 1, failed: 0 });

    const rows = listImages(db);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.path === 'L1/img1.jpg')!.status).toBe('missing');
    const moved = rows.find((r) => r.path === 'L1/renamed.jpg')!;
    // the decision made on the old path follows the file (its row) to its new path
    expect(moved).toMatchObject({ sha256: shaOf2, label: 'L1', status: 'excluded' });
    expect(rows.find((r) => r.path === 'L0/img2.jpg')).toBeUndefined();
    db.close();
  });

  it('gives a moved file the vanished row of the same name, else the same folder, else the first by path, among exact copies', async () => {
    const root = join(scratch(), 'data');
    const photo = await writeJpeg(join(root, 'a/one.jpg'), 77);
    for (const rel of ['b/two.jpg', 'c/three.jpg']) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), photo);
    }
    await writeJpeg(join(root, 'z/other-photo.jpg'), 78);
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    expect(await runImport({ db, root, labels: { mode: 'none' }, workers: 1 })).toMatchObject({ added: 4 });
    const idOf = (path: string): number =>
      (db.prepare('SELECT id FROM images WHERE rel_path = ?').get(path) as { id: number } | undefined)?.id ?? -1;
    const before = { one: idOf('a/one.jpg'), two: idOf('b/two.jpg'), three: idOf('c/three.jpg') };

    // All three copies move; each new place has one clear best claim on a vanished row.
    mkdirSync(join(root, 'd'));
    mkdirSync(join(root, 'e'));
    renameSync(join(root, 'c/three.jpg'), join(root, 'd/three.jpg')); // same name as c/three.jpg
    renameSync(join(root, 'b/two.jpg'), join(root, 'b/copy.jpg')); // same folder as b/two.jpg
    renameSync(join(root, 'a/one.jpg'), join(root, 'e/elsewhere.jpg')); // neither: the first left by path
    const report = await runImport({ db, root, labels: { mode: 'none' }, workers: 1 });
    expect(report).toMatchObject({ added: 0, moved: 3, missing: 0, unchanged: 1 });
    expect({ one: idOf('e/elsewhere.jpg'), two: idOf('b/copy.jpg'), three: idOf('d/three.jpg') }).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 4 });
    db.close();
  });

  it('relabels unchanged images when the label source changes, without re-reading them', async () => {
    const root = join(scratch(), 'data');
    for (let i = 0; i < 3; i++) await writeJpeg(join(root, `f/img${i}.jpg`), i);
    const csv = join(scratch(), 'labels.csv');
    writeFileSync(csv, 'image_id,label\nimg0.jpg,0\nimg1.jpg,1\nimg2.jpg,1\n');
    const map = join(scratch(), 'map.json');
    writeFileSync(map, '{"0": "healthy", "1": "sick"}');
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    await runImport({ db, root, labels: { mode: 'folders' } });
    const report = await runImport({ db, root, labels: { mode: 'csv', file: csv }, labelMapFile: map });
    expect(report).toMatchObject({ unchanged: 3, added: 0, labelProblems: [] });
    expect(listImages(db).map((r) => r.label)).toEqual(['healthy', 'sick', 'sick']);
    expect(db.prepare('SELECT name, code FROM labels ORDER BY name').all()).toEqual([
      { name: 'f', code: null },
      { name: 'healthy', code: 0 },
      { name: 'sick', code: 1 },
    ]);
    db.close();
  });
});

describe('progress and cancellation', () => {
  it('reports throttled progress and keeps what was hashed before a cancel', async () => {
    const root = join(scratch(), 'data');
    const n = 120;
    for (let i = 0; i < n; i++) await writeJpeg(join(root, `x/img${String(i).padStart(3, '0')}.jpg`), i, 640, 480);
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    const controller = new AbortController();
    const events: Progress[] = [];
    const report = await runImport(
      { db, root, labels: { mode: 'none' }, workers: 1 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          events.push(p);
          // The first hash event comes with the first result (later ones at most every 200 ms).
          if (p.phase === 'hash' && p.done >= 1) controller.abort();
        },
      },
    );
    expect(report.cancelled).toBe(true);
    const kept = listImages(db).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(n);
    expect(report.added).toBe(kept);
    const hashEvents = events.filter((e) => e.phase === 'hash');
    expect(hashEvents.at(-1)!.total).toBe(n);

    const rest = await runImport({ db, root, labels: { mode: 'none' } }, { onProgress: (p) => events.push(p) });
    expect(rest).toMatchObject({ cancelled: false, added: n - kept, unchanged: kept });
    expect(listImages(db)).toHaveLength(n);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ phase: 'hash', done: n - kept, total: n - kept, etaSec: 0 });
    expect(last.ratePerSec).toBeGreaterThan(0);
    db.close();
  });

  it('sends at most about five progress events a second', async () => {
    const root = join(scratch(), 'data');
    for (let i = 0; i < 200; i++) await writeJpeg(join(root, `img${i}.jpg`), i, 64, 48);
    const db = openCatalog(join(scratch(), 'c.winnow'), { create: true });
    const events: Progress[] = [];
    const started = performance.now();
    await runImport({ db, root, labels: { mode: 'none' } }, { onProgress: (p) => events.push(p) });
    const seconds = (performance.now() - started) / 1000;
    expect(events.length).toBeLessThanOrEqual(Math.ceil(seconds * 5) + 2);
    expect(events.at(-1)!.done).toBe(200);
    db.close();
  });
});

describe('blockhash mode', () => {
  it('is fixed by the first import: colour (the default) hashes R+G+B, a later luma import is refused, other hashes agree', async () => {
    const root = join(scratch(), 'data');
    for (let i = 0; i < 4; i++) await writeJpeg(join(root, `a${i}.jpg`), 40 + i, 200, 150);
    const colourDb = openCatalog(join(scratch(), 'colour.winnow'), { create: true });
    await runImport({ db: colourDb, root, labels: { mode: 'none' }, workers: 1 });
    expect(getSetting(colourDb, 'hashing.blockhash')).toBe('colour');
    const lumaDb = openCatalog(join(scratch(), 'luma.winnow'), { create: true });
    await runImport({ db: lumaDb, root, labels: { mode: 'none' }, blockhash: 'luma', workers: 1 });
    const colour = listImages(colourDb);
    const luma = listImages(lumaDb);
    expect(colour.map((r) => r.phash)).toEqual(luma.map((r) => r.phash));
    expect(colour.filter((r, i) => r.blockhash !== luma[i]!.blockhash).length).toBeGreaterThan(0);
    await expect(runImport({ db: colourDb, root, labels: { mode: 'none' }, blockhash: 'luma' })).rejects.toThrow(
      /colour-based.*--blockhash luma/,
    );
    // Without a choice a re-import keeps the catalog's mode (nothing changed here, nothing re-hashed).
    const again = await runImport({ db: colourDb, root, labels: { mode: 'none' } });
    expect(again).toMatchObject({ unchanged: 4, added: 0 });
    colourDb.close();
    lumaDb.close();
  });

  it('keeps catalogs indexed before the choice existed on luma (their blockhashes), whatever the new default', async () => {
    const root = join(scratch(), 'old');
    for (let i = 0; i < 3; i++) await writeJpeg(join(root, `o${i}.jpg`), 60 + i, 120, 90);
    const db = openCatalog(join(scratch(), 'old.winnow'), { create: true });
    await runImport({ db, root, labels: { mode: 'none' }, blockhash: 'luma', workers: 1 });
    const before = listImages(db).map((r) => r.blockhash);
    db.prepare("DELETE FROM settings WHERE key = 'hashing.blockhash'").run(); // as written by session-1 Winnow
    await writeJpeg(join(root, 'o3.jpg'), 90, 120, 90);
    expect(await runImport({ db, root, labels: { mode: 'none' }, workers: 1 })).toMatchObject({ added: 1, unchanged: 3 });
    expect(getSetting(db, 'hashing.blockhash')).toBe('luma');
    expect(
      listImages(db)
        .slice(0, 3)
        .map((r) => r.blockhash),
    ).toEqual(before);
    await expect(runImport({ db, root, labels: { mode: 'none' }, blockhash: 'colour' })).rejects.toThrow(/luma-based/);
    db.close();
  });
});
