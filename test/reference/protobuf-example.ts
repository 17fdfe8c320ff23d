import { tensorflow } from './generated/example.js';
import type { DecodedFeature, FeatureValue } from '../../src/main/core/tfrecord/example.ts';

// The same API as encodeExample/decodeExample, through the protobufjs static module generated from
// proto/ (`npm run proto`). It is the schema's reference implementation: tests compare the hand-written
// codec with it byte for byte, and the benchmark measures both.

const utf8 = new TextEncoder();

export function encodeExamplePb(features: Record<string, FeatureValue> | Map<string, FeatureValue>): Uint8Array {
  const entries = features instanceof Map ? [...features] : Object.entries(features);
  const feature: Record<string, tensorflow.Feature.$Properties> = {};
  for (const [name, f] of entries) {
    if (f.kind === 'bytes') {
      feature[name] = { bytesList: { value: f.value.map((b) => (typeof b === 'string' ? utf8.encode(b) : b)) } };
    } else if (f.kind === 'float') {
      feature[name] = { floatList: { value: f.value } };
    } else {
      // protobufjs takes int64 as Long, number or decimal string; a string keeps values above 2^53 exact.
      feature[name] = { int64List: { value: f.value.map((v) => String(v)) as unknown as number[] } };
    }
  }
  return tensorflow.Example.encode({ features: { feature } }).finish();
}

export function decodeExamplePb(buf: Uint8Array): Map<string, DecodedFeature> {
  const msg = tensorflow.Example.decode(buf);
  const out = new Map<string, DecodedFeature>();
  for (const [name, f] of Object.entries(msg.features?.feature ?? {})) {
    if (f.bytesList) out.set(name, { kind: 'bytes', value: f.bytesList.value ?? [] });
    else if (f.floatList) out.set(name, { kind: 'float', value: f.floatList.value ?? [] });
    else if (f.int64List) {
      out.set(name, { kind: 'int64', value: (f.int64List.value ?? []).map((v) => BigInt(String(v))) });
    } else out.set(name, { kind: 'none', value: [] });
  }
  return out;
}
