// Blockhash (bmvbhash, 8x8 = 64 bits) as imghash/blockhash-core compute it. The block sums come
// from cells.ts's single pass; imghash's own per-pixel loop (hashRaw) costs more than decoding
// the image, so it serves only as the reference the tests compare against (blockhash-imghash.ts,
// kept out of this module so worker threads do not load imghash: ~46 ms per worker start).
import { packBits } from './hashes.ts';

function median16(v: Float64Array, from: number): number {
  const s = v.slice(from, from + 16).sort();
  return (s[7]! + s[8]!) / 2;
}

/**
 * blockhash-core's translateBlocksToBits for 64 row-major block sums of R+G+B: per band of two
 * block rows, bit = above the band median, with its tie rule for mostly-black/white images.
 */
export function blockhashFromSums(sums: Float64Array, width: number, height: number): bigint {
  const halfBlockValue = ((width / 8) * (height / 8) * 256 * 3) / 2;
  const bits = new Array<boolean>(64);
  for (let band = 0; band < 4; band++) {
    const m = median16(sums, band * 16);
    for (let j = band * 16; j < band * 16 + 16; j++) {
      const v = sums[j]!;
      bits[j] = v > m || (Math.abs(v - m) < 1 && m > halfBlockValue);
    }
  }
  return packBits(bits);
}
