// The export form's host side on real bytes: the preview is the very JPEG the export writes, its
// size follows every resize mode, the size estimate lands near a real export of the same images,
// the name template check, and the current shard's progress total.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Methods } from '../../src/shared/contract.ts';
import { Host } from '../../src/main/host/host.ts';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { runExport } from '../../src/main/core/export/export.ts';
import { computeFolds } from '../../src/main/core/folds/catalog-folds.ts';
import type { Progress } from '../../src/main/core/jobs.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { readRecords } from '../../src/main/core/tfrecord/reader.ts';
import { estimateExport, projectShards } from '../../src/main/host/export-estimate.ts';
import { checkNameTemplate, ExportWorkers, previewImage } from '../../src/main/host/export-preview.ts';
import { exportSettings } from '../../src/main/host/export-settings.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-form-');
const root = join(dir.path, 'data');
const catalogFile = join(dir.path, 'c.winnow');
const workers = new ExportWorkers();
let db: Database.Database;

type Transform = Pick<Methods['export.preview']['args'], 'size' | 'mode' | 'quality' | 'chroma' | 'passthrough'>;
const t = (over: Partial<Transform> = {}): Transform => ({
  size: { width: 96, height: 64 },
  mode: 'fill-crop',
  quality: 85,
  chroma: '420',
  passthrough: true,
  ...over,
});

beforeAll(async () => {
  // 48 images of three shapes, and 6 PNGs that can never pass through.
  for (const [label, w, h] of [
    ['a', 320, 240],
    ['b', 200, 300],
    ['c', 256, 256],
  ] as const) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 16; i++)
      await (await syntheticImage(label.charCodeAt(0) * 1000 + i, w, h)).jpeg({ quality: 90 }).toFile(join(root, label, `${i}.jpg`));
    for (let i = 0; i < 2; i++)
      await (await syntheticImage(label.charCodeAt(0) * 77 + i, w, h)).png().toFile(join(root, label, `p${i}.png`));
  }
  db = openCatalog(catalogFile, { create: true });
  await runImport({ db, root, labels: { mode: 'folders' } });
  computeFolds(db, { k: 3, seed: 5, stratify: true, groups: false });
}, 60_000);

afterAll(async () => {
  await workers.close();
  db.close();
  dir.cleanup();
});

/** Every record's image bytes by image_name. */
async function exported(out: string, files: string[]): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  for (const f of files) {
    for await (const r of readRecords(join(out, f))) {
      const ex = decodeExample(r.data);
      const name = Buffer.from((ex.get('image_name')!.value as Uint8Array[])[0]!).toString();
      images.set(name, Buffer.from((ex.get('image')!.value as Uint8Array[])[0]!));
    }
  }
  return images;
}

const startArgs = (
  outDir: string,
  tr: Transform,
  over: Partial<Methods['export.start']['args']> = {},
): Methods['export.start']['args'] => ({
  outDir,
  ...tr,
  features: [],
  gzip: false,
  overwrite: false,
  ...over,
});

