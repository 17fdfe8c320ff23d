// The export's refusals through the host API: the job ends with the sentence as its error, nothing
// is written, and the job slot is free again (the next export runs).
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Methods } from '../../src/shared/contract.ts';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { computeFolds } from '../../src/main/core/folds/catalog-folds.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { testHost } from '../helpers/host.ts';

const dir = tempDir('winnow-export-faults-host-');
const root = join(dir.path, 'data');
const catalog = join(dir.path, 'c.winnow');
afterAll(() => dir.cleanup());

beforeAll(async () => {
  for (const label of ['p', 'q'])
    for (let i = 0; i < 4; i++) await writeJpeg(join(root, label, `${i}.jpg`), label.charCodeAt(0) * 31 + i, 48, 36);
  const db = openCatalog(catalog, { create: true });
  await runImport({ db, root, labels: { mode: 'folders' } });
  computeFolds(db, { k: 2, seed: 1, stratify: true, groups: true });
  db.close();
}, 60_000);

const args = (outDir: string): Methods['export.start']['args'] => ({
  outDir,
  size: null,
  mode: 'none',
  quality: 90,
  chroma: '420',
  passthrough: true,
  features: [],
  gzip: false,
  overwrite: false,
});

describe('export through the host', () => {
  it('a missing source folder ends the job with the sentence, writes nothing, and frees the slot', async () => {
    const { host, job } = testHost({ catalog });
    const out = join(dir.path, 'out-gone');
    try {
      renameSync(root, `${root}-moved`);
      const done = await job('export.start', args(out)).finally(() => renameSync(`${root}-moved`, root));
      expect(done.error).toBe(
        `Source folder ${root} is missing (moved or unmounted?): nothing was written. Reconnect it or remove it with \`winnow sources --remove\`.`,
      );
      expect(done).not.toHaveProperty('report');
      expect(existsSync(out)).toBe(false);
      const again = await job('export.start', args(out));
      expect(again.error).toBeUndefined();
      expect((again as { report: { records: number } }).report.records).toBe(8);
    } finally {
      await host.close();
    }
  });

  it("the job's report says what an interrupted export had left beside the folder", async () => {
    const { host, job } = testHost({ catalog });
    const staging = join(dir.path, '.out-left.winnow-staging');
    mkdirSync(staging);
    writeFileSync(join(staging, 'train-00-3.tfrec'), 'half');
    try {
      const done = (await job('export.start', args(join(dir.path, 'out-left')))) as { report: { records: number; recovered: string[] } };
      expect(done.report.records).toBe(8);
      expect(done.report.recovered).toEqual([`Found an unfinished export in ${staging}, left by an interrupted run: removed it.`]);
      expect(existsSync(staging)).toBe(false);
    } finally {
      await host.close();
    }
  });

  it('an out folder in /proc ends the job with a sentence instead of hanging, and frees the slot', async () => {
    const { host, job } = testHost({ catalog });
    try {
      const done = await job('export.start', args('/proc/x'));
      expect(done.error).toBe('/proc/x is on /proc, a system pseudo-file system that cannot hold an export: choose another folder.');
      expect(existsSync('/proc/x')).toBe(false);
      const out = join(dir.path, 'out-after-proc');
      const again = await job('export.start', args(out));
      expect((again as { report: { records: number } }).report.records).toBe(8);
      expect(await host.dispatch('job.cancel', { jobId: again.jobId })).toEqual({ cancelled: false });
    } finally {
      await host.close();
    }
  }, 60_000);
});
