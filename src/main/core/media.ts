// The project's only door to native image codecs (sharp/libvips and libjpeg-turbo).
// Decoding for hashing is the indexing bottleneck, so there are two routes:
//  - small and medium JPEGs (the bulk of training sets): libjpeg-turbo straight to greyscale at
//    full size. No per-call libvips pipeline overhead (~1.5-2 ms in sharp) and the output is the
//    full-resolution image that Pillow would hash, so hashes come out bit-exact most of the time.
//  - big JPEGs and every other format: sharp. Big images are shrunk while loading (JPEG DCT
//    scaling), never decoded at full size just to produce 64-bit hashes.
import { createRequire } from 'node:module';
import type { Metadata } from 'sharp';
import type sharpType from 'sharp';
import type * as JpegTurbo from '@julusian/jpeg-turbo';
import { isJpeg, jpegFrameInfo, pngHeaderSize } from './image-headers.ts';
import { lumaFromRgbWasm } from './hashing/scan-wasm.ts';

export { isJpeg, jpegFrame, jpegFrameInfo, type JpegFrame } from './image-headers.ts';

// sharp is loaded on first use, through require(): its CommonJS build loads in a worker thread for
// ~15 ms of CPU where its ES module build takes ~60-100 ms (measured), and an import made only of
// small JPEGs never needs it. Each import starts two worker threads, so this is paid per import.
const requireCjs = createRequire(import.meta.url);
// CommonJS too, so no ES-module wrapper is built for it in every worker thread.
const jpegTurbo = requireCjs('@julusian/jpeg-turbo') as typeof JpegTurbo;
let sharpModule: typeof sharpType | null = null;
/** sharp, loaded on first call (exported for the bench's decode ceiling, which must load it the same way). */
export function sharp(): typeof sharpType {
  if (sharpModule === null) {
    sharpModule = requireCjs('sharp') as typeof sharpType;
    sharpModule.cache(false);
  }
  return sharpModule;
}

export type MediaErrorCode = 'TOO_LARGE' | 'UNSUPPORTED' | 'CORRUPT';

export class MediaError extends Error {
  readonly code: MediaErrorCode;
  constructor(code: MediaErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'MediaError';
    this.code = code;
  }
}

export interface MediaInfo {
  width: number;
  height: number;
  /** As sharp names it: 'jpeg' | 'png' | 'webp' | 'tiff' | 'gif' | 'avif' | 'heif' | ... */
  format: string;
  channels: number;
}

export interface GreyImage {
  /** Original image, before any reduction. */
  info: MediaInfo;
  /** Row-major 8-bit luma ('L' as Pillow's convert('L') computes it). */
  grey: Uint8Array;
  width: number;
  height: number;
  /** False when the pixels were reduced while decoding (hashes are then close, not exact). */
  fullSize: boolean;
  /** Decoded by libjpeg-turbo's fast IDCT: pixels read ~0.5 low and differ from Pillow by +-1..4. */
  fastDct: boolean;
  /**
   * The same pixels in colour (interleaved RGB or RGBA, same size as `grey`) for blockhash, which
   * sums R+G+B as imghash does; absent for greyscale sources, where R = G = B = grey.
   */
  colour?: { data: Uint8Array; channels: 3 | 4 };
}

let pixelLimit = 100_000_000;

/** Images with more pixels than this are refused before decoding (decompression bombs). */
export function setPixelLimit(pixels: number): void {
  if (!Number.isInteger(pixels) || pixels <= 0) throw new RangeError(`pixel limit must be a positive integer, got ${pixels}`);
  pixelLimit = pixels;
}

export function getPixelLimit(): number {
  return pixelLimit;
}