describe('export preview', () => {
  it('gives the requested size in every resize mode, and the source size with keep size', async () => {
    for (const mode of ['fill-crop', 'stretch', 'fit-pad'] as const) {
      for (const index of [0, 20, 40]) {
        const p = await previewImage(db, { ...t({ mode }), index }, workers.run);
        const meta = await sharp(Buffer.from(p.dataUrl!.split(',')[1]!, 'base64')).metadata();
        expect([p.width, p.height, meta.width, meta.height, meta.format]).toEqual([96, 64, 96, 64, 'jpeg']);
        expect(meta.size ?? Buffer.from(p.dataUrl!.split(',')[1]!, 'base64').length).toBe(p.bytes);
        expect(p.passthrough).toBe(false);
      }
    }
    const kept = await previewImage(db, { ...t({ size: null, mode: 'none' }), index: 3 }, workers.run);
    expect([kept.width, kept.height]).toEqual([kept.original.width, kept.original.height]);
    expect(kept.passthrough).toBe(true);
    expect(kept.bytes).toBe(kept.original.bytes);
  });

  it('is byte for byte what the export writes for that image', async () => {
    const tr = t({ mode: 'fit-pad', quality: 70, chroma: '444' });
    const out = join(dir.path, 'wysiwyg');
    const report = await runExport(db, exportSettings(startArgs(out, tr)));
    const images = await exported(
      out,
      report.shards.map((s) => s.file),
    );
    for (const index of [0, 7, 17, 50]) {
      const p = await previewImage(db, { ...tr, index }, workers.run);
      expect(Buffer.from(p.dataUrl!.split(',')[1]!, 'base64').equals(images.get(p.path)!)).toBe(true);
    }
  });

  it('steps through the active images by index (wrapping) or picks one by id', async () => {
    const first = await previewImage(db, t(), workers.run);
    expect([first.index, first.of]).toEqual([0, 54]);
    const wrapped = await previewImage(db, { ...t(), index: 54 }, workers.run);
    expect(wrapped.imageId).toBe(first.imageId);
    const tenth = await previewImage(db, { ...t(), index: 10 }, workers.run);
    const byId = await previewImage(db, { ...t(), imageId: tenth.imageId }, workers.run);
    expect([byId.index, byId.path]).toEqual([10, tenth.path]);
    await expect(previewImage(db, { ...t(), imageId: 99_999 }, workers.run)).rejects.toThrow(/not an active image/);
  });
});

describe('export size estimate', () => {
  it('lands within 15% of a real export of the same images', async () => {
    for (const tr of [
      t({ size: { width: 128, height: 128 }, quality: 85 }),
      t({ size: { width: 200, height: 150 }, mode: 'stretch', quality: 60, chroma: '444' }),
    ]) {
      const est = await estimateExport(db, { ...tr, features: ['label'], sample: 16 }, workers.run);
      const out = join(dir.path, `est-${tr.quality}`);
      const report = await runExport(db, exportSettings(startArgs(out, tr, { features: ['label'] })));
      const images = await exported(
        out,
        report.shards.map((s) => s.file),
      );
      const actualMean = [...images.values()].reduce((a, b) => a + b.length, 0) / images.size;
      const actualTotal = report.shards.reduce((a, s) => a + s.bytes, 0);
      expect(est.images).toBe(54);
      expect(est.sampled).toBe(16);
      expect(est.shards).toBe(report.shards.length);
      expect(Math.abs(est.meanBytes / actualMean - 1)).toBeLessThan(0.15);
      expect(Math.abs(est.totalBytes / actualTotal - 1)).toBeLessThan(0.15);
      expect(est.medianBytes).toBeGreaterThan(0);
    }
  });

  it('counts passthrough JPEGs exactly from their file sizes and samples only the rest', async () => {
    const tr = t({ size: null, mode: 'none', passthrough: true });
    const est = await estimateExport(db, { ...tr, features: [], sample: 32 }, workers.run);
    expect(est.exact).toBe(48);
    expect(est.sampled).toBe(6); // the uniform draw holds too few PNGs, so all 6 are encoded
    const out = join(dir.path, 'pass');
    const report = await runExport(db, exportSettings(startArgs(out, tr)));
    expect(report.passthrough).toBe(48);
    const actualTotal = report.shards.reduce((a, s) => a + s.bytes, 0);
    expect(Math.abs(est.totalBytes / actualTotal - 1)).toBeLessThan(0.02);
  });

  it('projects shards as the export cuts them', () => {
    expect(projectShards([18, 18, 18], 5000)).toBe(3);
    expect(projectShards([18, 0, 7], 5000, { maxRecords: 5, maxBytes: null })).toBe(4 + 2);
    expect(projectShards([18], 5000, { maxRecords: null, maxBytes: 20_000 })).toBe(5);
  });
});

