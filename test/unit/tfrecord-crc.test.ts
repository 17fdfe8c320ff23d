import { describe, expect, it } from 'vitest';
import { crc32c, crc32cBackend, crc32cJs, crc32cNative, maskCrc, unmaskCrc } from '../../src/main/core/tfrecord/crc32c.ts';
import { frameFooter, frameHeader, frameRecord, parseHeader, formatIdx } from '../../src/main/core/tfrecord/framing.ts';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 3720 (iSCSI) B.4 vectors; masked values from TensorFlow's formula, computed independently (Python).
const VECTORS: [string, Uint8Array, number, number][] = [
  ['"123456789"', ascii('123456789'), 0xe3069283, 0xc78ab0e5],
  ['32 zero bytes', new Uint8Array(32), 0x8a9136aa, 0x0fd7fffa],
  ['32 0xFF bytes', new Uint8Array(32).fill(0xff), 0x62a8ab43, 0xf909b029],
  ['0..31 ascending', Uint8Array.from({ length: 32 }, (_, i) => i), 0x46dd794e, 0x951f7892],
  ['empty', new Uint8Array(0), 0, 0xa282ead8],
];

describe('crc32c', () => {
  it.each(VECTORS)('%s', (_name, data, crc, masked) => {
    expect(crc32c(data)).toBe(crc);
    expect(crc32cJs(data)).toBe(crc);
    if (crc32cNative) expect(crc32cNative(data) >>> 0).toBe(crc);
    expect(maskCrc(crc)).toBe(masked);
    expect(unmaskCrc(masked)).toBe(crc);
  });

  it('uses the hardware implementation on this machine', () => {
    expect(crc32cBackend).toBe('native');
  });

  it('agrees between JS and native for every length and alignment, and chains', () => {
    const big = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
    for (const start of [0, 1, 2, 3, 5]) {
      for (const len of [0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1000, 4000]) {
        const part = big.subarray(start, start + len);
        const ref = crc32cJs(part);
        expect(crc32c(part)).toBe(ref);
        if (crc32cNative) expect(crc32cNative(part) >>> 0).toBe(ref);
        const cut = len >> 1;
        expect(crc32c(part.subarray(cut), crc32c(part.subarray(0, cut)))).toBe(ref);
      }
    }
  });
});

describe('framing', () => {
  it('lays a record out as u64 length, masked CRC of the length, data, masked CRC of the data', () => {
    // Expected bytes from an independent bitwise CRC-32C (Python) over struct.pack('<Q', 5) and b'hello'.
    expect(hex(frameRecord(ascii('hello')))).toBe('0500000000000000' + 'eab2043e' + '68656c6c6f' + 'bb1f1c19');
    expect(hex(frameHeader(5))).toBe('0500000000000000eab2043e');
    expect(hex(frameFooter(ascii('hello')))).toBe('bb1f1c19');
  });

  it('writes and parses lengths above 4 GiB', () => {
    const h = frameHeader(2 ** 32 + 7);
    expect(hex(h.subarray(0, 8))).toBe('0700000001000000');
    expect(parseHeader(h, 0).length).toBe(2 ** 32 + 7);
  });

  it('reports a header whose length CRC does not match', () => {
    const h = frameHeader(100);
    h[0] = 101;
    const p = parseHeader(h, 0);
    expect(p.length).toBe(-1);
    expect(p.storedCrc).not.toBe(p.computedCrc);
  });

  it('formats a DALI-style index with framed lengths', () => {
    expect(formatIdx([0, 21, 50], 60)).toBe('0 21\n21 29\n50 10\n');
  });
});
