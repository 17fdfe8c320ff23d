import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');
const catalog = join(dir.path, 'data.winnow');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  for (const [li, label] of ['daisy', 'rose', 'tulip'].entries()) {
    mkdirSync(join(root, label), { recursive: true });
    for (let i = 0; i < 8; i++) {
      const w = 160 + 16 * i;
      await (await syntheticImage(300 + li * 20 + i, w, 120)).jpeg({ quality: 88 }).toFile(join(root, label, `${label}${i}.jpg`));
    }
  }
  await (await syntheticImage(999, 64, 64)).png().toFile(join(root, 'rose', 'rose-png.png'));
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
  expect(winnow('folds', '--catalog', catalog, '--k', '3', '--seed', '5').code).toBe(0);
}, 120_000);

describe('winnow export / inspect / verify', () => {
  let out: string;
  let report: any;
  it('writes one shard per fold named like the notebook, with manifest, label map, idx and read_example.py', () => {
    out = join(dir.path, 'out');
    report = json(
      'export',
      '--catalog',
      catalog,
      '--out',
      out,
      '--size',
      '96x64',
      '--resize',
      'fill-crop',
      '--features',
      'image,target,image_name,label,height,width,one_hot_class,fold,sha256',
    );
    expect(report.records).toBe(25);
    expect(report.shards.map((s: { file: string }) => s.file)).toEqual(
      report.shards.map((s: { fold: number; records: number }) => `train-${String(s.fold).padStart(2, '0')}-${s.records}.tfrec`),
    );
    expect(report.shards.reduce((n: number, s: { records: number }) => n + s.records, 0)).toBe(25);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'label_map.json',
        'manifest.json',
        'read_example.py',
        ...report.shards.map((s: { file: string }) => `${s.file}.idx`),
      ]),
    );
    expect(files.some((f) => f.startsWith('.winnow-export'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'label_map.json'), 'utf8'))).toEqual({ 0: 'daisy', 1: 'rose', 2: 'tulip' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.records).toHaveLength(25);
    expect(manifest.shards[0].sha256).toBe(sha(readFileSync(join(out, manifest.shards[0].file))));
    const py = readFileSync(join(out, 'read_example.py'), 'utf8');
    expect(py).toContain('"one_hot_class": tf.io.FixedLenFeature([3], tf.float32)');
    expect(py).toContain('tf.reshape(image, [64, 96, 3])');
    const idx = readFileSync(join(out, `${report.shards[0].file}.idx`), 'utf8')
      .trim()
      .split('\n');
    expect(idx).toHaveLength(report.shards[0].records);
    expect(idx[0]).toMatch(/^0 \d+$/);
  });

  it('inspects a shard: schema, labels, and a record with a 96×64 JPEG', () => {
    const shard = join(out, report.shards[0].file);
    const r = json('inspect', shard, '--record', '0');
    expect(r.records).toBe(report.shards[0].records);
    expect(r.errors).toEqual([]);
    expect(r.schema.features.map((f: { name: string }) => f.name)).toEqual([
      'image',
      'target',
      'image_name',
      'label',
      'height',
      'width',
      'one_hot_class',
      'fold',
      'sha256',
    ]);
    const byName = Object.fromEntries(r.record.features.map((f: { name: string }) => [f.name, f]));
    expect(byName.image.image).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
    expect(byName.height.values).toEqual(['64']);
    expect(byName.fold.values).toEqual([String(report.shards[0].fold)]);
    expect(Object.values(r.labelHistogram.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(r.records);
  });

  it('is exactly reproducible, refuses a non-empty folder, and overwrites only its own files', () => {
    const again = join(dir.path, 'again');
    json(
      'export',
      '--catalog',
      catalog,
      '--out',
      again,
      '--size',
      '96x64',
      '--features',
      'image,target,image_name,label,height,width,one_hot_class,fold,sha256',
    );
    for (const s of report.shards) expect(sha(readFileSync(join(again, s.file)))).toBe(s.sha256);
    const refused = winnow('export', '--catalog', catalog, '--out', again, '--size', '96x64');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds an export .*overwrite/);
    writeFileSync(join(again, 'notes.txt'), 'mine');
    expect(winnow('export', '--catalog', catalog, '--out', again, '--size', '64x64', '--overwrite').code).toBe(0);
    expect(readdirSync(again)).toContain('notes.txt');
    expect(readdirSync(again).filter((f) => f.endsWith('.tfrec'))).toHaveLength(report.shards.length);
  });

  it('passes original JPEG bytes through when the size is kept', () => {
    const pass = join(dir.path, 'pass');
    const r = json(
      'export',
      '--catalog',
      catalog,
      '--out',
      pass,
      '--size',
      'none',
      '--folds',
      '0',
      '--features',
      'image,image_name,sha256',
    );
    expect(r.passthrough).toBe(r.records - r.reencoded);
    const shard = join(pass, r.shards[0].file);
    const first = json('inspect', shard, '--record', '0');
    const name = first.record.features.find((f: { name: string }) => f.name === 'image_name').values[0];
    const manifest = JSON.parse(readFileSync(join(pass, 'manifest.json'), 'utf8'));
    const rec = manifest.records.find((m: { path: string }) => m.path.endsWith(name));
    if (rec.passthrough)
      expect(first.record.features.find((f: { name: string }) => f.name === 'image').image.bytes).toBe(
        readFileSync(join(root, rec.path)).length,
      );
    expect(manifest.records.filter((m: { passthrough: boolean }) => m.passthrough).length).toBe(r.passthrough);
    expect(manifest.records.find((m: { path: string }) => m.path === 'rose/rose-png.png')?.passthrough ?? false).toBe(false);
  });

  it('verifies intact shards, and names the file and byte offset of damage', () => {
    let v = winnow('verify', out);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/All files are intact/);
    const shard = join(out, report.shards[1].file);
    const bytes = readFileSync(shard);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(shard, bytes);
    v = winnow('verify', out);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`FAIL ${shard}`);
    expect(v.stdout).toMatch(/at byte \d+: .*CRC/i);
    expect(v.stdout).toMatch(/sha256 differs from manifest\.json/);
  });

  it('reads gzip shards', async () => {
    const gz = join(dir.path, 'gz');
    const r = json('export', '--catalog', catalog, '--out', gz, '--size', '32x32', '--gzip', '--folds', '1');
    const head = readFileSync(join(gz, r.shards[0].file)).subarray(0, 2);
    expect([...head]).toEqual([0x1f, 0x8b]);
    // Named as what they are: a plain TFRecordDataset(files) on a ".tfrec" that is gzip fails with DataLossError.
    expect(r.shards.map((s: { file: string }) => s.file)).toEqual([expect.stringMatching(/^train-\d\d-\d+\.tfrec\.gz$/)]);
    expect(readFileSync(join(gz, 'read_example.py'), 'utf8')).toContain('train-*-*.tfrec.gz');
    expect(readdirSync(gz).filter((f) => f.endsWith('.idx'))).toEqual([`${r.shards[0].file}.idx`]);
    expect(json('inspect', join(gz, r.shards[0].file)).records).toBe(r.records);
    expect(winnow('verify', gz).code).toBe(0);
  });

  it('explains mistakes', () => {
    let run = winnow('export', '--catalog', catalog, '--out', join(dir.path, 'x'), '--size', '512');
    expect([run.code, run.stderr]).toEqual([2, expect.stringMatching(/--size must be WIDTHxHEIGHT/)]);
    run = winnow('export', '--catalog', catalog, '--out', join(dir.path, 'x'), '--folds', '7');
    expect([run.code, run.stderr]).toEqual([1, expect.stringMatching(/Fold 7 does not exist \(folds: 0, 1, 2\)/)]);
    run = winnow('inspect', join(dir.path, 'missing.tfrec'));
    expect(run.code).toBe(1);
  });
});
