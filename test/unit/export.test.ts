import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { runExport } from '../../src/main/core/export/export.ts';
import { defaultFeatures, DEFAULT_NAME_TEMPLATE, type ExportSettings } from '../../src/main/core/export/settings.ts';
import { computeFolds } from '../../src/main/core/folds/catalog-folds.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { readRecords } from '../../src/main/core/tfrecord/reader.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-unit-');
let db: Database.Database;
const root = join(dir.path, 'data');
afterAll(() => {
  db.close();
  dir.cleanup();
});

beforeAll(async () => {
  for (const label of ['x', 'y']) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 20; i++)
      await (await syntheticImage(label.charCodeAt(0) * 100 + i, 128, 96)).jpeg({ quality: 85 }).toFile(join(root, label, `${i}.jpg`));
  }
  db = openCatalog(join(dir.path, 'c.winnow'), { create: true });
  await runImport({ db, root, labels: { mode: 'folders' } });
  computeFolds(db, { k: 2, seed: 3, stratify: true, groups: true });
}, 60_000);

const settings = (outDir: string, over: Partial<ExportSettings> = {}): ExportSettings => ({
  outDir,
  folds: null,
  maxRecordsPerShard: null,
  maxBytesPerShard: null,
  seed: 1,
  transform: { size: { width: 128, height: 96 }, mode: 'stretch', quality: 90, chroma: '420', passthrough: true },
  features: defaultFeatures(['sha256']),
  nameTemplate: DEFAULT_NAME_TEMPLATE,
  compression: 'none',
  overwrite: false,
  ...over,
});

async function records(file: string): Promise<Map<string, ReturnType<typeof decodeExample>>> {
  const out = new Map();
  for await (const r of readRecords(file)) {
    const ex = decodeExample(r.data);
    out.set(Buffer.from((ex.get('image_name')!.value as Uint8Array[])[0]!).toString(), ex);
  }
  return out;
}

describe('runExport', () => {
  it('passes JPEGs already at the target size through byte for byte', async () => {
    const out = join(dir.path, 'pass');
    const report = await runExport(db, settings(out));
    expect(report).toMatchObject({ records: 40, passthrough: 40, reencoded: 0 });
    for (const shard of report.shards) {
      for (const [, ex] of await records(join(out, shard.file))) {
        const image = (ex.get('image')!.value as Uint8Array[])[0]!;
        const sha = Buffer.from((ex.get('sha256')!.value as Uint8Array[])[0]!).toString();
        expect(createHash('sha256').update(image).digest('hex')).toBe(sha);
      }
    }
  });

  it('splits folds into shards of at most N records, numbering shards and parts', async () => {
    const out = join(dir.path, 'split');
    const report = await runExport(db, settings(out, { maxRecordsPerShard: 7, nameTemplate: 'f{fold}-p{part}-{count}.tfrec' }));
    const names = report.shards.map((s) => s.file);
    expect(names).toEqual(['f0-p0-7.tfrec', 'f0-p1-7.tfrec', 'f0-p2-6.tfrec', 'f1-p0-7.tfrec', 'f1-p1-7.tfrec', 'f1-p2-6.tfrec']);
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.tfrec'))
        .sort(),
    ).toEqual([...names].sort());
  });

  it('splits by size when asked, never exceeding the limit with more than one record', async () => {
    const out = join(dir.path, 'bytes');
    const report = await runExport(
      db,
      settings(out, { maxBytesPerShard: 30_000, transform: { ...settings('').transform, passthrough: false } }),
    );
    expect(report.shards.length).toBeGreaterThan(2);
    for (const s of report.shards) expect(s.records === 1 || s.bytes <= 30_000).toBe(true);
  });

  it('cancelling leaves no shard, no staging folder and no manifest behind', async () => {
    const out = join(dir.path, 'cancel');
    const controller = new AbortController();
    const report = await runExport(db, settings(out, { transform: { ...settings('').transform, passthrough: false } }), {
      signal: controller.signal,
      onProgress: (p) => p.done >= 5 && controller.abort(),
    });
    expect(report.cancelled).toBe(true);
    // The folder is made only by swapping a finished export in: a cancelled first export leaves none,
    // and no staging folder beside it.
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir.path).filter((e) => e.startsWith('.cancel.'))).toEqual([]);
  });

  it('writes the notebook features with targets from the sorted label names', async () => {
    const out = join(dir.path, 'features');
    const report = await runExport(db, settings(out, { features: defaultFeatures(['label', 'one_hot_class']) }));
    const all = new Map<string, ReturnType<typeof decodeExample>>();
    for (const s of report.shards) for (const [k, v] of await records(join(out, s.file))) all.set(k, v);
    expect(all.size).toBe(40);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const rec of manifest.records) {
      const ex = all.get(rec.path)!;
      expect(ex).toBeDefined();
    }
    const some = [...all.values()][0]!;
    const label = Buffer.from((some.get('label')!.value as Uint8Array[])[0]!).toString();
    expect(some.get('target')!.value).toEqual([label === 'x' ? 0n : 1n]);
    expect(some.get('one_hot_class')!.value).toEqual(label === 'x' ? [1, 0] : [0, 1]);
    expect([...some.keys()]).toEqual(['image', 'target', 'image_name', 'label', 'one_hot_class']);
  });
});
