// The one full-resolution pass over a decoded image. Exact Pillow emulation costs ~6
// multiply-adds per pixel per target size (four sizes), several times the decode itself; here
// each pixel is added once into a coarse grid of cells, from which cells-lanczos.ts rebuilds
// every Lanczos-resized grid, and blockhash's 8x8 block sums fall out of the same cell sums.
// Values are in half grey levels so the fast-IDCT correction below stays integral. The pass
// runs as WebAssembly SIMD (scan-wasm.ts, ~4x the JS loop); scanGreyJs is its fallback.
import { cellSumsWasm } from './scan-wasm.ts';

/** Maps a decoded 8-bit value to half levels (2p, or 2p+1 to undo a decoder's rounding bias). */
export type HalfLevelLut = Int32Array;

/** For exact decoders (Pillow-equivalent pixels). */
export const LUT_EXACT: HalfLevelLut = Int32Array.from({ length: 256 }, (_, p) => 2 * p);

/**
 * For libjpeg-turbo's fast integer IDCT (TJFLAG_FASTDCT, hard-wired in @julusian/jpeg-turbo):
 * it truncates instead of rounding, so unclamped pixels read ~0.5 below Pillow's accurate IDCT
 * (measured mean -0.46 on the corpus); clamped extremes carry no such bias.
 */
export const LUT_FASTDCT: HalfLevelLut = Int32Array.from({ length: 256 }, (_, p) => (p === 0 || p === 255 ? 2 * p : 2 * p + 1));

export interface CellGrid {
  /** ncy x ncx sums of half-level values. */
  sums: Float64Array;
  ncx: number;
  ncy: number;
  /** Cell boundaries in pixels (ncx + 1 and ncy + 1 entries); cached, so usable as cache keys. */
  xEdges: Int32Array;
  yEdges: Int32Array;
}

export interface ScanResult {
  cells: CellGrid;
  /** bmvbhash's 8x8 weighted block sums of R+G+B (luma replicated), row-major. */
  blockhashSums: Float64Array;
}

interface Axis {
  edges: Int32Array;
  /** Per cell: blockhash block(s) and the weight into the first. */
  first: Int32Array;
  second: Int32Array;
  weight: Float64Array;
  /** `edges` x3: the same cells over interleaved RGB (colourBlockhashSums), made on first use. */
  edges3?: Int32Array;
}

/**
 * Cells along one axis: an even split into `parts`, refined so no cell crosses a blockhash
 * block boundary and every straddling pixel is a cell of its own. Runs once per distinct image
 * width/height (thousands of them on a real folder), so the two sorted cut sequences are merged
 * rather than collected in a Set and sorted.
 */
function buildAxis(n: number, parts: number): Axis {
  // Block cuts: every pixel for tiny n, else bmvbhash's boundaries (n / 8 is exact in binary
  // floating point, so these positions are exact too), plus the pixel after a straddled one.
  const block: number[] = [];
  if (n < 16) {
    for (let i = 0; i < n; i++) block.push(i);
  } else {
    for (let j = 1; j < 8; j++) {
      const b = (j * n) / 8;
      const i = Math.floor(b);
      block.push(i);
      if (i !== b && n % 8 !== 0) block.push(i + 1);
    }
  }
  const cuts = new Int32Array(parts + 1 + block.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i <= parts; i++) {
    const even = Math.floor((i * n) / parts);
    for (; j < block.length && block[j]! <= even; j++) if (k === 0 || cuts[k - 1] !== block[j]) cuts[k++] = block[j]!;
    if (k === 0 || cuts[k - 1] !== even) cuts[k++] = even;
  }
  const edges = cuts.slice(0, k);
  const cells = k - 1;
  const first = new Int32Array(cells);
  const second = new Int32Array(cells);
  const weight = new Float64Array(cells);
  // bmvbhash's assignment of pixel i (of n) to blocks: block size n/8 may be fractional; a pixel
  // straddling a boundary is split by area, every other pixel goes to one block whole.
  const bs = n / 8;
  for (let c = 0; c < cells; c++) {
    const i = edges[c]!;
    const lo = Math.floor(i / bs);
    first[c] = second[c] = lo;
    weight[c] = 1;
    if (n % 8 === 0) continue;
    const mod = (i + 1) % bs;
    const frac = mod - Math.floor(mod);
    if (mod - frac > 0 || i + 1 === n) continue;
    second[c] = Math.ceil(i / bs);
    weight[c] = 1 - frac;
  }
  return { edges, first, second, weight };
}

