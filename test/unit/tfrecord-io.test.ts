import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { buildIndex, readRecordAt } from '../../src/main/core/tfrecord/random.ts';
import { readRecords, TFRecordError, verifyFile, type TFRecord } from '../../src/main/core/tfrecord/reader.ts';
import { detectCompression } from '../../src/main/core/tfrecord/source.ts';
import { TFRecordWriter, type Compression } from '../../src/main/core/tfrecord/writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'winnow-tfrecord-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Record i: i * 37 bytes of a pattern (record 0 is empty), as a tf.Example. */
async function writeShard(name: string, n: number, compression: Compression = 'none') {
  const w = await TFRecordWriter.open(join(dir, name), { compression });
  for (let i = 0; i < n; i++) {
    await w.writeExample({
      image: { kind: 'bytes', value: [Uint8Array.from({ length: i * 37 }, (_, j) => (i + j) & 0xff)] },
      target: { kind: 'int64', value: [BigInt(i) - 2n ** 62n] },
    });
  }
  return w.close();
}

async function collect(file: string, opts: Parameters<typeof readRecords>[1] = {}): Promise<TFRecord[]> {
  const out: TFRecord[] = [];
  for await (const r of readRecords(file, opts)) out.push(r);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<TFRecordError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TFRecordError);
  return err as TFRecordError;
}

describe('TFRecordWriter and readRecords', () => {
  it.each(['none', 'gzip', 'zlib'] as const)('round-trips %s files and reports what it wrote', async (compression) => {
    const res = await writeShard(`rt-${compression}.tfrec`, 300, compression);
    const file = readFileSync(res.path);
    expect(res.records).toBe(300);
    expect(res.bytes).toBe(file.length);
    expect(res.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(await detectCompression(res.path)).toBe(compression);
    const recs = await collect(res.path);
    expect(recs.map((r) => r.offset)).toEqual(res.offsets);
    recs.forEach((r, i) => {
      const ex = decodeExample(r.data);
      expect(ex.get('target')!.value).toEqual([BigInt(i) - 2n ** 62n]);
      expect((ex.get('image')!.value[0] as Uint8Array).length).toBe(i * 37);
    });
    const idx = await buildIndex(res.path);
    expect(idx.offsets).toEqual(res.offsets);
    expect(idx.bytes).toBe(res.rawBytes);
    if (compression !== 'none') {
      // Whole-file compression of exactly the uncompressed bytes, as TFRecordOptions does it.
      const raw = compression === 'gzip' ? gunzipSync(file) : inflateSync(file);
      expect(raw.equals(readFileSync((await writeShard('rt-plain.tfrec', 300)).path))).toBe(true);
    }
  });

  it('writes byte-identical files for identical input', async () => {
    const a = await writeShard('det-a.tfrec.gz', 50, 'gzip');
    const b = await writeShard('det-b.tfrec.gz', 50, 'gzip');
    expect(a.sha256).toBe(b.sha256);
  });

  it('writes to a temporary name and renames on close; abort leaves nothing', async () => {
    const final = join(dir, 'tmp-final.tfrec');
    writeFileSync(final, 'old');
    const w = await TFRecordWriter.open(final);
    await w.write(new Uint8Array(10));
    expect(existsSync(w.tempPath)).toBe(true);
    expect(readFileSync(final, 'utf8')).toBe('old');
    await w.close();
    expect(existsSync(w.tempPath)).toBe(false);
    expect((await collect(final)).length).toBe(1);

    const gone = join(dir, 'tmp-aborted.tfrec');
    const a = await TFRecordWriter.open(gone, { compression: 'gzip' });
    await a.write(new Uint8Array(1 << 20));
    await a.abort();
    expect(existsSync(gone)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('tmp-aborted'))).toEqual([]);
    await expect(a.write(new Uint8Array(1))).rejects.toThrow(/aborted/);
    await expect(TFRecordWriter.open(join(dir, 'no-such-dir', 'x.tfrec'))).rejects.toThrow(/ENOENT/);
  });

  it('reads empty files and empty records, and sniffs content rather than names', async () => {
    writeFileSync(join(dir, 'empty.tfrec'), '');
    expect(await collect(join(dir, 'empty.tfrec'))).toEqual([]);
    // A first record of 376 bytes makes the file start 78 01, a valid zlib header: still uncompressed.
    const w = await TFRecordWriter.open(join(dir, 'looks-zlib.tfrec.gz'));
    await w.write(new Uint8Array(376));
    await w.write(new Uint8Array(0));
    const res = await w.close();
    expect([...readFileSync(res.path).subarray(0, 2)]).toEqual([0x78, 0x01]);
    expect(await detectCompression(res.path)).toBe('none');
    expect((await collect(res.path)).map((r) => r.data.length)).toEqual([376, 0]);
  });

  it('reads records at offsets without reading the rest, and refuses compressed files', async () => {
    const res = await writeShard('random.tfrec', 40);
    for (const i of [39, 0, 17]) {
      const ex = decodeExample(await readRecordAt(res.path, res.offsets[i]!));
      expect(ex.get('target')!.value).toEqual([BigInt(i) - 2n ** 62n]);
    }
    const err = await errorOf(readRecordAt(res.path, res.offsets[3]! + 1));
    expect(err.kind).toBe('length-crc');
    const gz = await writeShard('random.tfrec.gz', 3, 'gzip');
    expect((await errorOf(readRecordAt(gz.path, 0))).message).toMatch(/GZIP file/);
  });
});

