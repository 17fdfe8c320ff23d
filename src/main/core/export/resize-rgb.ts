// Separable convolution resize of interleaved 8-bit RGB, for the export's JPEG fast path.
// The filter is widened by the scale factor when shrinking (as Pillow and libvips do), so every
// kernel antialiases; cv2.INTER_LINEAR does not, which is why it aliases on big reductions.
// Weights are 14-bit fixed point whose sum is forced to exactly 1.0, so flat areas stay exact and
// the output is the same on every machine (integer arithmetic only after the table is built).
// A crop window is resampled directly: only the output pixels inside it are computed.

import { resizeWasm } from './resize-wasm.ts';

export type ResizeKernel = 'linear' | 'cubic' | 'lanczos3' | 'area';

export interface Rgb {
  data: Uint8Array;
  width: number;
  height: number;
}

interface Axis {
  /** Per output index: first input index, tap count. */
  bounds: Int32Array;
  /** outCount * ksize weights, 14-bit fixed point. */
  kk: Int32Array;
  ksize: number;
}

const BITS = 14;
const ONE = 1 << BITS;
const HALF = 1 << (BITS - 1);

const SUPPORT: Record<ResizeKernel, number> = { area: 0.5, linear: 1, cubic: 2, lanczos3: 3 };

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function weight(kernel: ResizeKernel, x: number): number {
  const a = Math.abs(x);
  switch (kernel) {
    case 'area':
      // Half-open box so a pixel exactly on the edge counts once.
      return x >= -0.5 && x < 0.5 ? 1 : 0;
    case 'linear':
      return a < 1 ? 1 - a : 0;
    case 'cubic': // Catmull-Rom (a = -0.5): sharp's and Pillow's 'cubic'
      if (a < 1) return (1.5 * a - 2.5) * a * a + 1;
      if (a < 2) return ((-0.5 * a + 2.5) * a - 4) * a + 2;
      return 0;
    case 'lanczos3':
      return a < 3 ? sinc(x) * sinc(x / 3) : 0;
  }
}

const cache = new Map<string, Axis>();

