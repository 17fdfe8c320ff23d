// The one full-resolution pass over a decoded image. Exact Pillow emulation costs ~6
// multiply-adds per pixel per target size (four sizes), several times the decode itself; here
// each pixel is added once into a coarse grid of cells, from which cells-lanczos.ts rebuilds
// every Lanczos-resized grid, and blockhash's 8x8 block sums fall out of the same cell sums.
// Values are in half grey levels so the fast-IDCT correction below stays integral.

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

// bmvbhash's assignment of pixel i (of n) to blocks: block size n/8 may be fractional; a pixel
// straddling a boundary is split by area, every other pixel goes to one block whole.
function bmvbBlocks(n: number, i: number): [number, number, number] {
  const bs = n / 8;
  const lo = Math.floor(i / bs);
  if (n % 8 === 0) return [lo, lo, 1];
  const mod = (i + 1) % bs;
  const frac = mod - Math.floor(mod);
  if (mod - frac > 0 || i + 1 === n) return [lo, lo, 1];
  return [lo, Math.ceil(i / bs), 1 - frac];
}

interface Axis {
  edges: Int32Array;
  /** Per cell: blockhash block(s) and the weight into the first. */
  first: Int32Array;
  second: Int32Array;
  weight: Float64Array;
}

/**
 * Cells along one axis: an even split into `parts`, refined so no cell crosses a blockhash
 * block boundary and every straddling pixel is a cell of its own. Runs once per distinct image
 * width/height, so it stays O(parts) apart from tiny images.
 */
function buildAxis(n: number, parts: number): Axis {
  const cuts = new Set<number>();
  for (let i = 0; i <= parts; i++) cuts.add(Math.floor((i * n) / parts));
  if (n < 16) {
    for (let i = 0; i < n; i++) cuts.add(i);
  } else {
    // n / 8 is exact in binary floating point, so these positions are exact too.
    for (let j = 1; j < 8; j++) {
      const b = (j * n) / 8;
      const i = Math.floor(b);
      cuts.add(i);
      if (i !== b && n % 8 !== 0) cuts.add(i + 1);
    }
  }
  const edges = Int32Array.from([...cuts].sort((p, q) => p - q));
  const cells = edges.length - 1;
  const first = new Int32Array(cells);
  const second = new Int32Array(cells);
  const weight = new Float64Array(cells);
  for (let c = 0; c < cells; c++) [first[c], second[c], weight[c]] = bmvbBlocks(n, edges[c]);
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

/** One pass over `grey` (width x height): cell sums on a ~parts x parts grid plus blockhash sums. */
export function scanGrey(grey: Uint8Array, width: number, height: number, partsX: number, partsY: number, lut: HalfLevelLut): ScanResult {
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
    if (y >= ye[cy + 1]) cy++;
    const row = y * width;
    // Plain integer sums first: keeping float work out of this loop makes it ~2x faster.
    let i = row;
    for (let c = 0; c < ncx; c++) {
      let s = 0;
      const end = row + xe[c + 1];
      for (; i < end; i++) s += lut[grey[i]];
      rowCells[c] = s;
    }
    const base = cy * ncx;
    rowBlocks.fill(0);
    for (let c = 0; c < ncx; c++) {
      const s = rowCells[c];
      sums[base + c] += s;
      rowBlocks[xf[c]] += s * xw[c];
      rowBlocks[xs[c]] += s * (1 - xw[c]);
    }
    // Row y lies in cell cy, which never crosses a blockhash boundary (or is a straddling row).
    const top = ay.first[cy];
    const bottom = ay.second[cy];
    const wt = ay.weight[cy];
    for (let j = 0; j < 8; j++) {
      bh[top * 8 + j] += rowBlocks[j] * wt;
      bh[bottom * 8 + j] += rowBlocks[j] * (1 - wt);
    }
  }
  // Half levels of luma -> R+G+B with R=G=B.
  for (let i = 0; i < 64; i++) bh[i] *= 1.5;
  return { cells: { sums, ncx, ncy, xEdges: xe, yEdges: ye }, blockhashSums: bh };
}
