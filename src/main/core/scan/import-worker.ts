import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { hashImageLater, hashImageNow, type BlockhashMode, type ImageFeatures, type ImageHashes } from '../hashing/hash-image.ts';
import { describeContent, hasImageExtension, isReadableFormat, sniffFormat, SNIFF_BYTES } from './sniff.ts';
import { describeFsError } from './walk.ts';
import { serveBatches } from './pool.ts';

export interface FileTask {
  path: Uint8Array;
  maxPixels: number;
  blockhash?: BlockhashMode;
}

export type FileResult =
  | {
      kind: 'image';
      size: number;
      sha256: string;
      width: number;
      height: number;
      format: string;
      channels: number;
      hashes: ImageHashes;
      features: ImageFeatures;
    }
  | { kind: 'error'; size: number; sha256: string | null; error: string }
  | { kind: 'skip' };

const MAX_FILE_BYTES = 1024 * 1024 * 1024;

// One read buffer for every file: a fresh 100 KB buffer per image was most of this thread's garbage.
// Only synchronous work may use it (the next task reads into it as soon as this one awaits).
let readBuffer = Buffer.allocUnsafe(1 << 20);

/** Reads one file (never writes it), decides whether it is an image, and hashes it. */
export async function processFile(task: FileTask): Promise<FileResult> {
  const path = Buffer.from(task.path.buffer, task.path.byteOffset, task.path.byteLength);
  const name = path.toString('utf8');
  let data: Buffer;
  let size = 0;
  let format: string | null;
  // Synchronous I/O on purpose: this thread exists only to do this work, and each promise-based call
  // would hop through libuv's pool (measured ~15% of the worker's time on small files).
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    readSync(fd, head, 0, head.length, 0);
    format = sniffFormat(head);
    if (format === null && !hasImageExtension(name)) return { kind: 'skip' };
    if (size === 0) return { kind: 'error', size, sha256: null, error: 'empty file (0 bytes)' };
    if (format === null) {
      return { kind: 'error', size, sha256: null, error: `not an image: the content is ${describeContent(head)}` };
    }
    if (!isReadableFormat(format)) {
      return {
        kind: 'error',
        size,
        sha256: null,
        error: `unsupported format: ${format.toUpperCase()} (Winnow reads JPEG, PNG, WebP, TIFF, GIF and AVIF)`,
      };
    }
    if (size > MAX_FILE_BYTES) return { kind: 'error', size, sha256: null, error: `file too large (${size} bytes)` };
    if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, 2 * readBuffer.length));
    data = readBuffer;
    let got = 0;
    while (got < size) {
      const n = readSync(fd, data, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    data = data.subarray(0, got);
  } catch (err) {
    return { kind: 'error', size, sha256: null, error: `cannot read: ${describeFsError(err)}` };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  try {
    const opts = { maxPixels: task.maxPixels, ...(task.blockhash ? { blockhash: task.blockhash } : {}) };
    const bytes = data.length;
    // The fast path finishes with the shared buffer before returning; the other route gets a copy.
    const { info, hashes, features } = hashImageNow(data, opts) ?? (await hashImageLater(Buffer.from(data), opts));
    // The sniffed name wins (libvips calls AVIF 'heif'): users know their files as JPEG, PNG, AVIF...
    return { kind: 'image', size: bytes, sha256, ...info, format: format ?? info.format, hashes, features };
  } catch (err) {
    return { kind: 'error', size: data.length, sha256, error: (err as Error).message };
  }
}

if (parentPort) {
  serveBatches<FileTask, FileResult>(parentPort, processFile, (err) => ({
    kind: 'error',
    size: 0,
    sha256: null,
    error: `internal error: ${String(err)}`,
  }));
}
