import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, createInflate } from 'node:zlib';
import { HEADER_BYTES, parseHeader } from './framing.ts';
import type { Compression } from './writer.ts';

/** Pull-based byte source: the next chunk, or null at the end. Chunks are never reused. */
export interface ChunkSource {
  next(): Promise<Buffer | null>;
  close(): Promise<void>;
}

/**
 * Compression of a TFRecord file from its first bytes, not its name. A valid uncompressed first
 * header wins: an uncompressed file can start like a zlib stream (a 376-byte first record starts
 * 78 01, a valid zlib header), while a header CRC match by chance is a 1 in 2^32 event.
 */
export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= HEADER_BYTES && parseHeader(head, 0).length >= 0) return 'none';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 2 && (head[0]! & 0x0f) === 8 && head[0]! >> 4 <= 7 && ((head[0]! << 8) | head[1]!) % 31 === 0) {
    return 'zlib';
  }
  return 'none';
}

export async function detectCompression(file: string): Promise<Compression> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await fh.read(head, 0, HEADER_BYTES, 0);
    return sniffCompression(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

const FIRST_CHUNK = 64 << 10;
const MAX_CHUNK = 8 << 20;

/**
 * Reads an uncompressed file in chunks that start small (the first record arrives fast) and double
 * up to 8 MB (few syscalls and awaits per GB), one chunk ahead: the next read runs on the libuv pool
 * while the caller checks CRCs of the current one. Chunks are fresh buffers because records handed
 * out are views into them.
 */
export async function fileSource(file: string): Promise<ChunkSource> {
  const fh = await open(file, 'r');
  let size = FIRST_CHUNK;
  let position = 0;
  let done = false;
  const read = async (): Promise<Buffer | null> => {
    const buf = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    position += filled;
    size = Math.min(size * 2, MAX_CHUNK);
    if (filled < buf.length) done = true;
    return filled === 0 ? null : buf.subarray(0, filled);
  };
  let ahead: Promise<Buffer | null> | null = null;
  return {
    async next() {
      const current = ahead ?? (done ? null : read());
      ahead = null;
      const chunk = await current;
      if (chunk !== null && !done) {
        ahead = read();
        ahead.catch(() => {}); // surfaces on the next call
      }
      return chunk;
    },
    async close() {
      await ahead?.catch(() => {});
      await fh.close();
    },
  };
}

/** Decompresses a whole-file GZIP or ZLIB stream (TensorFlow's compression_type). */
export function inflateSource(file: string, compression: 'gzip' | 'zlib'): ChunkSource {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const z = compression === 'gzip' ? createGunzip({ chunkSize: 256 << 10 }) : createInflate({ chunkSize: 256 << 10 });
  raw.on('error', (err) => z.destroy(err));
  raw.pipe(z);
  const it = z[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    async next() {
      const r = await it.next();
      return r.done ? null : r.value;
    },
    async close() {
      raw.destroy();
      z.destroy();
    },
  };
}

export async function openSource(file: string, compression: Compression): Promise<ChunkSource> {
  return compression === 'none' ? fileSource(file) : inflateSource(file, compression);
}