const axes = new Map<number, Axis>();

function cachedAxis(n: number, parts: number): Axis {
  const key = n * 4096 + parts;
  let a = axes.get(key);
  if (a === undefined) {
    if (axes.size >= 2048) axes.clear();
    a = buildAxis(n, parts);
    axes.set(key, a);
  }
  return a;
}

/** Cell boundaries of `scanGrey` along an axis of n pixels (exported for tests). */
export function axisEdges(n: number, parts: number): Int32Array {
  return cachedAxis(n, Math.min(n, parts)).edges;
}

/**
 * bmvbhash's block sums from the cell sums. Every weight is a multiple of 1/8 (block sizes are
 * n/8) and every cell sum an integer, so all products and partial sums are exact in float64:
 * summing per cell instead of per pixel row, as scanGreyJs does, gives bit-identical results.
 */
function blockhashFromCells(sums: Float64Array, ax: Axis, ay: Axis, scale: number): Float64Array {
  const ncx = ax.edges.length - 1;
  const ncy = ay.edges.length - 1;
  // Down the cell rows first: the inner loop then adds independent cells instead of chaining
  // into the same 8 block totals (3x faster), and exactness makes the order free.
  if (blockCols.length < 8 * ncx) blockCols = new Float64Array(16 * ncx);
  const cols = blockCols;
  cols.fill(0, 0, 8 * ncx);
  for (let cy = 0; cy < ncy; cy++) {
    const base = cy * ncx;
    const top = ay.first[cy]! * ncx;
    const wt = ay.weight[cy]!;
    if (wt === 1) {
      for (let c = 0; c < ncx; c++) cols[top + c]! += sums[base + c]!;
    } else {
      const bottom = ay.second[cy]! * ncx;
      for (let c = 0; c < ncx; c++) {
        const s = sums[base + c]!;
        cols[top + c]! += s * wt;
        cols[bottom + c]! += s * (1 - wt);
      }
    }
  }
  const { first: xf, second: xs, weight: xw } = ax;
  const bh = new Float64Array(64);
  for (let j = 0; j < 8; j++) {
    for (let c = 0; c < ncx; c++) {
      const s = cols[j * ncx + c]!;
      const w = xw[c]!;
      bh[j * 8 + xf[c]!]! += s * w;
      if (w !== 1) bh[j * 8 + xs[c]!]! += s * (1 - w);
    }
  }
  for (let i = 0; i < 64; i++) bh[i]! *= scale;
  return bh;
}

// Cell sums are in half levels: luma (R = G = B) becomes R+G+B at x1.5, an R+G+B sum at x0.5.
const LUMA_TO_RGB_SUM = 1.5;
const HALF_TO_RGB_SUM = 0.5;

let blockCols = new Float64Array(1024);

/**
 * One pass over `grey` (width x height): cell sums on a ~parts x parts grid plus blockhash sums.
 * With `scratch` the sums are written there (when large enough) instead of a new array: a caller that
 * uses them before the next scan saves an allocation per image.
 */
export function scanGrey(
  grey: Uint8Array,
  width: number,
  height: number,
  partsX: number,
  partsY: number,
  lut: HalfLevelLut,
  scratch?: Float64Array,
): ScanResult {
  const ax = cachedAxis(width, Math.min(width, partsX));
  const ay = cachedAxis(height, Math.min(height, partsY));
  const sums =
    lut === LUT_FASTDCT || lut === LUT_EXACT ? cellSumsWasm(grey, width, height, ax.edges, ay.edges, lut === LUT_FASTDCT, scratch) : null;
  if (sums === null) return scanGreyJs(grey, width, height, partsX, partsY, lut);
  const cells = { sums, ncx: ax.edges.length - 1, ncy: ay.edges.length - 1, xEdges: ax.edges, yEdges: ay.edges };
  // Lazy: colour images take blockhash from their RGB instead (colourBlockhashSums).
  return {
    cells,
    get blockhashSums() {
      return blockhashFromCells(sums, ax, ay, LUMA_TO_RGB_SUM);
    },
  };
}