/** Weights for output indices [offset, offset+count) of an inSize -> scaledSize resampling. */
function axis(kernel: ResizeKernel, inSize: number, scaledSize: number, offset: number, count: number): Axis {
  const key = `${kernel}:${inSize}:${scaledSize}:${offset}:${count}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const scale = inSize / scaledSize;
  const fscale = Math.max(scale, 1);
  const support = SUPPORT[kernel] * fscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(count * 2);
  const kk = new Int32Array(count * ksize);
  const w = new Float64Array(ksize);
  for (let i = 0; i < count; i++) {
    const center = (i + offset + 0.5) * scale;
    const xmin = Math.max(0, Math.floor(center - support + 0.5));
    const xmax = Math.min(inSize, Math.floor(center + support + 0.5));
    let n = xmax - xmin;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      w[k] = weight(kernel, (k + xmin - center + 0.5) / fscale);
      sum += w[k]!;
    }
    let first = xmin;
    if (sum === 0) {
      // Upscaling with the box can leave no tap inside: take the nearest pixel.
      first = Math.min(inSize - 1, Math.max(0, Math.floor(center)));
      n = 1;
      w[0] = sum = 1;
    }
    let isum = 0;
    let big = 0;
    const iw = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      iw[k] = Math.round((w[k]! / sum) * ONE);
      isum += iw[k]!;
      if (Math.abs(iw[k]!) > Math.abs(iw[big]!)) big = k;
    }
    iw[big]! += ONE - isum;
    // Zero taps at the ends (a linear upscale's third pixel) would cost a whole tap pair in SIMD.
    let lo = 0;
    let hi = n;
    while (iw[lo] === 0) lo++;
    while (iw[hi - 1] === 0) hi--;
    kk.set(iw.subarray(lo, hi), i * ksize);
    bounds[i * 2] = first + lo;
    bounds[i * 2 + 1] = hi - lo;
  }
  const out = uniform(bounds, kk, ksize, count, inSize);
  if (cache.size > 512) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * Gives every output the same tap count (the largest; zero weights pad, the window slides back
 * from the edge), so the inner loops below can be unrolled for the common small counts.
 */
function uniform(bounds: Int32Array, kk: Int32Array, ksize: number, count: number, inSize: number): Axis {
  let taps = 1;
  for (let i = 0; i < count; i++) taps = Math.max(taps, bounds[i * 2 + 1]!);
  const ub = new Int32Array(count * 2);
  const uk = new Int32Array(count * taps);
  for (let i = 0; i < count; i++) {
    const first = bounds[i * 2]!;
    const start = Math.max(0, Math.min(first, inSize - taps));
    for (let k = 0; k < bounds[i * 2 + 1]!; k++) uk[i * taps + first - start + k] = kk[i * ksize + k]!;
    ub[i * 2] = start;
    ub[i * 2 + 1] = taps;
  }
  return { bounds: ub, kk: uk, ksize: taps };
}

/**
 * Scales `src` to scaledW x scaledH and returns the outW x outH window at (cropX, cropY) of that
 * scaled image (crop 0 and out = scaled for a plain resize).
 */
export function resizeRgb(
  src: Rgb,
  scaled: { width: number; height: number },
  crop: { x: number; y: number; width: number; height: number },
  kernel: ResizeKernel,
  impl: 'auto' | 'js' = 'auto',
): Rgb {
  const { width: inW, height: inH } = src;
  const outW = crop.width;
  const outH = crop.height;
  const identityX = inW === scaled.width && crop.x === 0 && outW === inW;
  const identityY = inH === scaled.height && crop.y === 0 && outH === inH;
  if (identityX && identityY) return { data: src.data, width: inW, height: inH };
  const ax = identityX ? null : axis(kernel, inW, scaled.width, crop.x, outW);
  const ay = identityY ? null : axis(kernel, inH, scaled.height, crop.y, outH);
  // Only the input rows the vertical pass reads go through the horizontal pass.
  let row0 = 0;
  let row1 = inH;
  if (ay !== null) {
    row0 = ay.bounds[0]!;
    row1 = 0;
    for (let y = 0; y < outH; y++) row1 = Math.max(row1, ay.bounds[y * 2]! + ay.bounds[y * 2 + 1]!);
  }
  if (impl === 'auto') {
    const data = resizeWasm(src.data, inW, row0, row1, ax, ay, outW, outH);
    if (data !== null) return { data, width: outW, height: outH };
  }
  const mid = ax === null ? src.data.subarray(row0 * inW * 3, row1 * inW * 3) : horizontal(src.data, inW, row0, row1, ax, outW);
  const data = ay === null ? mid : vertical(mid, outW, row0, ay, outH);
  return { data: data === src.data ? data.slice() : data, width: outW, height: outH };
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

// Hot loops: the common tap counts are unrolled (V8 does not vectorise, so loop overhead and
// bounds checks dominate at 2-4 taps).
function horizontal(src: Uint8Array, inW: number, row0: number, row1: number, ax: Axis, outW: number): Uint8Array {
  const out = new Uint8Array((row1 - row0) * outW * 3);
  const { bounds, kk, ksize: n } = ax;
  let o = 0;
  for (let y = row0; y < row1; y++) {
    const rowBase = y * inW * 3;
    for (let x = 0, kOff = 0; x < outW; x++, kOff += n) {
      const q = rowBase + bounds[x * 2]! * 3;
      let r = HALF;
      let g = HALF;
      let b = HALF;
      if (n === 2) {
        const w0 = kk[kOff]!;
        const w1 = kk[kOff + 1]!;
        r += w0 * src[q]! + w1 * src[q + 3]!;
        g += w0 * src[q + 1]! + w1 * src[q + 4]!;
        b += w0 * src[q + 2]! + w1 * src[q + 5]!;
      } else if (n === 3) {
        const w0 = kk[kOff]!;
        const w1 = kk[kOff + 1]!;
        const w2 = kk[kOff + 2]!;
        r += w0 * src[q]! + w1 * src[q + 3]! + w2 * src[q + 6]!;
        g += w0 * src[q + 1]! + w1 * src[q + 4]! + w2 * src[q + 7]!;
        b += w0 * src[q + 2]! + w1 * src[q + 5]! + w2 * src[q + 8]!;
      } else {
        for (let k = 0, p = q; k < n; k++, p += 3) {
          const wk = kk[kOff + k]!;
          r += wk * src[p]!;
          g += wk * src[p + 1]!;
          b += wk * src[p + 2]!;
        }
      }
      out[o++] = clamp(r >> BITS);
      out[o++] = clamp(g >> BITS);
      out[o++] = clamp(b >> BITS);
    }
  }
  return out;
}

function vertical(mid: Uint8Array, w: number, row0: number, ay: Axis, outH: number): Uint8Array {
  const rowLen = w * 3;
  const out = new Uint8Array(outH * rowLen);
  const acc = new Int32Array(rowLen);
  const { bounds, kk, ksize: n } = ay;
  for (let y = 0, o = 0; y < outH; y++, o += rowLen) {
    const b0 = (bounds[y * 2]! - row0) * rowLen;
    const w0 = kk[y * n]!;
    if (n === 2) {
      const b1 = b0 + rowLen;
      const w1 = kk[y * n + 1]!;
      for (let j = 0; j < rowLen; j++) out[o + j] = clamp((HALF + w0 * mid[b0 + j]! + w1 * mid[b1 + j]!) >> BITS);
    } else if (n === 3) {
      const b1 = b0 + rowLen;
      const b2 = b1 + rowLen;
      const w1 = kk[y * n + 1]!;
      const w2 = kk[y * n + 2]!;
      for (let j = 0; j < rowLen; j++) out[o + j] = clamp((HALF + w0 * mid[b0 + j]! + w1 * mid[b1 + j]! + w2 * mid[b2 + j]!) >> BITS);
    } else {
      for (let j = 0; j < rowLen; j++) acc[j] = HALF + w0 * mid[b0 + j]!;
      for (let k = 1; k < n; k++) {
        const wk = kk[y * n + k]!;
        const bk = b0 + k * rowLen;
        for (let j = 0; j < rowLen; j++) acc[j]! += wk * mid[bk + j]!;
      }
      for (let j = 0; j < rowLen; j++) out[o + j] = clamp(acc[j]! >> BITS);
    }
  }
  return out;
}
