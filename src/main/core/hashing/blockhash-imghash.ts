// The reference blockhash: imghash.hashRaw (the npm package's own implementation), for tests.
import imghash from 'imghash';
import { fromHex } from './hashes.ts';

/** imghash.hashRaw on interleaved RGBA pixels (slow, for tests). */
export function blockhashRawImghash(rgba: Uint8Array, width: number, height: number): bigint {
  return fromHex(imghash.hashRaw({ width, height, data: rgba }, 8));
}

/** Reference path: imghash.hashRaw on luma replicated into opaque RGBA (slow, for tests). */
export function blockhashViaImghash(grey: Uint8Array, width: number, height: number): bigint {
  const n = width * height;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = grey[i]!;
    rgba[i * 4 + 3] = 255;
  }
  return fromHex(imghash.hashRaw({ width, height, data: rgba }, 8));
}