/**
 * bmvbhash's block sums of R+G+B from interleaved RGB(A), as imghash.hashRaw computes them
 * (a transparent pixel counts as white, 765). Interleaved RGB is summed as a greyscale image
 * three times as wide whose cells span 3x the columns: each cell then holds R+G+B of its pixels.
 */
export function colourBlockhashSums(data: Uint8Array, channels: 3 | 4, width: number, height: number): Float64Array {
  // The coarsest cells that keep blockhash exact: its 8 blocks plus straddling pixels per axis.
  const ax = cachedAxis(width, Math.min(width, 8));
  const ay = cachedAxis(height, Math.min(height, 8));
  let rgb = data;
  if (channels === 4) {
    const n = width * height;
    rgb = new Uint8Array(n * 3);
    for (let i = 0, p = 0; i < n; i++, p += 4) {
      const opaque = data[p + 3] !== 0;
      rgb[i * 3] = opaque ? data[p]! : 255;
      rgb[i * 3 + 1] = opaque ? data[p + 1]! : 255;
      rgb[i * 3 + 2] = opaque ? data[p + 2]! : 255;
    }
  }
  const xe3 = (ax.edges3 ??= ax.edges.map((e) => e * 3));
  const sums = cellSumsWasm(rgb, width * 3, height, xe3, ay.edges, false) ?? cellSumsJs(rgb, width * 3, xe3, ay.edges);
  return blockhashFromCells(sums, ax, ay, HALF_TO_RGB_SUM);
}

/** Half-level cell sums in float64 (no overflow), for images too large for the 32-bit kernel. */
function cellSumsJs(plane: Uint8Array, width: number, xe: Int32Array, ye: Int32Array): Float64Array {
  const ncx = xe.length - 1;
  const sums = new Float64Array(ncx * (ye.length - 1));
  for (let cy = 0; cy < ye.length - 1; cy++) {
    for (let y = ye[cy]!; y < ye[cy + 1]!; y++) {
      for (let c = 0; c < ncx; c++) {
        let s = 0;
        for (let i = y * width + xe[c]!, end = y * width + xe[c + 1]!; i < end; i++) s += plane[i]!;
        sums[cy * ncx + c]! += 2 * s;
      }
    }
  }
  return sums;
}

/** The JS pass scanGrey replaced (kept as its reference, and for LUTs the kernel lacks). */
export function scanGreyJs(grey: Uint8Array, width: number, height: number, partsX: number, partsY: number, lut: HalfLevelLut): ScanResult {
  const ax = cachedAxis(width, Math.min(width, partsX));
  const ay = cachedAxis(height, Math.min(height, partsY));
  const xe = ax.edges;
  const ye = ay.edges;
  const ncx = xe.length - 1;
  const ncy = ye.length - 1;
  const sums = new Float64Array(ncx * ncy);
  const rowBlocks = new Float64Array(8);
  const rowCells = new Int32Array(ncx);
  const bh = new Float64Array(64);
  const { first: xf, second: xs, weight: xw } = ax;
  let cy = 0;
  for (let y = 0; y < height; y++) {
    if (y >= ye[cy + 1]!) cy++;
    const row = y * width;
    // Plain integer sums first: keeping float work out of this loop makes it ~2x faster.
    let i = row;
    for (let c = 0; c < ncx; c++) {
      let s = 0;
      const end = row + xe[c + 1]!;
      for (; i < end; i++) s += lut[grey[i]!]!;
      rowCells[c] = s;
    }
    const base = cy * ncx;
    rowBlocks.fill(0);
    for (let c = 0; c < ncx; c++) {
      const s = rowCells[c]!;
      sums[base + c]! += s;
      rowBlocks[xf[c]!]! += s * xw[c]!;
      rowBlocks[xs[c]!]! += s * (1 - xw[c]!);
    }
    // Row y lies in cell cy, which never crosses a blockhash boundary (or is a straddling row).
    const top = ay.first[cy]!;
    const bottom = ay.second[cy]!;
    const wt = ay.weight[cy]!;
    for (let j = 0; j < 8; j++) {
      bh[top * 8 + j]! += rowBlocks[j]! * wt;
      bh[bottom * 8 + j]! += rowBlocks[j]! * (1 - wt);
    }
  }
  // Half levels of luma -> R+G+B with R=G=B.
  for (let i = 0; i < 64; i++) bh[i]! *= 1.5;
  return { cells: { sums, ncx, ncy, xEdges: xe, yEdges: ye }, blockhashSums: bh };
}
