// Pillow's LANCZOS resize rebuilt from cell sums (cells.ts). Each output's Pillow weights are
// summed over the pixels of each cell, which is exact for a cell of constant value and off by
// second-order terms otherwise; with cells a few times finer than the output grid the error is
// well below Pillow's own rounding of its intermediate image.
import type { CellGrid } from './cells.ts';
import { applyWasm } from './apply-wasm.ts';
import type { PackedWeights } from './apply-wasm.ts';

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
  return KERNEL[i]! + (KERNEL[i + 1]! - KERNEL[i]!) * (f - i);
}

// Scratch reused across calls (tables are built thousands of times on a real folder, and fresh
// zeroed arrays per call cost as much as the arithmetic): one output's pixel weights, one
// group's row over all cells (kept all-zero between groups), and the packed result.
let pixelW = new Float64Array(64);
let row = new Float64Array(256);
let packedBuf = new Float64Array(1024);

/**
 * Sparse groups x cells matrix of the resize along one axis. The float operations and their
 * order are those of the original dense build (per output: Pillow's window and normalisation,
 * then each pixel's weight divided by its cell's width added into that cell), so the weights
 * are bit-identical; only the bookkeeping around them is cheaper.
 */
function axisWeights(n: number, edges: Int32Array, out: number, groups: number): PackedWeights {
  const ncells = edges.length - 1;
  const scale = n / out;
  const filterscale = Math.max(scale, 1);
  const support = 3 * filterscale;
  const ss = 1 / filterscale;
  // `groups` < out sums consecutive outputs: wHash only needs 8x8 block sums of its resize.
  const per = out / groups;
  if (pixelW.length < Math.ceil(support) * 2 + 2) pixelW = new Float64Array(Math.ceil(support) * 4 + 4);
  if (row.length < ncells) row = new Float64Array(ncells * 2);
  const w = pixelW;
  const start = new Int32Array(groups);
  const len = new Int32Array(groups);
  let total = 0;
  let lo = ncells;
  let hi = -1;
  // Trims a finished group's row to its non-zero span (as the dense build did), appends it to
  // the packed weights and re-zeroes the cells it touched.
  const flush = (g: number): void => {
    let a = 0;
    while (a < ncells - 1 && row[a] === 0) a++;
    let b = ncells;
    while (b > a + 1 && row[b - 1] === 0) b--;
    start[g] = a;
    len[g] = b - a;
    if (packedBuf.length < total + b - a) {
      const grown = new Float64Array((total + b - a) * 2);
      grown.set(packedBuf.subarray(0, total));
      packedBuf = grown;
    }
    packedBuf.set(row.subarray(a, b), total);
    total += b - a;
    if (hi >= lo) row.fill(0, lo, hi + 1);
    lo = ncells;
    hi = -1;
  };
  let group = 0;
  let cell = 0;
  for (let o = 0; o < out; o++) {
    const g = Math.floor(o / per);
    for (; group < g; group++) flush(group);
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
    if (xmax <= xmin) continue;
    // Windows only move right as o grows, so the first cell is found by walking forward.
    while (edges[cell + 1]! <= xmin) cell++;
    let c = cell;
    let end = edges[c + 1]!;
    let width = end - edges[c]!;
    let acc = row[c]!;
    if (c < lo) lo = c;
    for (let x = xmin; x < xmax; x++) {
      if (x >= end) {
        row[c] = acc;
        c++;
        end = edges[c + 1]!;
        width = end - edges[c]!;
        acc = row[c]!;
      }
      // Spread over the cell: the grid holds cell sums, not means.
      acc += (w[x - xmin]! * norm) / width;
    }
    row[c] = acc;
    if (c > hi) hi = c;
  }
  for (; group < groups; group++) flush(group);
  return { out: groups, start, len, packed: packedBuf.slice(0, total) };
}

// Keyed by the (cached, hence stable) edges array of cells.ts, then by target size.
const cache = new WeakMap<Int32Array, Map<number, PackedWeights>>();

function cachedAxis(n: number, edges: Int32Array, out: number, groups: number): PackedWeights {
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

// Horizontal first, as Pillow does (linear here, so the order only changes rounding); values in
// levels (the grid holds half levels).
function apply(grid: CellGrid, ax: PackedWeights, ay: PackedWeights): Float64Array {
  return applyWasm(grid.sums, grid.ncx, grid.ncy, ax, ay);
}

/** Approximates Pillow's `resize((outW, outH), LANCZOS)` of the scanned image, as uint8. */
export function resizeFromCells(grid: CellGrid, width: number, height: number, outW: number, outH: number): Uint8Array {
  const v = apply(grid, cachedAxis(width, grid.xEdges, outW, outW), cachedAxis(height, grid.yEdges, outH, outH));
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const r = Math.floor(v[i]! + 0.5);
    out[i] = r < 0 ? 0 : r > 255 ? 255 : r;
  }
  return out;
}

/** 8x8 block means of Pillow's `resize((s, s), LANCZOS)` of the scanned image (wHash input). */
export function blockMeansFromCells(grid: CellGrid, width: number, height: number, s: number): Float64Array {
  const g = s / 8;
  const v = apply(grid, cachedAxis(width, grid.xEdges, s, 8), cachedAxis(height, grid.yEdges, s, 8));
  for (let i = 0; i < 64; i++) v[i]! /= g * g;
  return v;
}

/** The unrounded resize (levels), row-major outH x outW, or groups x groups block sums: for tests. */
export function resizeValues(grid: CellGrid, width: number, height: number, outW: number, outH: number, groups?: number): Float64Array {
  return apply(grid, cachedAxis(width, grid.xEdges, outW, groups ?? outW), cachedAxis(height, grid.yEdges, outH, groups ?? outH));
}
