// TFRecord reader figures (issue 4, section 5): `reader_mb_s` (read + both CRCs of a ~512 MB shard of
// ~100 KB records, in the page cache; ceiling: a plain stream read of the same file) and
// `first_record_ms` (open to first decoded record of a 2 GB shard). Also logs, without making them
// figures, the CRC-32C implementations and the two Example codecs side by side.
// Run alone: node scripts/bench/tfrecord.ts
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32cJs, crc32cNative } from '../../src/main/core/tfrecord/crc32c.ts';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { encodeExample, type FeatureValue } from '../../src/main/core/tfrecord/example.ts';
import { decodeExamplePb, encodeExamplePb } from '../../test/reference/protobuf-example.ts';
import { readRecords } from '../../src/main/core/tfrecord/reader.ts';
import { TFRecordWriter } from '../../src/main/core/tfrecord/writer.ts';
import type { Figure } from './report.ts';

const MB = 1e6;
const RECORD_BYTES = 100_000;
const SHARD_RECORDS = 5_120; // ~512 MB
const BIG_SHARD_BYTES = 2 * 1024 ** 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

function example(i: number, image: Uint8Array): Record<string, FeatureValue> {
  return {
    image: { kind: 'bytes', value: [image] },
    target: { kind: 'int64', value: [i % 5] },
    image_name: { kind: 'bytes', value: [`train_${i}.jpg`] },
  };
}

/** Writes `records` examples whose image bytes are pseudo-random (JPEG-like entropy). */
async function writeShard(path: string, records: number): Promise<number> {
  const block = new Uint8Array(RECORD_BYTES + 4096);
  let x = 0x12345678;
  for (let i = 0; i < block.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block[i] = x & 0xff;
  }
  const w = await TFRecordWriter.open(path);
  for (let i = 0; i < records; i++) {
    const at = (i * 61) % 4096;
    await w.writeExample(example(i, block.subarray(at, at + RECORD_BYTES - 64 + (i % 128))));
  }
  return (await w.close()).bytes;
}

async function timeRead(path: string): Promise<{ seconds: number; records: number }> {
  const t = performance.now();
  let records = 0;
  for await (const r of readRecords(path, { verify: true })) records += r.data.length > 0 ? 1 : 0;
  return { seconds: (performance.now() - t) / 1000, records };
}

/** The ceiling: a plain stream read of the same file with the reader's chunk size, nothing checked. */
async function timeStream(path: string, bytes: number): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const c of createReadStream(path, { highWaterMark: 8 << 20 })) n += (c as Buffer).length;
  if (n !== bytes) throw new Error(`stream read ${n} of ${bytes} bytes`);
  return (performance.now() - t) / 1000;
}

function crcRates(log: (s: string) => void): void {
  const buf = new Uint8Array(64 * RECORD_BYTES).map((_, i) => (i * 2654435761) >>> 24);
  const parts = Array.from({ length: 64 }, (_, i) => buf.subarray(i * RECORD_BYTES, (i + 1) * RECORD_BYTES));
  const rate = (f: (b: Uint8Array) => number): number => {
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      for (let k = 0; k < 4; k++) for (const p of parts) f(p);
      runs.push((4 * buf.length) / MB / ((performance.now() - t) / 1000));
    }
    return median(runs);
  };
  const native = crc32cNative;
  log(
    `crc32c on 100 KB inputs: js slicing-by-16 ${round(rate((b) => crc32cJs(b)))} MB/s` +
      (native ? `, @node-rs/crc32 ${round(rate((b) => native(b)))} MB/s` : ', native not available'),
  );
}

function codecRates(log: (s: string) => void): void {
  const image = new Uint8Array(RECORD_BYTES).fill(7);
  const small = Array.from(
    { length: 2000 },
    (_, i) =>
      ({
        ...example(i, image.subarray(0, 200)),
        one_hot: { kind: 'float', value: [0, 0, 1, 0, 0] },
        big: { kind: 'int64', value: [2n ** 60n + BigInt(i), -BigInt(i)] },
      }) satisfies Record<string, FeatureValue>,
  );
  const time = (f: () => void): number => {
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      f();
      runs.push(performance.now() - t);
    }
    return median(runs);
  };
  const encoded = small.map((e) => encodeExample(e));
  const perUs = (ms: number): number => round((ms * 1000) / small.length, 2);
  log(
    `encode small example: hand-written ${perUs(time(() => small.forEach((e) => encodeExample(e))))} µs, ` +
      `protobufjs ${perUs(time(() => small.forEach((e) => encodeExamplePb(e))))} µs`,
  );
  log(
    `decode small example: hand-written ${perUs(time(() => encoded.forEach((b) => decodeExample(b))))} µs, ` +
      `protobufjs ${perUs(time(() => encoded.forEach((b) => decodeExamplePb(b))))} µs`,
  );
}

export async function benchTfrecord(opts: { log: (s: string) => void }): Promise<Figure[]> {
  const { log } = opts;
  const dir = await mkdtemp(join(tmpdir(), 'winnow-bench-tfrecord-'));
  try {
    crcRates(log);
    codecRates(log);

    const shard = join(dir, 'train-00-5120.tfrec');
    const t0 = performance.now();
    const bytes = await writeShard(shard, SHARD_RECORDS);
    log(`wrote ${round(bytes / MB)} MB shard in ${round(performance.now() - t0)} ms`);
    await readFile(shard); // into the page cache
    await timeRead(shard); // and warm the JIT
    const reads: number[] = [];
    const ceilings: number[] = [];
    for (let r = 0; r < 3; r++) {
      const { seconds, records } = await timeRead(shard);
      if (records !== SHARD_RECORDS) throw new Error(`read ${records} of ${SHARD_RECORDS} records`);
      reads.push(bytes / MB / seconds);
      ceilings.push(bytes / MB / (await timeStream(shard, bytes)));
    }
    log(`reader ${reads.map((x) => round(x)).join(', ')} MB/s; stream read ${ceilings.map((x) => round(x)).join(', ')} MB/s`);
    const reader = median(reads);
    const ceiling = median(ceilings);
    await rm(shard);

    // A 2 GB shard: 64 MB of real records, then a sparse tail, so it costs no time or disk to make.
    const big = join(dir, 'train-01-20000.tfrec');
    await writeShard(big, 640);
    const fh = await open(big, 'r+');
    await fh.truncate(BIG_SHARD_BYTES);
    await fh.close();
    const firsts: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      for await (const rec of readRecords(big)) {
        if (!decodeExample(rec.data).has('image')) throw new Error('first record has no image');
        break;
      }
      firsts.push(performance.now() - t);
    }
    log(`first record of a 2 GB shard: ${firsts.map((x) => round(x, 2)).join(', ')} ms`);
    return [
      { name: 'reader_mb_s', value: round(reader), unit: 'MB/s', ceiling: round(ceiling), ratio: round(reader / ceiling, 2) },
      { name: 'first_record_ms', value: round(median(firsts), 2), unit: 'ms' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchTfrecord({ log: (s) => process.stderr.write(`${s}\n`) });
  for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
}
