import { crc32c, maskCrc } from './crc32c.ts';

// TFRecord framing (tensorflow/core/lib/io/record_writer.cc):
//   u64 LE  length
//   u32 LE  masked CRC-32C of the 8 length bytes
//   bytes   data[length]
//   u32 LE  masked CRC-32C of data

export const HEADER_BYTES = 12;
export const FOOTER_BYTES = 4;
export const FRAME_OVERHEAD = HEADER_BYTES + FOOTER_BYTES;

/** The 12 header bytes for a record of `length` bytes. */
export function frameHeader(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`bad record length ${length}`);
  const h = new Uint8Array(HEADER_BYTES);
  const v = new DataView(h.buffer);
  v.setUint32(0, length >>> 0, true);
  v.setUint32(4, Math.floor(length / 2 ** 32), true);
  v.setUint32(8, maskCrc(crc32c(h.subarray(0, 8))), true);
  return h;
}

/** The 4 footer bytes for `data`. */
export function frameFooter(data: Uint8Array): Uint8Array {
  const f = new Uint8Array(FOOTER_BYTES);
  new DataView(f.buffer).setUint32(0, maskCrc(crc32c(data)), true);
  return f;
}

/** One complete framed record (copies `data`; the writer avoids the copy by writing the parts). */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + FRAME_OVERHEAD);
  out.set(frameHeader(data.length), 0);
  out.set(data, HEADER_BYTES);
  out.set(frameFooter(data), HEADER_BYTES + data.length);
  return out;
}

export interface ParsedHeader {
  /**
   * Data length, or -1 when the length CRC does not match (the length cannot be trusted then).
   * Lengths of 2^53 and more are not exact here: `claimed` holds them exactly, for messages.
   */
  length: number;
  claimed: bigint;
  storedCrc: number;
  computedCrc: number;
}

/** Reads and checks the 12-byte header at `at` in `buf` (the caller ensures 12 bytes are there). */
export function parseHeader(buf: Uint8Array, at: number): ParsedHeader {
  const v = new DataView(buf.buffer, buf.byteOffset + at, HEADER_BYTES);
  const storedCrc = v.getUint32(8, true);
  const computedCrc = maskCrc(crc32c(buf.subarray(at, at + 8)));
  const claimed = v.getBigUint64(0, true);
  if (storedCrc !== computedCrc) return { length: -1, claimed, storedCrc, computedCrc };
  // A length with a matching CRC is what was written, however absurd: the reader judges it.
  return { length: Number(claimed), claimed, storedCrc, computedCrc };
}

/** Reads the u32 LE at `at`. */
export function readU32(buf: Uint8Array, at: number): number {
  return (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0;
}

/** `tfrecord2idx`-style index text (DALI): one `offset length` line per record, length including framing. */
export function formatIdx(offsets: readonly number[], totalBytes: number): string {
  let out = '';
  for (let i = 0; i < offsets.length; i++) {
    const end = i + 1 < offsets.length ? offsets[i + 1]! : totalBytes;
    out += `${offsets[i]} ${end - offsets[i]!}\n`;
  }
  return out;
}
