// Blockhash (bmvbhash, 64 bits) through imghash's pure-JS hashRaw: imghash.hash() would decode
// the file again with synchronous WASM, several times slower than our single decode.
import imghash from 'imghash';
import { fromHex } from './hashes.ts';

/**
 * Blockhash of a greyscale image, replicating luma into R=G=B. Blockhash sums R+G+B per block,
 * so this is 3x luma instead of R+G+B; the measured effect is a bit or two on some images.
 */
export function blockhashFromGrey(grey: Uint8Array, width: number, height: number): bigint {
  const n = width * height;
  const rgba = new Uint8Array(n * 4);
  const words = new Uint32Array(rgba.buffer);
  // One 32-bit store per pixel: bytes R,G,B,A = L,L,L,255 on little-endian hosts.
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (littleEndian) {
    for (let i = 0; i < n; i++) words[i] = (0xff000000 | (grey[i] * 0x010101)) >>> 0;
  } else {
    for (let i = 0; i < n; i++) words[i] = ((grey[i] * 0x01010100) | 0xff) >>> 0;
  }
  return fromHex(imghash.hashRaw({ width, height, data: rgba }, 8));
}
