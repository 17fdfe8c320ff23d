import { describe, expect, it } from 'vitest';
import { decodeExample } from '../../src/main/core/tfrecord/decode.ts';
import { encodeExample, type DecodedFeature, type FeatureValue } from '../../src/main/core/tfrecord/example.ts';
import { decodeExamplePb, encodeExamplePb } from '../reference/protobuf-example.ts';
import { inferSchema } from '../../src/main/core/tfrecord/schema.ts';
import { tensorflow } from '../reference/generated/example.js';

const BIG = [0n, 1n, -1n, 127n, 128n, 2n ** 53n + 1n, -(2n ** 53n) - 3n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 31n, -(2n ** 31n)];

const SAMPLE: Record<string, FeatureValue> = {
  image: { kind: 'bytes', value: [new Uint8Array([0xff, 0xd8, 0xff, 0x00]), new Uint8Array(300).fill(9)] },
  target: { kind: 'int64', value: [3] },
  big: { kind: 'int64', value: BIG },
  one_hot: { kind: 'float', value: [0, 1, 0.5, -2.25, 1e-3, Infinity, -0] },
  image_name: { kind: 'bytes', value: ['Train_1.jpg', 'ünïcødé 名前 🌿'] },
  empty_bytes: { kind: 'bytes', value: [] },
  empty_float: { kind: 'float', value: [] },
  empty_int: { kind: 'int64', value: [] },
  'имя/🌿 label': { kind: 'int64', value: [-5] },
};

const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);
/** Bytes as hex, so that Buffer and Uint8Array views of the same bytes compare equal. */
const plain = (m: Map<string, DecodedFeature>): [string, string, unknown[]][] =>
  [...m].map(([k, f]) => [k, f.kind, f.kind === 'bytes' ? f.value.map((b) => Buffer.from(b).toString('hex')) : f.value]);

describe('tf.Example codec', () => {
  it('round-trips every kind, exactly, with feature order kept', () => {
    const d = decodeExample(encodeExample(SAMPLE));
    expect([...d.keys()]).toEqual(Object.keys(SAMPLE));
    expect(d.get('big')).toEqual({ kind: 'int64', value: BIG });
    expect(d.get('target')).toEqual({ kind: 'int64', value: [3n] });
    expect(d.get('one_hot')!.value).toEqual([0, 1, 0.5, -2.25, Math.fround(1e-3), Infinity, -0]);
    const names = d.get('image_name')!;
    expect(names.kind).toBe('bytes');
    expect((names.value as Uint8Array[]).map(utf8)).toEqual(['Train_1.jpg', 'ünïcødé 名前 🌿']);
    expect([...(d.get('image')!.value[1] as Uint8Array)]).toEqual(new Array(300).fill(9));
    for (const k of ['empty_bytes', 'empty_float', 'empty_int'] as const) {
      expect(d.get(k)).toEqual({ kind: SAMPLE[k]!.kind, value: [] });
    }
    expect(d.get('имя/🌿 label')).toEqual({ kind: 'int64', value: [-5n] });
  });

  it('writes the same bytes as the protobufjs module generated from proto/', () => {
    expect(Buffer.from(encodeExample(SAMPLE)).equals(Buffer.from(encodeExamplePb(SAMPLE)))).toBe(true);
    expect(encodeExample({})).toEqual(new Uint8Array([0x0a, 0x00]));
  });

  it('reads what protobufjs writes, and protobufjs reads what we write', () => {
    expect(plain(decodeExample(encodeExamplePb(SAMPLE)))).toEqual(plain(decodeExamplePb(encodeExample(SAMPLE))));
    expect(plain(decodeExamplePb(encodeExample(SAMPLE)))).toEqual(plain(decodeExample(encodeExample(SAMPLE))));
    const msg = tensorflow.Example.decode(encodeExample(SAMPLE));
    expect(Object.keys(msg.features!.feature!)).toEqual(Object.keys(SAMPLE));
    expect(msg.features!.feature!['big']!.int64List!.value!.map((v) => BigInt(String(v)))).toEqual(BIG);
  });

  it('is deterministic and keeps a Map’s insertion order (no sorting)', () => {
    const m = new Map<string, FeatureValue>([
      ['z', { kind: 'int64', value: [1] }],
      ['10', { kind: 'int64', value: [2] }],
      ['a', { kind: 'int64', value: [3] }],
    ]);
    expect([...decodeExample(encodeExample(m)).keys()]).toEqual(['z', '10', 'a']);
    expect(encodeExample(m)).toEqual(encodeExample(new Map(m)));
  });

  it('accepts unpacked repeated scalars, unknown fields and an unset oneof, as protobuf parsers must', () => {
    // Int64List { value: 1 } unpacked (tag 0x08), FloatList { value: 1.5 } unpacked (tag 0x0d), an unknown
    // varint field 7 in the Feature, and an empty Feature.
    const f32 = Buffer.alloc(4);
    f32.writeFloatLE(1.5);
    const entry = (name: string, feature: number[]): number[] => {
      const key = [...Buffer.from(name)];
      const body = [0x0a, key.length, ...key, 0x12, feature.length, ...feature];
      return [0x0a, body.length, ...body];
    };
    const features = [
      ...entry('i', [0x1a, 4, 0x08, 0x01, 0x08, 0x02]),
      ...entry('f', [0x38, 0x05, 0x12, 5, 0x0d, ...f32]),
      ...entry('n', []),
    ];
    const d = decodeExample(new Uint8Array([0x0a, features.length, ...features, 0x10, 0x01]));
    expect(d.get('i')).toEqual({ kind: 'int64', value: [1n, 2n] });
    expect(d.get('f')).toEqual({ kind: 'float', value: [1.5] });
    expect(d.get('n')).toEqual({ kind: 'none', value: [] });
  });

  it('rejects int64 values it cannot write exactly, and malformed input', () => {
    expect(() => encodeExample({ x: { kind: 'int64', value: [2 ** 53] } })).toThrow(/safe integer/);
    expect(() => encodeExample({ x: { kind: 'int64', value: [2n ** 63n] } })).toThrow(/out of range/);
    expect(() => encodeExample({ x: { kind: 'int64', value: [1.5] } })).toThrow(/safe integer/);
    const good = encodeExample(SAMPLE);
    expect(() => decodeExample(good.subarray(0, good.length - 3))).toThrow(/malformed tf.Example/);
  });

  it('summarises a schema', () => {
    const a = decodeExample(encodeExample({ image: { kind: 'bytes', value: ['ab'] }, y: { kind: 'int64', value: [1, 2] } }));
    const b = decodeExample(encodeExample({ image: { kind: 'bytes', value: ['abc'] }, y: { kind: 'float', value: [1] } }));
    expect(inferSchema([a, b])).toEqual({
      examples: 2,
      features: [
        { name: 'image', kind: 'bytes', present: 2, minValues: 1, maxValues: 1, totalBytes: 5 },
        { name: 'y', kind: 'mixed', present: 2, minValues: 1, maxValues: 2, totalBytes: 0 },
      ],
    });
  });
});
