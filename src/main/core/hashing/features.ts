// Extra per-image features for near-duplicate matching, derived from the grids the hashes are
// computed from, so they cost no extra pass over the pixels (a few microseconds per image).
// - Mirrored pHash/dHash: a horizontally flipped copy (a common augmentation leak) has hashes
//   unrelated to the original's; hashing the flipped grids lets a plain Hamming search find it.
//   LANCZOS is symmetric, so flipping the resized grid equals resizing the flipped image (up to
//   the cell grid's slightly asymmetric edges, far below the hashes' own noise).
// - A 16x16 luma thumbnail for verifying candidate pairs, stretched to 0..255: the correlation
//   it feeds ignores brightness and contrast, and the stretch keeps low-contrast images precise.
import { dHashFromGrid, pHashAndMirrorFromGrid } from './hashes.ts';

export interface ImageFeatures {
  /** pHash of the horizontally flipped image. */
  phashMirror: bigint;
  /** dHash of the horizontally flipped image. */
  dhashMirror: bigint;
  /** THUMB_SIDE x THUMB_SIDE luma of the whole image (squashed to a square), row-major, min..max → 0..255. */
  thumb: Uint8Array;
}

export const THUMB_SIDE = 16;
export const THUMB_BYTES = THUMB_SIDE * THUMB_SIDE;

/** Horizontally flipped copy of a row-major w x h grid. */
export function flipGrid(grid: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(grid.length);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) out[row + x] = grid[row + w - 1 - x]!;
  }
  return out;
}

/** Linear stretch of `values` to 0..255; a flat image becomes all zeros. */
export function stretchThumb(values: ArrayLike<number>): Uint8Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  const out = new Uint8Array(values.length);
  if (hi > lo) for (let i = 0; i < values.length; i++) out[i] = Math.round(((values[i]! - lo) * 255) / (hi - lo));
  return out;
}

/**
 * Features from the pHash 32x32 grid and the dHash 9x8 grid (and the mirrored pHash, when the
 * caller already has it from pHashAndMirrorFromGrid). The thumbnail is the 32x32 grid
 * averaged over 2x2 blocks: a separate 16x16 LANCZOS resize would cost a new coefficient table
 * for every distinct image size (~0.2 ms each), and verification needs no Pillow compatibility.
 */
export function featuresFromGrids(p32: Uint8Array, p9x8: Uint8Array, phashMirror?: bigint): ImageFeatures {
  if (p32.length !== 1024 || p9x8.length !== 72) throw new RangeError('expected a 32x32 and a 9x8 grid');
  const sums = new Uint16Array(THUMB_BYTES);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) sums[(y >> 1) * THUMB_SIDE + (x >> 1)]! += p32[y * 32 + x]!;
  }
  return {
    phashMirror: phashMirror ?? pHashAndMirrorFromGrid(p32)[1],
    dhashMirror: dHashFromGrid(flipGrid(p9x8, 9, 8)),
    thumb: stretchThumb(sums),
  };
}

// ---- Verification: how well two thumbnails agree, tolerating small crops and local overlays.

/** Bilinear sampling positions along one axis for the window [offset, offset + scale) of the image. */
interface AxisMap {
  i0: Int32Array;
  i1: Int32Array;
  f: Float64Array;
}

function axisMap(scale: number, offset: number): AxisMap {
  const n = THUMB_SIDE;
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const f = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const u = Math.min(n - 1, Math.max(0, (offset + ((k + 0.5) / n) * scale) * n - 0.5));
    i0[k] = Math.floor(u);
    i1[k] = Math.min(i0[k]! + 1, n - 1);
    f[k] = u - i0[k]!;
  }
  return { i0, i1, f };
}

// A crop keeping ≥ 90% of each side, anchored at either edge or centred, per axis independently
// (3 x 3 positions per axis). Finer steps change nothing measurable at 16 px: the worst
// misalignment left is 2.5% of a side, 0.4 px.
const MAX_CROP = 0.1;
const AXIS_MAPS: AxisMap[] = [axisMap(1, 0)];
for (const s of [1 - MAX_CROP / 2, 1 - MAX_CROP]) for (const o of [0, (1 - s) / 2, 1 - s]) AXIS_MAPS.push(axisMap(s, o));

/** Fraction of pixels the correlation may ignore: a caption or watermark covers a few rows. */
export const TRIM_FRACTION = 0.1;
const TRIM_COUNT = Math.floor(THUMB_BYTES * TRIM_FRACTION);

