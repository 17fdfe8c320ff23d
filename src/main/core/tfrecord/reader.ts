import { stat } from 'node:fs/promises';
import { crc32c, maskCrc } from './crc32c.ts';
import { FOOTER_BYTES, HEADER_BYTES, parseHeader, readU32 } from './framing.ts';
import { detectCompression, openSource, type ChunkSource } from './source.ts';
import type { Compression } from './writer.ts';
import { UserError } from '../errors.ts';

export type TFRecordErrorKind = 'length-crc' | 'data-crc' | 'truncated' | 'decompress';

/** Damage in a TFRecord file; `offset` is the byte offset (in the decompressed stream) of the record. */
export class TFRecordError extends UserError {
  readonly file: string;
  readonly offset: number;
  readonly kind: TFRecordErrorKind;
  /** `whole`: the detail already says where (it names the record's byte itself). */
  constructor(file: string, offset: number, kind: TFRecordErrorKind, detail: string, whole = false) {
    super(whole ? `${file}: ${detail}` : `${file} at byte ${offset}: ${detail}`);
    this.name = 'TFRecordError';
    this.file = file;
    this.offset = offset;
    this.kind = kind;
  }
}

/**
 * A header whose length CRC matches but whose length runs past the file's end or beyond any real
 * record: the header was written that way (or crafted), so say what it claims, not "bad CRC".
 */
export function claimsTooMuch(file: string, at: number, claimed: bigint, size: number | null): TFRecordError {
  const where = size === null ? `more than a record can hold (${MAX_RECORD_BYTES} bytes)` : `past the end of the file (${size} bytes)`;
  return new TFRecordError(file, at, 'length-crc', `record at byte ${at} claims a length of ${claimed} bytes, ${where}`, true);
}

export interface ReadOptions {
  /** Check the data CRC of every record (default true; the length CRC is always checked). */
  verify?: boolean;
  /** Default: from the file's first bytes. */
  compression?: Compression | 'auto';
  /**
   * Without it, the first damage throws a TFRecordError. With it, damage is reported here and reading
   * goes on: past a record with a bad data CRC, and at the next valid header after a bad length CRC.
   */
  onError?: (err: TFRecordError) => void;
}

export interface TFRecord {
  /** Byte offset of the record's header in the (decompressed) record stream. */
  offset: number;
  /** The record's bytes: a view into a buffer that is never reused. */
  data: Uint8Array;
}

/** Cursor over a ChunkSource that hands out views where it can and copies only across chunk borders. */
class Stream {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  /** Stream offset of buf[pos]. */
  offset = 0;
  eof = false;
  /** Why the source stopped early (a damaged compressed stream), if it did. */
  failure: Error | null = null;
  /** Bytes that were there when take() hit the end. */
  partial = 0;
  readonly src: ChunkSource;
  constructor(src: ChunkSource) {
    this.src = src;
  }
  async pull(): Promise<Buffer | null> {
    if (this.eof) return null;
    try {
      const c = await this.src.next();
      if (c === null) this.eof = true;
      return c;
    } catch (err) {
      this.failure = err as Error;
      this.eof = true;
      return null;
    }
  }
  get available(): number {
    return this.buf.length - this.pos;
  }
  /** Makes `n` bytes contiguous at `pos` (for short reads: headers); false at the end of the stream. */
  async ensure(n: number): Promise<boolean> {
    while (this.available < n && !this.eof) {
      const c = await this.pull();
      if (c !== null) this.buf = this.available === 0 ? c : Buffer.concat([this.buf.subarray(this.pos), c]);
      if (c !== null) this.pos = 0;
    }
    return this.available >= n;
  }
  /** Consumes `n` bytes; returns them, or null with the partial count in `partial` when the stream ends. */
  async take(n: number): Promise<Uint8Array | null> {
    if (this.available >= n) {
      const v = this.buf.subarray(this.pos, this.pos + n);
      this.pos += n;
      this.offset += n;
      return v;
    }
    const out = Buffer.allocUnsafe(n);
    let have = this.available;
    this.buf.copy(out, 0, this.pos);
    this.pos = this.buf.length;
    while (have < n) {
      const c = await this.pull();
      if (c === null) {
        this.partial = have;
        return null;
      }
      const k = Math.min(n - have, c.length);
      c.copy(out, have, 0, k);
      have += k;
      this.buf = c;
      this.pos = k;
    }
    this.offset += n;
    return out;
  }
}

