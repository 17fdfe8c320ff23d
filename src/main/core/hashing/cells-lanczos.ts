// Pillow's LANCZOS resize rebuilt from cell sums (cells.ts). Each output's Pillow weights are
// summed over the pixels of each cell, which is exact for a cell of constant value and off by
// second-order terms otherwise; with cells a few times finer than the output grid the error is
// well below Pillow's own rounding of its intermediate image.
import type { CellGrid } from './cells.ts';

/** Sparse out x cells matrix: row o covers cells [start[o], start[o] + len[o]). */
interface AxisWeights {
  out: number;
  stride: number;
  start: Int32Array;
  len: Int32Array;
  w: Float64Array;
}

// The kernel tabulated finely: coefficient tables for the cell path are rebuilt for every new
// image size, and thousands of sin() calls per size would cost more than the hashing itself.
// Interpolation error (~1e-7) is far below what changes an 8-bit output.
const LUT_STEPS = 1024;
const KERNEL = (() => {
  const t = new Float64Array(3 * LUT_STEPS + 2);
  for (let i = 0; i < t.length; i++) {
    const x = i / LUT_STEPS;
    t[i] = x >= 3 ? 0 : x === 0 ? 1 : (3 * Math.sin(Math.PI * x) * Math.sin((Math.PI * x) / 3)) / (Math.PI * Math.PI * x * x);
  }
  return t;
})();

function lanczosLut(x: number): number {
  const f = (x < 0 ? -x : x) * LUT_STEPS;
  const i = f | 0;
  if (i >= 3 * LUT_STEPS) return 0;
  return KERNEL[i] + (KERNEL[i + 1] - KERNEL[i]) * (f - i);
}

function axisWeights(n: number, edges: Int32Array, out: number, groups: number): AxisWeights {
  const ncells = edges.length - 1;
  const cellOf = new Int32Array(n);
  for (let c = 0; c < ncells; c++) cellOf.fill(c, edges[c], edges[c + 1]);
  const scale = n / out;
  const filterscale = Math.max(scale, 1);
  const support = 3 * filterscale;
  const ss = 1 / filterscale;
  // `groups` < out sums consecutive outputs: wHash only needs 8x8 block sums of its resize.
  const per = out / groups;
  const dense = new Float64Array(groups * ncells);
  const w = new Float64Array(Math.ceil(support) * 2 + 2);
  for (let o = 0; o < out; o++) {
    const g = Math.floor(o / per);
    // Same window and per-output normalisation as Pillow's precompute_coeffs.
    const center = (o + 0.5) * scale;
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(n, Math.trunc(center + support + 0.5));
    let ww = 0;
    for (let x = xmin; x < xmax; x++) {
      const v = lanczosLut((x - center + 0.5) * ss);
      w[x - xmin] = v;
      ww += v;
    }
    const norm = ww !== 0 ? 1 / ww : 1;
    for (let x = xmin; x < xmax; x++) {
      const c = cellOf[x];
      // Spread over the cell: the grid holds cell sums, not means.
      dense[g * ncells + c] += (w[x - xmin] * norm) / (edges[c + 1] - edges[c]);
    }
  }
  const start = new Int32Array(groups);
  const len = new Int32Array(groups);
  for (let g = 0; g < groups; g++) {
    let a = 0;
    while (a < ncells - 1 && dense[g * ncells + a] === 0) a++;
    let b = ncells;
    while (b > a + 1 && dense[g * ncells + b - 1] === 0) b--;
    start[g] = a;
    len[g] = b - a;
  }
  return { out: groups, stride: ncells, start, len, w: dense };
}

// Keyed by the (cached, hence stable) edges array of cells.ts, then by target size.
const cache = new WeakMap<Int32Array, Map<number, AxisWeights>>();

function cachedAxis(n: number, edges: Int32Array, out: number, groups: number): AxisWeights {
  let m = cache.get(edges);
  if (m === undefined) {
    m = new Map();
    cache.set(edges, m);
  }
  const key = out * 65536 + groups;
  let a = m.get(key);
  if (a === undefined) {
    a = axisWeights(n, edges, out, groups);
    m.set(key, a);
  }
  return a;
}

function apply(grid: CellGrid, ax: AxisWeights, ay: AxisWeights): Float64Array {
  const { sums, ncx, ncy } = grid;
  const ox = ax.out;
  const oy = ay.out;
  // Horizontal first, as Pillow does (linear here, so the order only changes rounding).
  const tmp = new Float64Array(ncy * ox);
  for (let cy = 0; cy < ncy; cy++) {
    const row = cy * ncx;
    for (let o = 0; o < ox; o++) {
      const a = ax.start[o];
      const n = ax.len[o];
      const wb = o * ax.stride + a;
      let s = 0;
      for (let i = 0; i < n; i++) s += sums[row + a + i] * ax.w[wb + i];
      tmp[cy * ox + o] = s;
    }
  }
  const out = new Float64Array(oy * ox);
  for (let o = 0; o < oy; o++) {
    const a = ay.start[o];
    const n = ay.len[o];
    const wb = o * ay.stride + a;
    for (let x = 0; x < ox; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += tmp[(a + i) * ox + x] * ay.w[wb + i];
      out[o * ox + x] = s * 0.5; // half levels -> levels
    }
  }
  return out;
}

/** Approximates Pillow's `resize((outW, outH), LANCZOS)` of the scanned image, as uint8. */
export function resizeFromCells(grid: CellGrid, width: number, height: number, outW: number, outH: number): Uint8Array {
  const v = apply(grid, cachedAxis(width, grid.xEdges, outW, outW), cachedAxis(height, grid.yEdges, outH, outH));
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const r = Math.floor(v[i] + 0.5);
    out[i] = r < 0 ? 0 : r > 255 ? 255 : r;
  }
  return out;
}

/** 8x8 block means of Pillow's `resize((s, s), LANCZOS)` of the scanned image (wHash input). */
export function blockMeansFromCells(grid: CellGrid, width: number, height: number, s: number): Float64Array {
  const g = s / 8;
  const v = apply(grid, cachedAxis(width, grid.xEdges, s, 8), cachedAxis(height, grid.yEdges, s, 8));
  for (let i = 0; i < 64; i++) v[i] /= g * g;
  return v;
}
