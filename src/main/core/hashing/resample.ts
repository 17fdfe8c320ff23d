// Emulation of Pillow's Image.resize(size, LANCZOS) on 8-bit greyscale ('L') images.
// imagehash compares hashes bit for bit, so this mirrors Pillow's Resample.c arithmetic:
// double-precision coefficients normalised per output pixel, then 22-bit fixed point with
// round-half-away-from-zero, a horizontal pass into a clipped uint8 intermediate (only over
// the rows the vertical pass will read), then a vertical pass.

/** Fixed-point coefficient table for one (inSize -> outSize) axis. */
export interface Coeffs {
  readonly outSize: number;
  readonly ksize: number;
  /** Pairs (first input index, tap count) per output index. */
  readonly bounds: Int32Array;
  /** outSize * ksize fixed-point weights; unused tail entries are 0. */
  readonly kk: Int32Array;
}

const PRECISION_BITS = 32 - 8 - 2;
const HALF = 1 << (PRECISION_BITS - 1);
const LANCZOS_SUPPORT = 3;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function lanczos(x: number): number {
  return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
}

function computeCoeffs(inSize: number, outSize: number): Coeffs {
  const scale = inSize / outSize;
  const filterscale = scale < 1 ? 1 : scale;
  const support = LANCZOS_SUPPORT * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * ksize);
  const w = new Float64Array(ksize);
  const ss = 1 / filterscale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // Math.trunc mirrors C's (int) cast, which rounds toward zero even for negatives.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const v = lanczos((x + xmin - center + 0.5) * ss);
      w[x] = v;
      ww += v;
    }
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0 ? w[x]! / ww : w[x]!;
      const f = v * (1 << PRECISION_BITS);
      kk[xx * ksize + x] = v < 0 ? Math.trunc(-0.5 + f) : Math.trunc(0.5 + f);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { outSize, ksize, bounds, kk };
}

// Every image of one size hits the same few tables; a small bounded map avoids recomputing
// thousands of sin() calls per image without growing forever on varied corpora.
const cache = new Map<number, Coeffs>();
const CACHE_MAX = 512;

export function lanczosCoeffs(inSize: number, outSize: number): Coeffs {
  const key = inSize * 65536 + outSize;
  let c = cache.get(key);
  if (c === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    c = computeCoeffs(inSize, outSize);
    cache.set(key, c);
  }
  return c;
}

function clip8(v: number): number {
  const s = v >> PRECISION_BITS;
  return s < 0 ? 0 : s > 255 ? 255 : s;
}

/**
 * Horizontal pass over source rows [y0, y1): returns (y1 - y0) rows of c.outSize pixels.
 * Two rows share each coefficient load, which is where most of the time goes.
 */
export function resampleRows(src: Uint8Array, width: number, y0: number, y1: number, c: Coeffs): Uint8Array {
  const { outSize, ksize, bounds, kk } = c;
  const out = new Uint8Array((y1 - y0) * outSize);
  let y = y0;
  let o = 0;
  for (; y + 1 < y1; y += 2) {
    const r0 = y * width;
    const r1 = r0 + width;
    for (let xx = 0; xx < outSize; xx++) {
      const xmin = bounds[xx * 2]!;
      const n = bounds[xx * 2 + 1]!;
      const kb = xx * ksize;
      let s0 = HALF;
      let s1 = HALF;
      for (let x = 0; x < n; x++) {
        const k = kk[kb + x]!;
        s0 += src[r0 + xmin + x]! * k;
        s1 += src[r1 + xmin + x]! * k;
      }
      out[o + xx] = clip8(s0);
      out[o + outSize + xx] = clip8(s1);
    }
    o += 2 * outSize;
  }
  if (y < y1) {
    const r0 = y * width;
    for (let xx = 0; xx < outSize; xx++) {
      const xmin = bounds[xx * 2]!;
      const n = bounds[xx * 2 + 1]!;
      const kb = xx * ksize;
      let s0 = HALF;
      for (let x = 0; x < n; x++) s0 += src[r0 + xmin + x]! * kk[kb + x]!;
      out[o + xx] = clip8(s0);
    }
  }
  return out;
}

/** Vertical pass: src is `width` wide; row indices in c.bounds are offset by -rowOffset. */
export function resampleColumns(src: Uint8Array, width: number, rowOffset: number, c: Coeffs): Uint8Array {
  const { outSize, ksize, bounds, kk } = c;
  const out = new Uint8Array(outSize * width);
  for (let yy = 0; yy < outSize; yy++) {
    const ymin = bounds[yy * 2]! - rowOffset;
    const n = bounds[yy * 2 + 1]!;
    const kb = yy * ksize;
    for (let x = 0; x < width; x++) {
      let s = HALF;
      let p = ymin * width + x;
      for (let y = 0; y < n; y++, p += width) s += src[p]! * kk[kb + y]!;
      out[yy * width + x] = clip8(s);
    }
  }
  return out;
}

/** Pillow-exact `im.resize((outW, outH), Image.LANCZOS)` for an 'L' image. */
export function resizeL(src: Uint8Array, width: number, height: number, outW: number, outH: number): Uint8Array {
  if (outW === width && outH === height) return src.slice(0, width * height);
  if (outW === width) return resampleColumns(src, width, 0, lanczosCoeffs(height, outH));
  const ch = lanczosCoeffs(width, outW);
  if (outH === height) return resampleRows(src, width, 0, height, ch);
  const cv = lanczosCoeffs(height, outH);
  // Pillow only runs the horizontal pass over rows the vertical filter touches.
  const first = cv.bounds[0]!;
  const last = cv.bounds[outH * 2 - 2]! + cv.bounds[outH * 2 - 1]!;
  const tmp = resampleRows(src, width, first, last, ch);
  return resampleColumns(tmp, outW, first, cv);
}