/** Streams the records of a TFRecord file (uncompressed, GZIP or ZLIB), checking both CRCs. */
export async function* readRecords(file: string, opts: ReadOptions = {}): AsyncGenerator<TFRecord> {
  const verify = opts.verify ?? true;
  const compression = !opts.compression || opts.compression === 'auto' ? await detectCompression(file) : opts.compression;
  // An uncompressed file's size bounds its record lengths; a compressed stream's is unknown ahead.
  const size = compression === 'none' ? (await stat(file)).size : null;
  const s = new Stream(await openSource(file, compression));
  const fail = (offset: number, kind: TFRecordErrorKind, detail: string | TFRecordError): void => {
    // A damaged compressed stream ends the records early: say that, not "truncated record".
    const err = s.failure
      ? new TFRecordError(file, s.offset, 'decompress', `cannot decompress (${s.failure.message}); records stop here`)
      : typeof detail === 'string'
        ? new TFRecordError(file, offset, kind, detail)
        : detail;
    if (!opts.onError) throw err;
    opts.onError(err);
  };
  try {
    for (;;) {
      const ok = await s.ensure(HEADER_BYTES);
      const at = s.offset;
      if (!ok) {
        if (s.available > 0 || s.failure) fail(at, 'truncated', `truncated record header (${s.available} of 12 bytes)`);
        return;
      }
      const h = parseHeader(s.buf, s.pos);
      if (h.length < 0) {
        fail(at, 'length-crc', `bad length CRC (stored ${hex(h.storedCrc)}, computed ${hex(h.computedCrc)})`);
        if (await resync(s)) continue;
        if (s.failure) fail(at, 'decompress', '');
        return;
      }
      if (h.length > MAX_RECORD_BYTES || (size !== null && h.length > size)) {
        fail(at, 'length-crc', claimsTooMuch(file, at, h.claimed, size));
        if (await resync(s)) continue;
        if (s.failure) fail(at, 'decompress', '');
        return;
      }
      s.pos += HEADER_BYTES;
      s.offset += HEADER_BYTES;
      const body = await s.take(h.length + FOOTER_BYTES);
      if (body === null) {
        fail(at, 'truncated', `truncated record: ${h.length} data bytes + 4 CRC bytes expected, ${s.partial} present`);
        return;
      }
      const data = body.subarray(0, h.length);
      if (verify) {
        const stored = readU32(body, h.length);
        const computed = maskCrc(crc32c(data));
        if (stored !== computed) {
          fail(at, 'data-crc', `bad data CRC in a record of ${h.length} bytes (stored ${hex(stored)}, computed ${hex(computed)})`);
          continue;
        }
      }
      yield { offset: at, data };
    }
  } finally {
    await s.src.close();
  }
}

const MAX_RECORD_BYTES = 2 ** 31;

/**
 * Moves to the next position holding a plausible header whose length CRC matches; false at the end.
 * Scanning data hits a chance CRC match about once per 4 GB; the data CRC then catches it.
 */
async function resync(s: Stream): Promise<boolean> {
  for (;;) {
    s.pos++;
    s.offset++;
    if (!(await s.ensure(HEADER_BYTES))) return false;
    const len = parseHeader(s.buf, s.pos).length;
    if (len >= 0 && len <= MAX_RECORD_BYTES) return true;
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

export interface VerifyResult {
  file: string;
  compression: Compression;
  records: number;
  /** Bytes of framed records read (decompressed). */
  bytes: number;
  errors: TFRecordError[];
}

/** Reads a whole file checking every CRC, collecting damage instead of stopping at it (`winnow verify`). */
export async function verifyFile(file: string): Promise<VerifyResult> {
  const compression = await detectCompression(file);
  const errors: TFRecordError[] = [];
  let records = 0;
  let bytes = 0;
  for await (const r of readRecords(file, { compression, onError: (e) => errors.push(e) })) {
    records++;
    bytes = r.offset + r.data.length + HEADER_BYTES + FOOTER_BYTES;
  }
  return { file, compression, records, bytes, errors };
}
