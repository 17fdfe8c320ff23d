// The size estimate counts exactly the records the export would write: it plans with the export's
// own planExport (every active image as fold 0 before folds exist) and the same unlabelled policy.
// The shard-name check's {count} agrees with it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Methods } from '../../src/shared/contract.ts';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { planExport } from '../../src/main/core/export/plan.ts';
import { computeFolds } from '../../src/main/core/folds/catalog-folds.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { estimateExport } from '../../src/main/host/export-estimate.ts';
import { checkNameTemplate, ExportWorkers } from '../../src/main/host/export-preview.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-estimate-plan-');
const workers = new ExportWorkers();
let db: Database.Database;

beforeAll(async () => {
  // 6 'm' and 6 'n' in sub-folders, 5 unlabelled images at the top level.
  const root = join(dir.path, 'data');
  for (const label of ['m', 'n']) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 6; i++)
      await (await syntheticImage(label.charCodeAt(0) * 13 + i, 40, 30)).jpeg().toFile(join(root, label, `${i}.jpg`));
  }
  for (let i = 0; i < 5; i++) await (await syntheticImage(600 + i, 40, 30)).jpeg().toFile(join(root, `loose${i}.jpg`));
  db = openCatalog(join(dir.path, 'c.winnow'), { create: true });
  await runImport({ db, root, labels: { mode: 'folders' } });
}, 60_000);

afterAll(async () => {
  await workers.close();
  db.close();
  dir.cleanup();
});

const args = (over: Partial<Methods['export.estimate']['args']> = {}): Methods['export.estimate']['args'] => ({
  size: { width: 32, height: 32 },
  mode: 'fill-crop',
  quality: 80,
  chroma: '420',
  passthrough: true,
  features: ['label'],
  sample: 4,
  ...over,
});

describe('export size estimate and the export plan', () => {
  it('counts what the export would write in a mixed catalog, before and after folds', async () => {
    const before = await estimateExport(db, args(), workers.run);
    expect(before).toMatchObject({ images: 12, shards: null, labelling: 'mixed', unlabelled: 0, unlabelledLeftOut: 5 });
    expect(before.images).toBe(planExport(db, null, 42, { withoutFolds: 'as-fold-0' }).records.length);
    const included = await estimateExport(db, args({ unlabelled: 'include' }), workers.run);
    expect(included).toMatchObject({ images: 17, unlabelled: 5, unlabelledLeftOut: 0 });

    computeFolds(db, { k: 3, seed: 2, stratify: true, groups: true });
    for (const unlabelled of ['skip', 'include'] as const) {
      const est = await estimateExport(db, args({ unlabelled }), workers.run);
      const plan = planExport(db, null, 42, { unlabelled });
      expect(est.images).toBe(plan.records.length);
      expect(est.shards).toBe(plan.folds.length);
      expect(est.unlabelledLeftOut).toBe(plan.unlabelledLeftOut);
    }
  });

  it('names the first shard with the count of records the export writes into it', () => {
    for (const unlabelled of ['skip', 'include'] as const) {
      const plan = planExport(db, null, 42, { unlabelled });
      const inFold0 = plan.records.filter((r) => r.fold === 0).length;
      expect(checkNameTemplate(db, 'train-{shard:02}-{count}.tfrec', unlabelled)).toEqual({
        error: null,
        first: `train-00-${inFold0}.tfrec`,
      });
    }
  });
});
