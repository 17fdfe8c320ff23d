// One decode, five perceptual hashes. aHash/pHash/dHash/wHash follow Python imagehash 4.3.2
// (Pillow convert('L') + LANCZOS resize) so catalogs built by either can be compared.
import { decodeGrey, decodeJpegTurboInto, readJpegInfo, TURBO_MAX_PIXELS } from '../media.ts';
import type { GreyImage, MediaInfo } from '../media.ts';
import { resizeL } from './resample.ts';
import { colourBlockhashSums, LUT_EXACT, LUT_FASTDCT, scanGrey } from './cells.ts';
import { colourFrame } from './scan-wasm.ts';
import { blockMeansFromCells, resizeFromCells } from './cells-lanczos.ts';
import { averageHashFromGrid, blockSums8, dHashFromGrid, pHashAndMirrorFromGrid, wHashFromBlockSums, whashScale } from './hashes.ts';
import { blockhashFromSums } from './blockhash.ts';
import { featuresFromGrids, type ImageFeatures } from './features.ts';
import { DEFAULT_BLOCKHASH, type BlockhashMode } from './blockhash-mode.ts';

export interface ImageHashes {
  ahash: bigint;
  phash: bigint;
  dhash: bigint;
  whash: bigint;
  blockhash: bigint;
}

export type ImageInfo = MediaInfo;

export type { ImageFeatures } from './features.ts';

export interface HashResult {
  info: ImageInfo;
  hashes: ImageHashes;
  /** Matching aids from the same decode: mirrored pHash/dHash and a verification thumbnail. */
  features: ImageFeatures;
}

export interface GreyHashes {
  hashes: ImageHashes;
  features: ImageFeatures;
}

// Cells per axis (cells.ts). Measured on the shared corpus against imagehash: dHash, the most
// sensitive hash, is within 2 bits for 94.9% of images at 64 cells, 95.5% at 80, 95.8% at 96
// and 95.9% at 128, where the fast-IDCT decode rather than the grid becomes the limit.
export const CELLS = 96;
// Small images from exact decoders go through the bit-exact Pillow resampler: it costs
// ~25 multiply-adds per pixel, negligible at thumbnail sizes (e.g. 28x28 dataset PNGs).
const EXACT_RESIZE_MAX_PIXELS = 128 * 128;

function whashTarget(img: GreyImage): number {
  const s = whashScale(img.info.width, img.info.height);
  return img.fullSize ? s : Math.min(s, whashScale(img.width, img.height));
}

function hashExact(img: GreyImage, blockhash: bigint): GreyHashes {
  const { grey, width, height } = img;
  const s = whashTarget(img);
  const p32 = resizeL(grey, width, height, 32, 32);
  const p9x8 = resizeL(grey, width, height, 9, 8);
  const [phash, phashMirror] = pHashAndMirrorFromGrid(p32);
  return {
    hashes: {
      ahash: averageHashFromGrid(resizeL(grey, width, height, 8, 8)),
      phash,
      dhash: dHashFromGrid(p9x8),
      whash: wHashFromBlockSums(blockSums8(resizeL(grey, width, height, s, s), s)),
      blockhash,
    },
    features: featuresFromGrids(p32, p9x8, phashMirror),
  };
}

export { BLOCKHASH_MODES, DEFAULT_BLOCKHASH, type BlockhashMode } from './blockhash-mode.ts';

export interface HashOptions {
  maxPixels?: number;
  blockhash?: BlockhashMode;
}

const cellScratch = new Float64Array(128 * 128);

/** All hashes of a decoded greyscale image. */
export function hashGrey(img: GreyImage, mode: BlockhashMode = DEFAULT_BLOCKHASH): ImageHashes {
  return hashGreyWithFeatures(img, mode).hashes;
}