describe('name template and progress', () => {
  it('checks the template and names the first shard with the current folds', () => {
    expect(checkNameTemplate(db, 'train-{shard:02}-{count}.tfrec')).toEqual({ error: null, first: 'train-00-18.tfrec' });
    expect(checkNameTemplate(db, 'fold{fold}.tfrec').first).toBe('fold0.tfrec');
    expect(checkNameTemplate(db, 'train-{count}.tfrec').error).toMatch(/needs \{shard\}/);
    expect(checkNameTemplate(db, 'x/{shard}.tfrec').error).toMatch(/folder separator/);
    expect(checkNameTemplate(db, '{shard}-{size}.tfrec').error).toMatch(/Unknown token \{size\}/);
    expect(() => exportSettings(startArgs('/tmp/x', t(), { nameTemplate: 'same.tfrec' }))).toThrow(/needs \{shard\}/);
  });

  it('reports the current shard with its total, one shard per fold', async () => {
    const seen: NonNullable<Progress['detail']>[] = [];
    await runExport(db, exportSettings(startArgs(join(dir.path, 'progress'), t())), { onProgress: (p) => p.detail && seen.push(p.detail) });
    expect(seen.length).toBeGreaterThan(0);
    for (const d of seen) {
      expect(d.total).toBe(18);
      expect(d.done).toBeLessThanOrEqual(18);
    }
  });

  it('answers through the host, with user errors as messages', async () => {
    const host = new Host({ shell: 'browser', emit: () => {}, recent: null });
    try {
      await expect(host.dispatch('export.template', { template: 'x{shard}' })).rejects.toThrow(/No catalog is open/);
      await host.dispatch('catalog.open', { path: catalogFile });
      const p = (await host.dispatch('export.preview', { ...t({ size: { width: 40, height: 30 } }), index: 2 })) as {
        width: number;
        height: number;
      };
      expect([p.width, p.height]).toEqual([40, 30]);
      expect(await host.dispatch('export.template', { template: 'a-{fold}-{part}.tfrec' })).toEqual({ error: null, first: 'a-0-0.tfrec' });
      // With GZIP on, the first file is named as the export will write it.
      expect(await host.dispatch('export.template', { template: 'a-{fold}-{part}.tfrec', gzip: true })).toEqual({
        error: null,
        first: 'a-0-0.tfrec.gz',
      });
      await expect(host.dispatch('export.preview', { ...t(), mode: 'none' })).rejects.toThrow(/keep size/);
      await expect(host.dispatch('export.estimate', { ...t(), features: [], sample: 0 })).rejects.toThrow(/sample/);
    } finally {
      await host.close();
    }
  });

  it('opens only the folder of the last finished export, and the browser host says it cannot', async () => {
    const opened: string[] = [];
    const events: { kind: string; report?: { outDir: string } }[] = [];
    const host = new Host({
      shell: 'electron',
      recent: null,
      emit: (event, payload) => event === 'job.done' && events.push(payload as (typeof events)[number]),
      revealFolder: async (path) => (opened.push(path), ''),
    });
    try {
      await host.dispatch('catalog.open', { path: catalogFile });
      expect(await host.dispatch('export.reveal', {})).toMatchObject({ opened: false, path: null, unsupported: /No export/ });
      const out = join(dir.path, 'reveal');
      await host.dispatch('export.start', startArgs(out, t()));
      await expect.poll(() => events.length, { timeout: 20_000 }).toBe(1);
      expect(await host.dispatch('export.reveal', {})).toEqual({ opened: true, path: out });
      expect(opened).toEqual([out]);
      // Arguments are refused: the page cannot name another folder.
      await expect(host.dispatch('export.reveal', { path: '/etc' })).rejects.toThrow(/path/);
    } finally {
      await host.close();
    }
    const done: unknown[] = [];
    const browser = new Host({ shell: 'browser', recent: null, emit: (event, payload) => event === 'job.done' && done.push(payload) });
    try {
      await browser.dispatch('catalog.open', { path: catalogFile });
      await browser.dispatch('export.start', startArgs(join(dir.path, 'reveal-browser'), t()));
      await expect.poll(() => done.length, { timeout: 20_000 }).toBe(1);
      expect(await browser.dispatch('export.reveal', {})).toMatchObject({
        opened: false,
        path: join(dir.path, 'reveal-browser'),
        unsupported: /browser host cannot open folders/,
      });
    } finally {
      await browser.close();
    }
  });
});
