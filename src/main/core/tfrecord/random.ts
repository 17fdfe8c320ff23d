import { open, type FileHandle } from 'node:fs/promises';
import { crc32c, maskCrc } from './crc32c.ts';
import { FOOTER_BYTES, FRAME_OVERHEAD, HEADER_BYTES, parseHeader, readU32 } from './framing.ts';
import { TFRecordError, claimsTooMuch, readRecords } from './reader.ts';
import { detectCompression } from './source.ts';
import type { Compression } from './writer.ts';

export interface TFRecordIndex {
  compression: Compression;
  /** Offset of each record's header in the (decompressed) record stream. */
  offsets: number[];
  /** Each record's data length (without the 16 framing bytes). */
  dataLengths: number[];
  /** Total bytes of framed records (formatIdx(offsets, bytes) gives a DALI .idx). */
  bytes: number;
}

const WINDOW = 64 << 10;

/**
 * Offsets and lengths of every record without decoding (or, by default, CRC-checking) their data.
 * Uncompressed files are walked header to header with positional reads, so a 2 GB shard of large
 * records costs a few thousand small reads; compressed files have to be inflated from the start.
 * Damage throws a TFRecordError naming the file and byte offset.
 */
export async function buildIndex(file: string, opts: { verify?: boolean } = {}): Promise<TFRecordIndex> {
  const compression = await detectCompression(file);
  const offsets: number[] = [];
  const dataLengths: number[] = [];
  if (compression !== 'none' || opts.verify) {
    let bytes = 0;
    for await (const r of readRecords(file, { compression, verify: opts.verify ?? false })) {
      offsets.push(r.offset);
      dataLengths.push(r.data.length);
      bytes = r.offset + r.data.length + FRAME_OVERHEAD;
    }
    return { compression, offsets, dataLengths, bytes };
  }
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const win = Buffer.allocUnsafe(WINDOW);
    let winStart = 0;
    let winLen = 0;
    let at = 0;
    let lastLength = 0;
    while (at < size) {
      if (at < winStart || at + HEADER_BYTES > winStart + winLen) {
        // After a large record the next one is probably large too: read just its header.
        const want = lastLength > WINDOW ? HEADER_BYTES : WINDOW;
        winLen = (await fh.read(win, 0, Math.min(want, size - at), at)).bytesRead;
        winStart = at;
      }
      if (at + HEADER_BYTES > winStart + winLen) {
        throw new TFRecordError(file, at, 'truncated', `truncated record header (${size - at} of 12 bytes)`);
      }
      const h = parseHeader(win, at - winStart);
      if (h.length < 0) {
        throw new TFRecordError(
          file,
          at,
          'length-crc',
          `bad length CRC (stored 0x${h.storedCrc.toString(16)}, computed 0x${h.computedCrc.toString(16)})`,
        );
      }
      if (h.length > size) throw claimsTooMuch(file, at, h.claimed, size);
      if (at + h.length + FRAME_OVERHEAD > size) {
        throw new TFRecordError(
          file,
          at,
          'truncated',
          `truncated record: ${h.length} data bytes + 4 CRC bytes expected, ${size - at - HEADER_BYTES} present`,
        );
      }
      offsets.push(at);
      dataLengths.push(h.length);
      lastLength = h.length;
      at += h.length + FRAME_OVERHEAD;
    }
    return { compression, offsets, dataLengths, bytes: at };
  } finally {
    await fh.close();
  }
}

/**
 * One record's data at `offset` (from buildIndex or an .idx) of an uncompressed file, reading only
 * that record. Pass an open FileHandle to avoid reopening the file for each record.
 */
export async function readRecordAt(
  file: string | FileHandle,
  offset: number,
  opts: { verify?: boolean; name?: string } = {},
): Promise<Uint8Array> {
  const fh = typeof file === 'string' ? await open(file, 'r') : file;
  const name = opts.name ?? (typeof file === 'string' ? file : 'TFRecord file');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const got = (await fh.read(head, 0, HEADER_BYTES, offset)).bytesRead;
    if (got < HEADER_BYTES) throw new TFRecordError(name, offset, 'truncated', `truncated record header (${got} of 12 bytes)`);
    const h = parseHeader(head, 0);
    if (h.length < 0) {
      const hint = head[0] === 0x1f && head[1] === 0x8b && offset === 0 ? ' (a GZIP file: random access needs an uncompressed one)' : '';
      throw new TFRecordError(name, offset, 'length-crc', `bad length CRC${hint}`);
    }
    const size = (await fh.stat()).size;
    if (h.length > size) throw claimsTooMuch(name, offset, h.claimed, size);
    const body = Buffer.allocUnsafe(h.length + FOOTER_BYTES);
    const n = (await fh.read(body, 0, body.length, offset + HEADER_BYTES)).bytesRead;
    if (n < body.length) {
      throw new TFRecordError(name, offset, 'truncated', `truncated record: ${h.length} data bytes + 4 CRC bytes expected, ${n} present`);
    }
    const data = body.subarray(0, h.length);
    if ((opts.verify ?? true) && readU32(body, h.length) !== maskCrc(crc32c(data))) {
      throw new TFRecordError(name, offset, 'data-crc', `bad data CRC in a record of ${h.length} bytes`);
    }
    return data;
  } finally {
    if (typeof file === 'string') await fh.close();
  }
}
