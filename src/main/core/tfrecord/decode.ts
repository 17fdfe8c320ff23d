import type { DecodedFeature } from './example.ts';

// Generic tf.train.Example decoder (schema: proto/example.proto, proto/feature.proto). It follows
// protobuf's parsing rules rather than only what our encoder writes: fields in any order, unknown
// fields skipped, packed and unpacked repeated scalars, a repeated Features message merged, a map key
// seen twice keeps the last value. A SequenceExample's context decodes the same way (field 1).

class Cursor {
  pos: number;
  end: number;
  buf: Uint8Array;
  constructor(buf: Uint8Array, pos: number, end: number) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }
  fail(what: string): never {
    throw new Error(`malformed tf.Example: ${what} at byte ${this.pos}`);
  }
  /** A varint that must fit in 32 bits unsigned (tags, lengths). */
  u32(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (v > 0xffffffff) this.fail('varint too large');
        return v;
      }
    }
    return this.fail('varint too long');
  }
  /** A 64-bit varint as a signed int64. */
  i64(): bigint {
    let lo = 0;
    let hi = 0;
    let b = 0x80;
    let i = 0;
    for (; i < 10 && b >= 0x80; i++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      b = this.buf[this.pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
    }
    if (b >= 0x80) this.fail('varint too long');
    if (hi === 0 && lo >= 0) return BigInt(lo);
    return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  }
  /** Reads a length prefix; returns where the payload ends (pos stays at its start). */
  len(limit = this.end): number {
    const n = this.u32();
    if (n > limit - this.pos) this.fail('length past end of message');
    return this.pos + n;
  }
  skip(wire: number): void {
    if (wire === 0) this.i64();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos = this.len();
    else if (wire === 5) this.pos += 4;
    else this.fail(`unsupported wire type ${wire}`);
    if (this.pos > this.end) this.fail('truncated field');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Feature names are short and nearly always ASCII: build those directly, TextDecoder otherwise. */
function decodeName(buf: Uint8Array, s: number, e: number): string {
  if (e - s <= 64) {
    let name = '';
    let i = s;
    for (; i < e && buf[i]! < 0x80; i++) name += String.fromCharCode(buf[i]!);
    if (i === e) return name;
  }
  return utf8.decode(buf.subarray(s, e));
}

/** Decodes a Feature message in c.buf[c.pos, end), leaving c.pos at end. */
function decodeFeature(c: Cursor, end: number): DecodedFeature {
  const buf = c.buf;
  let feature: DecodedFeature = { kind: 'none', value: [] };
  while (c.pos < end) {
    const tag = c.u32();
    const field = tag >>> 3;
    if ((tag & 7) !== 2 || field < 1 || field > 3) {
      c.skip(tag & 7);
      continue;
    }
    const listEnd = c.len(end);
    const kind = field === 1 ? 'bytes' : field === 2 ? 'float' : 'int64';
    // A oneof member seen again merges into the earlier one; a different member replaces it.
    if (feature.kind !== kind) feature = { kind, value: [] };
    while (c.pos < listEnd) {
      const t = c.u32();
      const wire = t & 7;
      if (t >>> 3 !== 1) c.skip(wire);
      else if (kind === 'bytes' && wire === 2) {
        const e = c.len(listEnd);
        (feature.value as Uint8Array[]).push(buf.subarray(c.pos, e));
        c.pos = e;
      } else if (kind === 'float' && (wire === 2 || wire === 5)) {
        const e = wire === 2 ? c.len(listEnd) : c.pos + 4;
        if ((e - c.pos) % 4 !== 0 || e > listEnd) c.fail('bad float list');
        const view = new DataView(buf.buffer, buf.byteOffset + c.pos, e - c.pos);
        const out = feature.value as number[];
        for (let p = 0; p < view.byteLength; p += 4) out.push(view.getFloat32(p, true));
        c.pos = e;
      } else if (kind === 'int64' && (wire === 2 || wire === 0)) {
        const out = feature.value as bigint[];
        if (wire === 0) out.push(c.i64());
        else {
          const e = c.len(listEnd);
          const outer = c.end;
          c.end = e;
          while (c.pos < e) out.push(c.i64());
          c.end = outer;
        }
      } else c.skip(wire);
    }
  }
  return feature;
}

/**
 * Decodes a serialized tf.train.Example into its features, in wire order. Bytes values are views
 * into `buf` (no copy): copy them if `buf` will be reused. int64 values are exact bigints.
 */
export function decodeExample(buf: Uint8Array): Map<string, DecodedFeature> {
  const features = new Map<string, DecodedFeature>();
  const c = new Cursor(buf, 0, buf.length);
  while (c.pos < buf.length) {
    const tag = c.u32();
    if (tag !== 0x0a) {
      c.skip(tag & 7);
      continue;
    }
    const featuresEnd = c.len();
    while (c.pos < featuresEnd) {
      const t = c.u32();
      if (t !== 0x0a) {
        c.skip(t & 7);
        continue;
      }
      const entryEnd = c.len(featuresEnd);
      let name = '';
      let value: DecodedFeature = { kind: 'none', value: [] };
      while (c.pos < entryEnd) {
        const et = c.u32();
        if (et === 0x0a) {
          const e = c.len(entryEnd);
          name = decodeName(buf, c.pos, e);
          c.pos = e;
        } else if (et === 0x12) {
          value = decodeFeature(c, c.len(entryEnd));
        } else c.skip(et & 7);
      }
      features.set(name, value);
    }
  }
  return features;
}
