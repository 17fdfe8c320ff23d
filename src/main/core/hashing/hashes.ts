// The imagehash 4.3.2 algorithms on already-resized greyscale grids, plus the 64-bit helpers.
// Bits are row-major with the first bit most significant, so toHex16(hash) === str(imagehash).

const MASK64 = (1n << 64n) - 1n;

/** Packs 64 booleans (row-major, first = most significant) into a BigInt. */
export function packBits(bits: ArrayLike<boolean>): bigint {
  // Two 32-bit halves keep the hot part in plain numbers; BigInt ops happen once.
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) hi = (hi * 2 + (bits[i] ? 1 : 0)) >>> 0;
  for (let i = 32; i < 64; i++) lo = (lo * 2 + (bits[i] ? 1 : 0)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function toHex16(h: bigint): string {
  return (h & MASK64).toString(16).padStart(16, '0');
}

export function fromHex(hex: string): bigint {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw new Error(`not a 64-bit hex hash: ${JSON.stringify(hex)}`);
  return BigInt('0x' + hex);
}

export function hamming64(a: bigint, b: bigint): number {
  const x = (a ^ b) & MASK64;
  // Popcount on two 32-bit halves: far cheaper than looping over BigInt bits.
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}

function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** numpy.median of a numeric array (mean of the two middle values for even lengths). */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

function aboveThreshold(values: ArrayLike<number>, t: number): boolean[] {
  const bits = new Array<boolean>(values.length);
  for (let i = 0; i < values.length; i++) bits[i] = values[i]! > t;
  return bits;
}

/** average_hash: 8x8 grid, bit = pixel > mean. */
export function averageHashFromGrid(p8: Uint8Array): bigint {
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += p8[i]!;
  return packBits(aboveThreshold(p8, sum / 64));
}

/** dhash: 9 wide x 8 high grid, bit = right neighbour brighter than left. */
export function dHashFromGrid(p9x8: Uint8Array): bigint {
  const bits = new Array<boolean>(64);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) bits[y * 8 + x] = p9x8[y * 9 + x + 1]! > p9x8[y * 9 + x]!;
  }
  return packBits(bits);
}

// scipy.fftpack.dct type II without normalisation: y[k] = 2 * sum x[n] cos(pi k (2n+1) / 2N).
// Only the first 8 frequencies are kept, so a matrix product beats a full FFT.
const N = 32;
const K = 8;
const DCT = (() => {
  const m = new Float64Array(K * N);
  for (let k = 0; k < K; k++) {
    for (let n = 0; n < N; n++) m[k * N + n] = 2 * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * N));
  }
  return m;
})();

/** phash: 2-D DCT of a 32x32 grid (axis 0 then axis 1), top-left 8x8 including DC, > median. */
export function pHashFromGrid(p32: Uint8Array): bigint {
  const low = lowDct(p32);
  return packBits(aboveThreshold(low, median(low)));
}

/**
 * pHash of the grid and of its horizontal mirror from one DCT: mirroring a row negates its odd
 * horizontal frequencies (DCT-II of x[N-1-n] is (-1)^k times that of x[n]), so the mirrored
 * coefficients are sign flips of the same numbers. The first hash equals pHashFromGrid's.
 */
export function pHashAndMirrorFromGrid(p32: Uint8Array): [bigint, bigint] {
  const low = lowDct(p32);
  const mirrored = low.map((v, i) => ((i % K) % 2 === 1 ? -v : v));
  return [packBits(aboveThreshold(low, median(low))), packBits(aboveThreshold(mirrored, median(mirrored)))];
}

/** The 8x8 lowest frequencies of the 2-D DCT, row-major: low[k * 8 + j], k along axis 0. */
function lowDct(p32: Uint8Array): Float64Array {
  const cols = new Float64Array(K * N); // DCT along axis 0: rows k < 8, all 32 columns
  for (let k = 0; k < K; k++) {
    for (let x = 0; x < N; x++) {
      let s = 0;
      for (let n = 0; n < N; n++) s += DCT[k * N + n]! * p32[n * N + x]!;
      cols[k * N + x] = s;
    }
  }
  const low = new Float64Array(K * K);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let n = 0; n < N; n++) s += DCT[j * N + n]! * cols[k * N + n]!;
      low[k * K + j] = s;
    }
  }
  return low;
}

/**
 * whash (haar, remove_max_haar_ll): the level-(log2(scale)-3) Haar LL of the zero-mean image
 * is proportional to the 8x8 block means, so bit = block sum > median of block sums.
 * pywt's floating-point noise can break exact ties differently; integer sums here don't.
 */
export function wHashFromBlockSums(sums: ArrayLike<number>): bigint {
  return packBits(aboveThreshold(sums, median(sums)));
}

/** image_scale imagehash's whash uses: largest power of 2 <= min(w, h), at least 8. */
export function whashScale(width: number, height: number): number {
  const m = Math.min(width, height);
  let s = 1;
  while (s * 2 <= m) s *= 2;
  return Math.max(s, 8);
}

/** Sums of the 64 square blocks of an s x s image (s a multiple of 8). */
export function blockSums8(pixels: Uint8Array, s: number): Float64Array {
  const b = s / 8;
  const sums = new Float64Array(64);
  for (let y = 0; y < s; y++) {
    const row = y * s;
    const by = ((y / b) | 0) * 8;
    for (let x = 0; x < s; x++) sums[by + ((x / b) | 0)]! += pixels[row + x]!;
  }
  return sums;
}