// Crossover measured on the shared corpus (whole-corpus throughput with the limit at 0.5, 1, 2,
// 4 and 20 MP): full libjpeg-turbo decode plus the JS scan beats sharp's shrink-on-load
// pipeline up to 1-4 MP (flat in that range), and loses clearly on 10+ MP photos.
export const TURBO_MAX_PIXELS = 2_000_000;
// Non-JPEG formats cannot shrink on load; up to this size we hash the full image exactly,
// above it sharp reduces first so the JS resampler never walks tens of megapixels.
export const EXACT_MAX_PIXELS = 1_000_000;
/** Long side of the reduced image on the sharp route: 8x the 32-pixel pHash grid. */
export const REDUCED_SIDE = 256;

function tooLarge(w: number, h: number, limit: number): MediaError {
  return new MediaError(
    'TOO_LARGE',
    `image is ${w}x${h} = ${((w * h) / 1e6).toFixed(1)} megapixels, over the ${(limit / 1e6).toFixed(1)} MP limit ` +
      '(refused before decoding as a possible decompression bomb)',
  );
}

/** Pillow's RGB->L: (R*299 + G*587 + B*114)/1000 in 16-bit fixed point, rounded. */
export function lumaFromInterleaved(data: Uint8Array, pixels: number, channels: number): Uint8Array {
  if (channels === 1) return data.subarray(0, pixels);
  if (channels === 3) return lumaFromRgbWasm(data, pixels);
  return lumaJs(data, pixels, channels);
}

/** The plain loop (also the reference lumaFromRgbWasm is tested against). */
export function lumaJs(data: Uint8Array, pixels: number, channels: number): Uint8Array {
  if (channels === 1) return data.slice(0, pixels);
  const out = new Uint8Array(pixels);
  if (channels === 2) {
    for (let i = 0; i < pixels; i++) out[i] = data[i * 2]!;
    return out;
  }
  for (let i = 0, p = 0; i < pixels; i++, p += channels) {
    out[i] = (data[p]! * 19595 + data[p + 1]! * 38470 + data[p + 2]! * 7471 + 0x8000) >>> 16;
  }
  return out;
}

function decodeJpegTurbo(buf: Uint8Array, colour: boolean): { data: Uint8Array; width: number; height: number } | null {
  try {
    const r = jpegTurbo.decompressSync(buf as Buffer, { format: colour ? jpegTurbo.FORMAT_RGB : jpegTurbo.FORMAT_GRAY });
    return { data: r.data, width: r.width, height: r.height };
  } catch {
    // libjpeg-turbo refuses anything with a warning (truncation, odd markers, CMYK->grey...).
    // sharp gets the final say and produces the user-facing error if it fails too.
    return null;
  }
}

function wrapSharpError(err: unknown): MediaError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/unsupported image format/i.test(msg)) {
    return new MediaError('UNSUPPORTED', 'unsupported image format (not JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF or SVG)', err);
  }
  if (/pixel limit/i.test(msg)) return new MediaError('TOO_LARGE', `image exceeds the pixel limit: ${msg}`, err);
  return new MediaError('CORRUPT', `corrupt or truncated image: ${msg}`, err);
}

function toBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** A JPEG's metadata from its frame header alone (null if not a JPEG or no frame); refuses bombs. */
export function readJpegInfo(buf: Uint8Array, opts: { maxPixels?: number } = {}): MediaInfo | null {
  const limit = opts.maxPixels ?? pixelLimit;
  if (!isJpeg(buf)) return null;
  const f = jpegFrameInfo(buf);
  if (f === null || !(f.width > 0 && f.height > 0)) return null;
  if (f.width * f.height > limit) throw tooLarge(f.width, f.height, limit);
  return { width: f.width, height: f.height, format: 'jpeg', channels: f.channels };
}

/**
 * libjpeg-turbo's full-size decode into `into` (RGB or grey as sized by the caller), no
 * allocation; null when libjpeg-turbo declines (the caller then takes the sharp route).
 */
export function decodeJpegTurboInto(buf: Uint8Array, into: Buffer, colour: boolean): { width: number; height: number } | null {
  try {
    const r = jpegTurbo.decompressSync(buf as Buffer, into, { format: colour ? jpegTurbo.FORMAT_RGB : jpegTurbo.FORMAT_GRAY });
    return r.data.buffer === into.buffer && r.data.byteOffset === into.byteOffset ? { width: r.width, height: r.height } : null;
  } catch {
    return null;
  }
}

