// The export plan's unlabelled policy: one place decides which images the export writes, so the CLI,
// the host and the size estimate agree.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { planExport, writtenFeatures } from '../../src/main/core/export/plan.ts';
import { defaultFeatures } from '../../src/main/core/export/settings.ts';
import { computeFolds } from '../../src/main/core/folds/catalog-folds.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-plan-');
let mixed: Database.Database;
let bare: Database.Database;
afterAll(() => {
  mixed.close();
  bare.close();
  dir.cleanup();
});

beforeAll(async () => {
  // 5 'x' and 5 'y' in sub-folders, 4 unlabelled at the top level; a second folder with no labels.
  const root = join(dir.path, 'mixed');
  for (const label of ['x', 'y']) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 5; i++)
      await (await syntheticImage(label.charCodeAt(0) * 10 + i, 40, 30)).jpeg().toFile(join(root, label, `${i}.jpg`));
  }
  for (let i = 0; i < 4; i++) await (await syntheticImage(700 + i, 40, 30)).jpeg().toFile(join(root, `u${i}.jpg`));
  const bareRoot = join(dir.path, 'bare');
  mkdirSync(bareRoot);
  for (let i = 0; i < 6; i++) await (await syntheticImage(800 + i, 40, 30)).jpeg().toFile(join(bareRoot, `t${i}.jpg`));
  mixed = openCatalog(join(dir.path, 'mixed.winnow'), { create: true });
  await runImport({ db: mixed, root, labels: { mode: 'folders' } });
  computeFolds(mixed, { k: 2, seed: 1, stratify: true, groups: true });
  bare = openCatalog(join(dir.path, 'bare.winnow'), { create: true });
  await runImport({ db: bare, root: bareRoot, labels: { mode: 'none' } });
  computeFolds(bare, { k: 2, seed: 1, stratify: true, groups: true });
}, 60_000);

describe('planExport and unlabelled images', () => {
  it('leaves unlabelled images of a mixed catalog out by default and counts them', () => {
    const plan = planExport(mixed, null, 1);
    expect(plan.records).toHaveLength(10);
    expect(plan.records.every((r) => r.label !== null && r.target >= 0)).toBe(true);
    expect(plan).toMatchObject({ labelling: 'mixed', unlabelled: 0, unlabelledLeftOut: 4, numClasses: 2 });
  });

  it('writes them with target -1 when asked, and counts per chosen fold', () => {
    const plan = planExport(mixed, null, 1, { unlabelled: 'include' });
    expect(plan.records).toHaveLength(14);
    expect(
      plan.records
        .filter((r) => r.target === -1)
        .map((r) => r.relPath)
        .sort(),
    ).toEqual(['u0.jpg', 'u1.jpg', 'u2.jpg', 'u3.jpg']);
    expect(plan).toMatchObject({ labelling: 'mixed', unlabelled: 4, unlabelledLeftOut: 0 });
    const fold0 = planExport(mixed, [0], 1);
    const unlabelledIn0 = planExport(mixed, [0], 1, { unlabelled: 'include' }).unlabelled;
    expect(fold0.unlabelledLeftOut).toBe(unlabelledIn0);
    expect(fold0.records.length + unlabelledIn0).toBe(7);
  });

  it('plans every image of a catalog without labels, and its records carry no target', () => {
    for (const unlabelled of ['skip', 'include'] as const) {
      const plan = planExport(bare, null, 1, { unlabelled });
      expect(plan).toMatchObject({ labelling: 'none', unlabelled: 0, unlabelledLeftOut: 0, numClasses: 0 });
      expect(plan.records).toHaveLength(6);
    }
    const asked = defaultFeatures(['label', 'one_hot_class', 'sha256']);
    expect(writtenFeatures(asked, 'none')).toEqual({ image: 'image', image_name: 'image_name', sha256: 'sha256' });
    expect(writtenFeatures(asked, 'mixed')).toEqual(asked);
  });
});
