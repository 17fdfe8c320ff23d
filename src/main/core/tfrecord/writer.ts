import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zc, createDeflate, createGzip } from 'node:zlib';
import { encodeExample, type FeatureValue } from './example.ts';
import { FRAME_OVERHEAD, frameFooter, frameHeader } from './framing.ts';

/** Whole-file compression, as TensorFlow's TFRecordOptions(compression_type='GZIP' | 'ZLIB'). */
export type Compression = 'none' | 'gzip' | 'zlib';

export interface TFRecordWriterOptions {
  compression?: Compression;
  /** zlib level 0–9 (default 6, zlib's and TensorFlow's default). */
  level?: number;
}

export interface TFRecordWriteResult {
  path: string;
  records: number;
  /** Size of the file on disk (compressed size when compressed). */
  bytes: number;
  /** Size of the framed records before compression (= bytes when uncompressed). */
  rawBytes: number;
  /** Offset of each record in the uncompressed record stream (for the .idx, see formatIdx). */
  offsets: number[];
  /** SHA-256 (hex) of the file's bytes as written. */
  sha256: string;
}

/**
 * Streams records to `path`. Everything goes to a hidden temporary name in the same folder, renamed
 * to `path` by close() after an fsync, so a crash or cancel never leaves a half file under the final
 * name; abort() deletes the temporary file. One writer is used by one caller at a time: await each
 * write() (it waits for the disk when buffers are full).
 */
export class TFRecordWriter {
  readonly path: string;
  readonly tempPath: string;
  #head: Writable;
  #done: Promise<void>;
  #hash = createHash('sha256');
  #bytes = 0;
  #raw = 0;
  #offsets: number[] = [];
  #state: 'open' | 'closed' | 'aborted' = 'open';
  #error: Error | null = null;

  private constructor(path: string, tempPath: string, fh: FileHandle, opts: TFRecordWriterOptions) {
    this.path = path;
    this.tempPath = tempPath;
    // flush: fsync before close, so the rename never publishes a name whose data is not on disk yet.
    const sink = createWriteStream('', { fd: fh, flush: true, highWaterMark: 1 << 20 });
    const tap = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        this.#hash.update(chunk);
        this.#bytes += chunk.length;
        cb(null, chunk);
      },
      highWaterMark: 1 << 20,
    });
    const level = opts.level ?? zc.Z_DEFAULT_COMPRESSION;
    const compression = opts.compression ?? 'none';
    if (compression === 'none') {
      this.#head = tap;
      this.#done = pipeline(tap, sink);
    } else {
      const z = compression === 'gzip' ? createGzip({ level }) : createDeflate({ level });
      this.#head = z;
      this.#done = pipeline(z, tap, sink);
    }
    // A failure (disk full, I/O error) is kept and thrown by the next write() or close().
    this.#done.catch((err: unknown) => {
      this.#error ??= err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Opens a writer; the file appears under `path` only when close() succeeds. */
  static async open(path: string, opts: TFRecordWriterOptions = {}): Promise<TFRecordWriter> {
    const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    // 'wx' never follows or reuses anything already at the temporary name.
    const fh = await open(tempPath, 'wx');
    return new TFRecordWriter(path, tempPath, fh, opts);
  }

  get records(): number {
    return this.#offsets.length;
  }

  /** Appends one record. `data` is not copied and may still be queued after this settles: never change it. */
  async write(data: Uint8Array): Promise<void> {
    if (this.#state !== 'open') throw new Error(`TFRecordWriter for ${this.path} is ${this.#state}`);
    if (this.#error) throw this.#error;
    this.#offsets.push(this.#raw);
    this.#raw += data.length + FRAME_OVERHEAD;
    const head = this.#head;
    head.write(frameHeader(data.length));
    head.write(data);
    if (!head.write(frameFooter(data))) {
      // 'drain' never comes once the pipeline has failed: wait for whichever happens first.
      await new Promise<void>((resolve, reject) => {
        head.once('drain', resolve);
        this.#done.then(() => reject(new Error(`TFRecordWriter for ${this.path} stopped`)), reject);
      });
    }
  }

  /** Encodes and appends one tf.train.Example. */
  writeExample(features: Record<string, FeatureValue> | Map<string, FeatureValue>): Promise<void> {
    return this.write(encodeExample(features));
  }

  /** Finishes the file, fsyncs it and renames it to its final name (replacing any file there). */
  async close(): Promise<TFRecordWriteResult> {
    if (this.#state !== 'open') throw new Error(`TFRecordWriter for ${this.path} is ${this.#state}`);
    this.#state = 'closed';
    this.#head.end();
    try {
      await this.#done;
      await rename(this.tempPath, this.path);
    } catch (err) {
      await rm(this.tempPath, { force: true });
      throw err;
    }
    return {
      path: this.path,
      records: this.#offsets.length,
      bytes: this.#bytes,
      rawBytes: this.#raw,
      offsets: this.#offsets,
      sha256: this.#hash.digest('hex'),
    };
  }

  /** Stops writing and deletes the temporary file; the final name is never touched. */
  async abort(): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'aborted';
    this.#head.destroy();
    await this.#done.catch(() => {});
    await rm(this.tempPath, { force: true });
  }
}
