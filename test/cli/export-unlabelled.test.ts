// Unlabelled images in an export: left out (and counted) when the catalog mixes labelled and
// unlabelled images, written with target -1 only when asked, and a catalog with no label at all
// exports a test set whose records carry no target. Shards are read back with the project's reader.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { readRecords } from '../../src/main/core/tfrecord/reader.ts';
import { winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-unlabelled-');
afterAll(() => dir.cleanup());
const mixed = join(dir.path, 'mixed');
const bare = join(dir.path, 'bare');
const mixedCatalog = join(dir.path, 'mixed.winnow');
const bareCatalog = join(dir.path, 'bare.winnow');

interface Rec {
  name: string;
  features: string[];
  target: bigint | null;
}

/** Every record of every shard in `out`: image_name, feature names and target. */
async function readShards(out: string): Promise<Rec[]> {
  const recs: Rec[] = [];
  for (const f of readdirSync(out)
    .filter((f) => f.endsWith('.tfrec'))
    .sort()) {
    for await (const r of readRecords(join(out, f))) {
      const ex = decodeExample(r.data);
      const target = ex.get('target')?.value as bigint[] | undefined;
      recs.push({
        name: Buffer.from((ex.get('image_name')!.value as Uint8Array[])[0]!).toString(),
        features: [...ex.keys()],
        target: target?.[0] ?? null,
      });
    }
  }
  return recs;
}

beforeAll(async () => {
  // Folder labels: 6 cats and 6 dogs in sub-folders, 5 images at the top level with no label.
  for (const [li, label] of ['cats', 'dogs'].entries()) {
    mkdirSync(join(mixed, label), { recursive: true });
    for (let i = 0; i < 6; i++) await (await syntheticImage(900 + li * 10 + i, 48, 40)).jpeg().toFile(join(mixed, label, `${i}.jpg`));
  }
  for (let i = 0; i < 5; i++) await (await syntheticImage(950 + i, 48, 40)).jpeg().toFile(join(mixed, `loose${i}.jpg`));
  mkdirSync(bare, { recursive: true });
  for (let i = 0; i < 7; i++) await (await syntheticImage(970 + i, 48, 40)).jpeg().toFile(join(bare, `test${i}.jpg`));
  for (const [folder, catalog, labels] of [
    [mixed, mixedCatalog, 'folders'],
    [bare, bareCatalog, 'none'],
  ] as const) {
    expect(winnow('index', folder, '--catalog', catalog, '--labels', labels).code).toBe(0);
    expect(winnow('folds', '--catalog', catalog, '--k', '2', '--seed', '3').code).toBe(0);
  }
}, 120_000);

describe('winnow export and unlabelled images', () => {
  it('leaves unlabelled images out of a mixed catalog by default and says how many', async () => {
    const out = join(dir.path, 'skip');
    const report = json('export', '--catalog', mixedCatalog, '--out', out, '--size', '32x32');
    expect(report).toMatchObject({ records: 12, unlabelled: 0, unlabelledLeftOut: 5, labelling: 'mixed' });
    const recs = await readShards(out);
    expect(recs).toHaveLength(12);
    expect(recs.every((r) => r.target === 0n || r.target === 1n)).toBe(true);
    expect(recs.some((r) => r.name.startsWith('loose'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.records).toHaveLength(12);
    const text = winnow('export', '--catalog', mixedCatalog, '--out', join(dir.path, 'skip-text'), '--size', '32x32');
    expect(text.stdout).toContain('5 unlabelled images left out (--unlabelled include writes them with target -1)');
  });

  it('writes them with target -1 with --unlabelled include', async () => {
    const out = join(dir.path, 'include');
    const report = json('export', '--catalog', mixedCatalog, '--out', out, '--size', '32x32', '--unlabelled', 'include');
    expect(report).toMatchObject({ records: 17, unlabelled: 5, unlabelledLeftOut: 0 });
    const recs = await readShards(out);
    expect(
      recs
        .filter((r) => r.target === -1n)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['loose0.jpg', 'loose1.jpg', 'loose2.jpg', 'loose3.jpg', 'loose4.jpg']);
    const text = winnow(
      'export',
      '--catalog',
      mixedCatalog,
      '--out',
      join(dir.path, 'include-text'),
      '--size',
      '32x32',
      '--unlabelled',
      'include',
    );
    expect(text.stdout).toContain('5 unlabelled images written with target -1');
    const bad = winnow('export', '--catalog', mixedCatalog, '--out', join(dir.path, 'x'), '--unlabelled', 'drop');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--unlabelled must be skip or include/)]);
  });

  it('exports every image of a catalog without labels, with no target, label or one_hot_class feature', async () => {
    const out = join(dir.path, 'bare-out');
    const report = json(
      'export',
      '--catalog',
      bareCatalog,
      '--out',
      out,
      '--size',
      '32x32',
      '--features',
      'image,target,image_name,label,one_hot_class,sha256',
    );
    expect(report).toMatchObject({ records: 7, unlabelled: 0, unlabelledLeftOut: 0, labelling: 'none' });
    const recs = await readShards(out);
    expect(recs).toHaveLength(7);
    for (const r of recs) expect(r.features).toEqual(['image', 'image_name', 'sha256']);
    const py = readFileSync(join(out, 'read_example.py'), 'utf8');
    expect(py).not.toMatch(/"target"|"label"|"one_hot_class"/);
    expect(py).toContain('"image_name": tf.io.FixedLenFeature([], tf.string)');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.settings.features).toEqual({ image: 'image', image_name: 'image_name', sha256: 'sha256' });
    expect(manifest.records.every((r: object) => !('target' in r))).toBe(true);
    const text = winnow('export', '--catalog', bareCatalog, '--out', join(dir.path, 'bare-text'), '--size', '32x32');
    expect(text.stdout).toContain('no image has a label: records hold image and image_name only, as for a test set');
    expect(text.stdout).not.toMatch(/target -1/);
  });

  it('documents --unlabelled in the help', () => {
    expect(winnow('export', '--help').stdout).toMatch(/--unlabelled skip\|include/);
  });
});