/** All hashes of a decoded greyscale image plus the matching features, from the same grids. */
export function hashGreyWithFeatures(img: GreyImage, mode: BlockhashMode = DEFAULT_BLOCKHASH): GreyHashes {
  const { grey, width, height } = img;
  const lut = img.fastDct ? LUT_FASTDCT : LUT_EXACT;
  // The cell sums live in a scratch array: they are consumed before this function returns.
  const scan = scanGrey(grey, width, height, CELLS, CELLS, lut, cellScratch);
  // A greyscale source has R = G = B, so its luma sums are its colour sums too.
  const colour = mode === 'colour' ? img.colour : undefined;
  const sums = colour ? colourBlockhashSums(colour.data, colour.channels, width, height) : scan.blockhashSums;
  const blockhash = blockhashFromSums(sums, width, height);
  if (!img.fastDct && img.fullSize && width * height <= EXACT_RESIZE_MAX_PIXELS) return hashExact(img, blockhash);
  const c = scan.cells;
  const p32 = resizeFromCells(c, width, height, 32, 32);
  const p9x8 = resizeFromCells(c, width, height, 9, 8);
  const [phash, phashMirror] = pHashAndMirrorFromGrid(p32);
  return {
    hashes: {
      ahash: averageHashFromGrid(resizeFromCells(c, width, height, 8, 8)),
      phash,
      dhash: dHashFromGrid(p9x8),
      whash: wHashFromBlockSums(blockMeansFromCells(c, width, height, whashTarget(img))),
      blockhash,
    },
    features: featuresFromGrids(p32, p9x8, phashMirror),
  };
}

/**
 * Decodes `buf` once and computes aHash, pHash, dHash, wHash (imagehash-compatible), a 64-bit
 * blockhash (imghash.hashRaw's, see BlockhashMode) and the matching features (features.ts).
 * Throws MediaError for oversized, corrupt or unsupported images.
 */
export async function hashImage(buf: Buffer, opts: HashOptions = {}): Promise<HashResult> {
  return hashImageNow(buf, opts) ?? hashImageLater(buf, opts);
}

/**
 * The synchronous part of hashImage: the JPEG fast path, or null when the image needs the
 * asynchronous route. `buf` is not used after it returns, so a caller may reuse it at once.
 */
export function hashImageNow(buf: Buffer, opts: HashOptions = {}): HashResult | null {
  return hashJpegInPlace(buf, opts, opts.blockhash ?? DEFAULT_BLOCKHASH);
}

/** The general route (sharp, or libjpeg-turbo through decodeGrey); `buf` must stay untouched until it settles. */
export async function hashImageLater(buf: Buffer, opts: HashOptions = {}): Promise<HashResult> {
  const img = await decodeGrey(buf, opts);
  return { info: img.info, ...hashGreyWithFeatures(img, opts.blockhash ?? DEFAULT_BLOCKHASH) };
}

/**
 * The hot path (most files are JPEGs of a few hundred pixels): decode straight into the
 * WebAssembly scratch memory and hash there, copying no pixels — greyscale, or RGB plus its luma
 * for a colour blockhash. Synchronous from decode to result, since the frame is reused by the
 * next image. null = take the general route.
 */
function hashJpegInPlace(buf: Buffer, opts: HashOptions, mode: BlockhashMode): HashResult | null {
  const info = readJpegInfo(buf, opts);
  if (info === null || info.width * info.height > TURBO_MAX_PIXELS) return null;
  const colour = mode === 'colour' && info.channels === 3;
  if (!colour && info.channels !== 3 && info.channels !== 1) return null;
  const frame = colourFrame(info.width, info.height);
  const r = decodeJpegTurboInto(buf, colour ? frame.rgb : frame.grey, colour);
  if (r === null || r.width !== info.width || r.height !== info.height) return null;
  const base = { info, width: r.width, height: r.height, fullSize: true, fastDct: true };
  const img: GreyImage = colour ? { ...base, grey: frame.luma(), colour: { data: frame.rgb, channels: 3 } } : { ...base, grey: frame.grey };
  return { info, ...hashGreyWithFeatures(img, mode) };
}