const MIRROR_INDEX = Int32Array.from({ length: THUMB_BYTES }, (_, i) => i - (i % THUMB_SIDE) + THUMB_SIDE - 1 - (i % THUMB_SIDE));
const bufA = new Float64Array(THUMB_BYTES);
const bufB = new Float64Array(THUMB_BYTES);
const warped = new Float64Array(THUMB_BYTES);
const resid = new Float64Array(THUMB_BYTES);
const sel = new Float64Array(THUMB_BYTES);

function warp(src: Float64Array, ax: AxisMap, ay: AxisMap, out: Float64Array): void {
  const n = THUMB_SIDE;
  for (let y = 0; y < n; y++) {
    const r0 = ay.i0[y]! * n;
    const r1 = ay.i1[y]! * n;
    const fy = ay.f[y]!;
    for (let x = 0; x < n; x++) {
      const c0 = ax.i0[x]!;
      const c1 = ax.i1[x]!;
      const fx = ax.f[x]!;
      const top = src[r0 + c0]! + (src[r0 + c1]! - src[r0 + c0]!) * fx;
      const bottom = src[r1 + c0]! + (src[r1 + c1]! - src[r1 + c0]!) * fx;
      out[y * n + x] = top + (bottom - top) * fy;
    }
  }
}

/** k-th smallest of a[0..n) (quickselect on the scratch copy `sel`). */
function kthSmallest(a: Float64Array, k: number): number {
  sel.set(a);
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = sel[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (sel[i]! < pivot) i++;
      while (sel[j]! > pivot) j--;
      if (i <= j) {
        const t = sel[i]!;
        sel[i++] = sel[j]!;
        sel[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return sel[k]!;
}

/**
 * Pearson correlation of x and y leaving out the TRIM_FRACTION of pixels where their z-scores
 * differ most. Two flat thumbnails count as equal (1); a flat one against a textured one as 0.
 */
export function trimmedCorrelation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxx += x[i]! * x[i]!;
    syy += y[i]! * y[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  const vx = sxx / n - mx * mx;
  const vy = syy / n - my * my;
  // Variance below 1e-9 of a 0..255 range is rounding noise of a flat image.
  if (vx <= 1e-9 || vy <= 1e-9) return vx <= 1e-9 && vy <= 1e-9 ? 1 : 0;
  const kx = 1 / Math.sqrt(vx);
  const ky = 1 / Math.sqrt(vy);
  for (let i = 0; i < n; i++) resid[i] = Math.abs((x[i]! - mx) * kx - (y[i]! - my) * ky);
  const cut = kthSmallest(resid, n - TRIM_COUNT - 1);
  // Ties at the cut are kept only up to the trimmed count, so duplicates cannot shrink the sample.
  let ties = n - TRIM_COUNT;
  for (let i = 0; i < n; i++) if (resid[i]! < cut) ties--;
  let m = 0;
  sx = sy = sxx = syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const r = resid[i]!;
    if (r > cut || (r === cut && ties-- <= 0)) continue;
    const a = x[i]!;
    const b = y[i]!;
    m++;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const cxx = sxx - (sx * sx) / m;
  const cyy = syy - (sy * sy) / m;
  if (cxx <= 0 || cyy <= 0) return 0;
  return (sxy - (sx * sy) / m) / Math.sqrt(cxx * cyy);
}

/**
 * Similarity of two thumbnails in -1..1: the trimmed correlation, taken at the best of the
 * crop alignments (either image may be the crop of the other), `b` flipped first when
 * `mirrored`. The search stops at the first alignment reaching `enough`, so pass the
 * acceptance threshold to verify cheaply, or 1 for the exact maximum.
 */
export function thumbSimilarity(a: Uint8Array, b: Uint8Array, mirrored = false, enough = 1): number {
  if (a.length !== THUMB_BYTES || b.length !== THUMB_BYTES) return 0;
  for (let i = 0; i < THUMB_BYTES; i++) {
    bufA[i] = a[i]!;
    bufB[i] = mirrored ? b[MIRROR_INDEX[i]!]! : b[i]!;
  }
  let best = trimmedCorrelation(bufA, bufB);
  for (let ix = 0; ix < AXIS_MAPS.length && best < enough; ix++) {
    for (let iy = 0; iy < AXIS_MAPS.length && best < enough; iy++) {
      if (ix === 0 && iy === 0) continue;
      warp(bufA, AXIS_MAPS[ix]!, AXIS_MAPS[iy]!, warped);
      best = Math.max(best, trimmedCorrelation(warped, bufB));
      warp(bufB, AXIS_MAPS[ix]!, AXIS_MAPS[iy]!, warped);
      best = Math.max(best, trimmedCorrelation(bufA, warped));
    }
  }
  return best;
}
