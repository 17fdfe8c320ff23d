// One decode, five perceptual hashes. The aHash/pHash/dHash/wHash values reproduce Python
// imagehash 4.3.2 (Pillow convert('L') + LANCZOS resize) so catalogs built by either agree.
import { decodeGrey } from '../media.ts';
import type { GreyImage, MediaInfo } from '../media.ts';
import { resizeL } from './resample.ts';
import {
  averageHashFromGrid,
  blockSums8,
  dHashFromGrid,
  pHashFromGrid,
  wHashFromBlockSums,
  whashScale,
} from './hashes.ts';
import { blockhashFromGrey } from './blockhash.ts';

export interface ImageHashes {
  ahash: bigint;
  phash: bigint;
  dhash: bigint;
  whash: bigint;
  blockhash: bigint;
}

export type ImageInfo = MediaInfo;

export interface HashResult {
  info: ImageInfo;
  hashes: ImageHashes;
  /** False when the image was reduced while decoding: hashes then approximate imagehash's. */
  exact: boolean;
}

// Above this many pixels wHash is taken from a reduced copy: Pillow's path resizes to the
// image's own power-of-two scale (e.g. 1024x1024), which would dominate the hashing time,
// while the hash only keeps 8x8 block means of it.
const WHASH_EXACT_MAX_SIDE = 256;

/** wHash block sums: Pillow-exact up to WHASH_EXACT_MAX_SIDE, otherwise from a smaller square. */
function whashBlockSums(img: GreyImage): Float64Array {
  const { grey, width, height } = img;
  const target = whashScale(img.info.width, img.info.height);
  let s = Math.min(target, WHASH_EXACT_MAX_SIDE);
  if (!img.fullSize) s = Math.min(s, whashScale(width, height));
  return blockSums8(resizeL(grey, width, height, s, s), s);
}

/** All hashes of a decoded greyscale image. */
export function hashGrey(img: GreyImage): ImageHashes {
  const { grey, width, height } = img;
  return {
    ahash: averageHashFromGrid(resizeL(grey, width, height, 8, 8)),
    phash: pHashFromGrid(resizeL(grey, width, height, 32, 32)),
    dhash: dHashFromGrid(resizeL(grey, width, height, 9, 8)),
    whash: wHashFromBlockSums(whashBlockSums(img)),
    blockhash: blockhashFromGrey(grey, width, height),
  };
}

/**
 * Decodes `buf` once and computes aHash, pHash, dHash, wHash (imagehash-compatible) and a
 * 64-bit blockhash. Throws MediaError for oversized, corrupt or unsupported images.
 */
export async function hashImage(buf: Buffer, opts: { maxPixels?: number } = {}): Promise<HashResult> {
  const img = await decodeGrey(buf, opts);
  return { info: img.info, hashes: hashGrey(img), exact: img.fullSize };
}