/** Header-only metadata; refuses images over the pixel limit. */
export async function readInfo(buf: Uint8Array, opts: { maxPixels?: number } = {}): Promise<MediaInfo> {
  const limit = opts.maxPixels ?? pixelLimit;
  const jpeg = readJpegInfo(buf, { maxPixels: limit });
  if (jpeg !== null) return jpeg;
  const png = pngHeaderSize(buf);
  // Check the IHDR size first: libvips' metadata() may insist on more of the file than a header.
  if (png !== null && png.width * png.height > limit) throw tooLarge(png.width, png.height, limit);
  // The IHDR says all we need: skipping metadata() saves a whole sharp call (~1.5 ms) per PNG.
  if (png !== null && png.width > 0 && png.height > 0 && png.channels !== undefined) {
    return { width: png.width, height: png.height, format: 'png', channels: png.channels };
  }
  let meta: Metadata;
  try {
    meta = await sharp()(toBuffer(buf), { limitInputPixels: false }).metadata();
  } catch (err) {
    throw wrapSharpError(err);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!(width > 0 && height > 0)) throw new MediaError('CORRUPT', 'corrupt image: no dimensions in its header');
  if (width * height > limit) throw tooLarge(width, height, limit);
  return { width, height, format: meta.format ?? 'unknown', channels: meta.channels ?? 0 };
}

/**
 * Decodes for hashing (greyscale, plus colour for blockhash), at full size when cheap (always for
 * JPEGs up to TURBO_MAX_PIXELS), otherwise reduced to fit REDUCED_SIDE. Throws MediaError.
 * Luma is Pillow's convert('L') of the decoded RGB, as imagehash sees it.
 */
export async function decodeGrey(buf: Uint8Array, opts: { maxPixels?: number } = {}): Promise<GreyImage> {
  const limit = opts.maxPixels ?? pixelLimit;
  const info = await readInfo(buf, { maxPixels: limit });
  const pixels = info.width * info.height;
  if (info.format === 'jpeg' && pixels <= TURBO_MAX_PIXELS) {
    const colour = info.channels >= 3;
    const r = decodeJpegTurbo(buf, colour);
    if (r !== null) {
      const base = { info, width: r.width, height: r.height, fullSize: true, fastDct: true };
      if (!colour) return { ...base, grey: r.data };
      return { ...base, grey: lumaFromInterleaved(r.data, r.width * r.height, 3), colour: { data: r.data, channels: 3 } };
    }
  }
  const exact = info.format !== 'jpeg' && pixels <= EXACT_MAX_PIXELS;
  // 'truncated' still rejects cut-off files (Pillow refuses them too) but tolerates the benign
  // warnings libjpeg-turbo bailed out on above.
  let pipeline = sharp()(toBuffer(buf), { failOn: 'truncated', limitInputPixels: limit, sequentialRead: true });
  if (!exact && Math.max(info.width, info.height) > REDUCED_SIDE) {
    pipeline = pipeline.resize(REDUCED_SIDE, REDUCED_SIDE, { fit: 'inside', fastShrinkOnLoad: true });
  }
  try {
    const { data, info: out } = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const grey = lumaFromInterleaved(data, out.width * out.height, out.channels);
    const fullSize = out.width === info.width && out.height === info.height;
    const img: GreyImage = { info, grey, width: out.width, height: out.height, fullSize, fastDct: false };
    if (out.channels === 3 || out.channels === 4) img.colour = { data, channels: out.channels };
    return img;
  } catch (err) {
    throw wrapSharpError(err);
  }
}

// ---- Export: RGB decode/encode for re-encoding images into TFRecords ----

