// 64-bit perceptual hashes as two parallel 32-bit arrays, so the hot loops never touch BigInt.
// Bit 63 of the hash is bit 31 of `hi`; bit 0 is bit 0 of `lo`.

export interface HashArray {
  hi: Uint32Array;
  lo: Uint32Array;
}

const MASK32 = 0xffffffffn;

export function fromBigInts(hashes: readonly bigint[]): HashArray {
  const n = hashes.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    // asUintN accepts the signed form SQLite hands back as well as the unsigned one.
    const h = BigInt.asUintN(64, hashes[i]!);
    hi[i] = Number(h >> 32n);
    lo[i] = Number(h & MASK32);
  }
  return { hi, lo };
}

export function toBigInt(hashes: HashArray, i: number): bigint {
  return (BigInt(hashes.hi[i]!) << 32n) | BigInt(hashes.lo[i]!);
}

export function emptyHashes(n: number): HashArray {
  return { hi: new Uint32Array(n), lo: new Uint32Array(n) };
}

/**
 * Int32 views of the same memory: V8 keeps int32 values as small integers, whereas uint32 values
 * ≥ 2^31 read from a Uint32Array become doubles and slow every loop that touches them.
 */
export function int32Views(hashes: HashArray): { hi: Int32Array; lo: Int32Array } {
  const { hi, lo } = hashes;
  return {
    hi: new Int32Array(hi.buffer, hi.byteOffset, hi.length),
    lo: new Int32Array(lo.buffer, lo.byteOffset, lo.length),
  };
}

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Hamming distance of two 64-bit hashes given as 32-bit halves (signed or unsigned, either works). */
export function hamming(aHi: number, aLo: number, bHi: number, bLo: number): number {
  let x = aHi ^ bHi;
  let y = aLo ^ bLo;
  x = x - ((x >>> 1) & 0x55555555);
  y = y - ((y >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  y = (y & 0x33333333) + ((y >>> 2) & 0x33333333);
  // Each nibble now holds ≤ 4, so the two halves can be summed before the byte step (≤ 8 per nibble).
  x += y;
  x = (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
  return Math.imul(x, 0x01010101) >>> 24;
}