describe('damage', () => {
  it('names the file and byte offset of a bad data CRC, a bad length CRC and a truncation', async () => {
    const res = await writeShard('damage.tfrec', 20);
    const good = readFileSync(res.path);
    const at = res.offsets[7]!;

    const dataBad = Buffer.from(good);
    dataBad[at + 12 + 5]! ^= 0x01;
    writeFileSync(join(dir, 'data-bad.tfrec'), dataBad);
    let err = await errorOf(collect(join(dir, 'data-bad.tfrec')));
    expect(err.kind).toBe('data-crc');
    expect(err.offset).toBe(at);
    expect(err.message).toContain(`data-bad.tfrec at byte ${at}: bad data CRC`);
    expect(await collect(join(dir, 'data-bad.tfrec'), { verify: false })).toHaveLength(20);

    const lenBad = Buffer.from(good);
    lenBad[at + 2]! ^= 0x40;
    writeFileSync(join(dir, 'len-bad.tfrec'), lenBad);
    err = await errorOf(collect(join(dir, 'len-bad.tfrec')));
    expect([err.kind, err.offset]).toEqual(['length-crc', at]);
    expect((await errorOf(buildIndex(join(dir, 'len-bad.tfrec')))).offset).toBe(at);

    const cut = res.offsets[12]! + 30;
    writeFileSync(join(dir, 'cut.tfrec'), good.subarray(0, cut));
    err = await errorOf(collect(join(dir, 'cut.tfrec')));
    expect([err.kind, err.offset]).toEqual(['truncated', res.offsets[12]]);
    expect((await errorOf(buildIndex(join(dir, 'cut.tfrec')))).offset).toBe(res.offsets[12]);
    writeFileSync(join(dir, 'cut-header.tfrec'), good.subarray(0, res.offsets[5]! + 7));
    err = await errorOf(collect(join(dir, 'cut-header.tfrec')));
    expect([err.kind, err.offset]).toEqual(['truncated', res.offsets[5]]);
  });

  it('collects errors and goes on: past a bad data CRC, and to the next header after a bad length', async () => {
    const res = await writeShard('multi.tfrec', 20);
    const bad = Buffer.from(readFileSync(res.path));
    bad[res.offsets[3]! + 12]! ^= 0xff; // data of record 3
    bad[res.offsets[9]! + 1]! ^= 0xff; // length of record 9
    writeFileSync(join(dir, 'multi-bad.tfrec'), bad.subarray(0, bad.length - 2)); // and cut record 19
    const v = await verifyFile(join(dir, 'multi-bad.tfrec'));
    expect(v.errors.map((e) => [e.kind, e.offset])).toEqual([
      ['data-crc', res.offsets[3]],
      ['length-crc', res.offsets[9]],
      ['truncated', res.offsets[19]],
    ]);
    expect(v.records).toBe(17);
  });

  it('reports a damaged GZIP stream', async () => {
    const res = await writeShard('gz-bad.tfrec', 200, 'gzip');
    const bad = Buffer.from(readFileSync(res.path));
    bad[Math.floor(bad.length / 2)]! ^= 0xff;
    writeFileSync(res.path, bad);
    const v = await verifyFile(res.path);
    expect(v.errors.length).toBeGreaterThan(0);
    expect(v.errors[0]!.message).toContain('gz-bad.tfrec at byte');
  });
});