export interface RgbImage {
  /** Row-major interleaved 8-bit RGB. */
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Full-size RGB through libjpeg-turbo (no per-call pipeline cost); null when it refuses the file
 * (CMYK, warnings, truncation), and the caller falls back to sharp. EXIF orientation is not applied.
 * `into` (at least width*height*3 bytes) is reused scratch: the pixels then live in it.
 */
export function decodeJpegRgb(buf: Uint8Array, into?: Buffer): RgbImage | null {
  try {
    const src = toBuffer(buf);
    const opts = { format: jpegTurbo.FORMAT_RGB };
    const r = into === undefined ? jpegTurbo.decompressSync(src, opts) : jpegTurbo.decompressSync(src, into, opts);
    return { data: r.data, width: r.width, height: r.height };
  } catch {
    return null;
  }
}

export interface SharpRgbOptions {
  maxPixels?: number;
  /** Alpha is composited onto this colour. */
  background: 'black' | 'white';
  /** Resize inside sharp (for images too big for the JS resampler); omitted = full size. */
  resize?: { width: number; height: number; fit: 'fill' | 'cover' | 'contain'; kernel: 'linear' | 'cubic' | 'lanczos3' };
}

/**
 * Any format sharp reads -> 8-bit sRGB, 3 channels, first page/frame only, EXIF orientation not
 * applied (as TensorFlow's decoders and the JPEG fast path). Throws MediaError.
 */
export async function decodeRgbSharp(buf: Uint8Array, opts: SharpRgbOptions): Promise<RgbImage> {
  const bg = opts.background === 'white' ? { r: 255, g: 255, b: 255 } : { r: 0, g: 0, b: 0 };
  let p = sharp()(toBuffer(buf), { failOn: 'truncated', limitInputPixels: opts.maxPixels ?? pixelLimit, autoOrient: false });
  if (opts.resize !== undefined) {
    const r = opts.resize;
    p = p.resize(r.width, r.height, { fit: r.fit, position: 'centre', kernel: r.kernel, background: { ...bg, alpha: 1 } });
  }
  try {
    const { data, info } = await p
      .flatten({ background: bg })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    return { data, width: info.width, height: info.height };
  } catch (err) {
    throw err instanceof MediaError ? err : wrapSharpError(err);
  }
}

/** Baseline JPEG from interleaved RGB via libjpeg-turbo; deterministic for a given input and settings. */
let encodeScratch = Buffer.alloc(0);

/**
 * Baseline JPEG from interleaved RGB via libjpeg-turbo; deterministic for a given input and
 * settings. The result is an exact-size copy: libjpeg-turbo's own output buffer is the worst-case
 * size (~3 bytes/pixel), which records waiting to be written would otherwise keep alive.
 */
export function encodeJpegRgb(img: RgbImage, opts: { quality: number; chroma: '444' | '420' }): Buffer {
  const o = {
    format: jpegTurbo.FORMAT_RGB,
    width: img.width,
    height: img.height,
    quality: opts.quality,
    subsampling: opts.chroma === '444' ? jpegTurbo.SAMP_444 : jpegTurbo.SAMP_420,
  };
  const need = jpegTurbo.bufferSize(o);
  if (encodeScratch.length < need) encodeScratch = Buffer.allocUnsafe(need);
  return Buffer.from(jpegTurbo.compressSync(toBuffer(img.data), encodeScratch, o));
}

/** Version of the libvips bundled with sharp, for export manifests. */
export function libvipsVersion(): string {
  return sharp().versions.vips;
}

/**
 * A JPEG thumbnail fitting `size`×`size` for the UI grid, EXIF orientation applied (people look at
 * these), never enlarged, first frame only. Throws MediaError.
 */
export async function thumbnailJpeg(buf: Uint8Array, size: number): Promise<Buffer> {
  try {
    return await sharp()(toBuffer(buf), { failOn: 'none', limitInputPixels: pixelLimit, autoOrient: true })
      .resize(size, size, { fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
      .flatten({ background: { r: 128, g: 128, b: 128 } })
      .toColourspace('srgb')
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer();
  } catch (err) {
    throw wrapSharpError(err);
  }
}
