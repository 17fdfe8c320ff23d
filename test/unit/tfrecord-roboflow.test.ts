import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { readRecords } from '../../src/main/core/tfrecord/reader.ts';
import { TFRecordWriter } from '../../src/main/core/tfrecord/writer.ts';

// Cross-check with an independent implementation: @roboflow/tfrecords (google-protobuf underneath, pinned
// to 3.20.1 by package.json "overrides" because its getters break with 3.21). It has no types: describe
// the little we use. Its int64 values are JS numbers, so big values here are ones a double holds exactly;
// values that need a bigint are covered against protobufjs in tfrecord-example.test.ts.
const require = createRequire(import.meta.url);
const FeatureType = { String: 0, Binary: 1, Int64: 2, Float: 3 } as const;
interface Builder {
  addArrayFeature(key: string, type: number, values: (string | number | Uint8Array)[]): void;
  build(): Buffer;
}
const { TFRecordsBuilder } = require('@roboflow/tfrecords/src/tensorFlowBuilder') as {
  TFRecordsBuilder: { new (): Builder; buildTFRecords(records: Buffer[]): Buffer };
};
const { TFRecordsReader } = require('@roboflow/tfrecords/src/tensorFlowReader') as {
  TFRecordsReader: new (file: Buffer) => { length: number; getArrayFeature(i: number, key: string, type: number): unknown[] };
};

const dir = mkdtempSync(join(tmpdir(), 'winnow-tfrecord-rf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INTS = [0, 1, -1, 2 ** 60, -(2 ** 62), 2 ** 53 + 2, -(2 ** 63), 1234567];
const image = (i: number): Uint8Array => Uint8Array.from({ length: 1000 + i * 501 }, (_, j) => (j * 31 + i) & 0xff);

describe('@roboflow/tfrecords cross-check', () => {
  it('reads our files: framing, CRCs, bytes, strings, int64 above 2^53 and negative, floats', async () => {
    const path = join(dir, 'ours.tfrec');
    const w = await TFRecordWriter.open(path);
    for (let i = 0; i < 25; i++) {
      await w.writeExample({
        image: { kind: 'bytes', value: [image(i)] },
        image_name: { kind: 'bytes', value: [`ünï_${i}.jpg`] },
        target: { kind: 'int64', value: INTS.map((v) => BigInt(v) + (v === 0 ? BigInt(i) : 0n)) },
        one_hot: { kind: 'float', value: [i, 0.25, -1.5] },
      });
    }
    await w.close();
    const r = new TFRecordsReader(readFileSync(path));
    expect(r.length).toBe(25);
    for (let i = 0; i < 25; i++) {
      expect(Buffer.from(r.getArrayFeature(i, 'image', FeatureType.Binary)[0] as Uint8Array).equals(Buffer.from(image(i)))).toBe(true);
      expect(r.getArrayFeature(i, 'image_name', FeatureType.String)).toEqual([`ünï_${i}.jpg`]);
      expect(r.getArrayFeature(i, 'target', FeatureType.Int64)).toEqual(INTS.map((v) => (v === 0 ? i : v)));
      expect(r.getArrayFeature(i, 'one_hot', FeatureType.Float)).toEqual([i, 0.25, -1.5]);
    }
  });

  it('has its files read by ours, every CRC checked', async () => {
    const records: Buffer[] = [];
    for (let i = 0; i < 25; i++) {
      const b = new TFRecordsBuilder();
      b.addArrayFeature('image', FeatureType.Binary, [image(i)]);
      b.addArrayFeature('image_name', FeatureType.String, [`名前_${i}`]);
      b.addArrayFeature('target', FeatureType.Int64, INTS);
      b.addArrayFeature('one_hot', FeatureType.Float, [0.5, i]);
      b.addArrayFeature('empty', FeatureType.Int64, []);
      records.push(b.build());
    }
    const path = join(dir, 'theirs.tfrecord');
    writeFileSync(path, TFRecordsBuilder.buildTFRecords(records));
    let i = 0;
    for await (const rec of readRecords(path, { verify: true })) {
      expect(Buffer.from(rec.data).equals(records[i]!)).toBe(true);
      const ex = decodeExample(rec.data);
      expect(Buffer.from(ex.get('image')!.value[0] as Uint8Array).equals(Buffer.from(image(i)))).toBe(true);
      expect(new TextDecoder().decode(ex.get('image_name')!.value[0] as Uint8Array)).toBe(`名前_${i}`);
      expect(ex.get('target')).toEqual({ kind: 'int64', value: INTS.map((v) => BigInt(v)) });
      expect(ex.get('one_hot')).toEqual({ kind: 'float', value: [0.5, i] });
      expect(ex.get('empty')).toEqual({ kind: 'int64', value: [] });
      i++;
    }
    expect(i).toBe(25);
  });
});
