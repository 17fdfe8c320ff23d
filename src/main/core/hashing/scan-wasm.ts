// The pixel pass of cells.ts as WebAssembly SIMD. Cells are only ~2-3 pixels wide on typical
// 250-pixel images, so summing along rows (what the JS does) leaves SIMD nothing to chew on;
// instead each band of rows inside one cell row is summed down the columns, 16 columns per
// vector with 16-bit lanes, and the column sums are then cut into cells. Everything is integer,
// so the cell sums are bit-identical to the JS pass whatever the order. The same module converts
// decoded RGB to luma (luma-wasm.ts) in the same memory, so the fast JPEG path copies no pixels.
import {
  buildModule,
  doWhile,
  ensureBytes,
  get,
  i32,
  instantiate,
  load16u,
  load32,
  set,
  store32,
  v128Const,
  I32,
  I32_ADD,
  I32_SHL,
  I16X8_ADD,
  I16X8_EXTEND_HIGH_U,
  I16X8_EXTEND_LOW_U,
  I16X8_SHL,
  I8X16_NE,
  I8X16_SPLAT,
  I8X16_SUB,
  V128,
  V128_AND,
  V128_LOAD,
  V128_STORE,
} from '../wasm-asm.ts';
import type { Code } from '../wasm-asm.ts';
import { LUMA_FUNC } from './luma-wasm.ts';

// band(src, width, w16, rows, col, edges, ncx, out, bias)
const [SRC, WIDTH, W16, ROWS, COL, EDGES, NCX, OUT, BIAS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [X, P, R, C, CP, CEND, S] = [9, 10, 11, 12, 13, 14, 15];
const [LO, HI, CNT, BIASV, V] = [16, 17, 18, 19, 20];

// 16-bit lanes hold at most BAND_ROWS * 255 * 2 + BAND_ROWS = 65408 < 65536.
const BAND_ROWS = 128;
const ZERO = v128Const(new Array(16).fill(0));
const FF = v128Const(new Array(16).fill(255));

// Pixel p counts 2p, plus 1 when the fast-IDCT bias applies (bias = 0xff) and 0 < p < 255:
// lanes sum p and, separately in 8 bits, the number of biased pixels.
const columns: Code = [
  ...get(BIAS),
  ...I8X16_SPLAT,
  ...set(BIASV),
  ...i32(0),
  ...set(X),
  ...doWhile(X, i32(16), get(W16), [
    ...get(SRC),
    ...get(X),
    I32_ADD,
    ...set(P),
    ...ZERO,
    ...set(LO),
    ...ZERO,
    ...set(HI),
    ...ZERO,
    ...set(CNT),
    ...i32(0),
    ...set(R),
    ...doWhile(R, i32(1), get(ROWS), [
      ...get(P),
      ...V128_LOAD(),
      ...set(V),
      ...get(LO),
      ...get(V),
      ...I16X8_EXTEND_LOW_U,
      ...I16X8_ADD,
      ...set(LO),
      ...get(HI),
      ...get(V),
      ...I16X8_EXTEND_HIGH_U,
      ...I16X8_ADD,
      ...set(HI),
      ...get(CNT),
      ...get(V),
      ...ZERO,
      ...I8X16_NE,
      ...get(V),
      ...FF,
      ...I8X16_NE,
      ...V128_AND,
      ...I8X16_SUB,
      ...set(CNT),
      ...get(P),
      ...get(WIDTH),
      I32_ADD,
      ...set(P),
    ]),
    ...get(CNT),
    ...get(BIASV),
    ...V128_AND,
    ...set(CNT),
    ...get(COL),
    ...get(X),
    ...i32(1),
    I32_SHL,
    I32_ADD,
    ...set(P),
    ...get(P),
    ...get(LO),
    ...i32(1),
    ...I16X8_SHL,
    ...get(CNT),
    ...I16X8_EXTEND_LOW_U,
    ...I16X8_ADD,
    ...V128_STORE(0),
    ...get(P),
    ...get(HI),
    ...i32(1),
    ...I16X8_SHL,
    ...get(CNT),
    ...I16X8_EXTEND_HIGH_U,
    ...I16X8_ADD,
    ...V128_STORE(16),
  ]),
];

// Column sums -> cell sums of this cell row (cells are never empty).
const cells: Code = [
  ...get(COL),
  ...set(CP),
  ...i32(0),
  ...set(C),
  ...doWhile(
    C,
    i32(4),
    [...get(NCX), ...i32(2), I32_SHL],
    [
      ...get(COL),
      ...get(EDGES),
      ...get(C),
      I32_ADD,
      ...load32(4),
      ...i32(1),
      I32_SHL,
      I32_ADD,
      ...set(CEND),
      ...i32(0),
      ...set(S),
      ...doWhile(CP, i32(2), get(CEND), [...get(S), ...get(CP), ...load16u(), I32_ADD, ...set(S)]),
      ...get(OUT),
      ...get(C),
      I32_ADD,
      ...set(P),
      ...get(P),
      ...get(P),
      ...load32(),
      ...get(S),
      I32_ADD,
      ...store32(),
    ],
  ),
];

type Kernel = {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  band: (...args: number[]) => void;
  luma: (src: number, dst: number, n: number) => void;
};
let kernel: Kernel | null = null;

function getKernel(): Kernel {
  if (kernel === null) {
    const bytes = buildModule([
      {
        name: 'band',
        params: new Array(9).fill(I32),
        results: [],
        locals: [...new Array(7).fill(I32), ...new Array(5).fill(V128)],
        body: [...columns, ...cells],
      },
      LUMA_FUNC,
    ]);
    const { memory, exports } = instantiate(bytes, 16);
    kernel = { memory, band: exports.band as Kernel['band'], luma: exports.luma as Kernel['luma'] };
  }
  return kernel;
}

const align16 = (n: number): number => (n + 15) & ~15;

// Cells per axis never exceed this (cells.ts: <= 96 even cells plus 14 block cuts, or n < 16).
const MAX_CELLS = 128;
const workBytes = (width: number): number => align16(4 * (MAX_CELLS + 1)) + align16(2 * align16(width) + 32) + 4 * MAX_CELLS * MAX_CELLS;

/**
 * A decode target inside the kernel's memory, so the hot path copies nothing: the decoder writes
 * RGB at `rgb`, luma() fills the plane after it, and cellSumsWasm reads both where they lie
 * (its work area sits below them). Views are valid until the next frame or copy-path call:
 * use them synchronously.
 */
export interface ColourFrame {
  rgb: Buffer;
  /** Where luma() writes; a greyscale decode can target it directly. */
  grey: Buffer;
  /** Pillow's L of the decoded pixels (equal to lumaFromInterleaved), computed in place. */
  luma(): Uint8Array;
}

export function colourFrame(width: number, height: number): ColourFrame {
  const k = getKernel();
  const pixels = width * height;
  const rgbAt = align16(workBytes(3 * width));
  const lumaAt = align16(rgbAt + 3 * pixels + 48);
  ensureBytes(k.memory, lumaAt + pixels + 32);
  const buf = k.memory.buffer;
  return {
    rgb: Buffer.from(buf, rgbAt, 3 * pixels),
    grey: Buffer.from(buf, lumaAt, pixels),
    luma: () => {
      if (pixels > 0) k.luma(rgbAt, lumaAt, pixels);
      return new Uint8Array(buf, lumaAt, pixels);
    },
  };
}

/** Pillow's L of interleaved RGB through the kernel (copying in and out; equal to the JS loop). */
export function lumaFromRgbWasm(rgb: Uint8Array, pixels: number): Uint8Array {
  const frame = colourFrame(pixels, 1);
  frame.rgb.set(rgb.subarray(0, 3 * pixels));
  return frame.luma().slice();
}

/**
 * Sums of lut[p] over each cell (cells.ts layout, row-major ncy x ncx), where lut is LUT_EXACT
 * (fastDct false) or LUT_FASTDCT (true). Returns null when a cell could overflow 32 bits.
 */
export function cellSumsWasm(
  grey: Uint8Array,
  width: number,
  height: number,
  xe: Int32Array,
  ye: Int32Array,
  fastDct: boolean,
  scratch?: Float64Array,
): Float64Array | null {
  const ncx = xe.length - 1;
  const ncy = ye.length - 1;
  if (width * height >= 4_000_000) {
    let mw = 0;
    let mh = 0;
    for (let c = 0; c < ncx; c++) mw = Math.max(mw, xe[c + 1]! - xe[c]!);
    for (let c = 0; c < ncy; c++) mh = Math.max(mh, ye[c + 1]! - ye[c]!);
    if (mw * mh * 511 >= 2 ** 31) return null;
  }
  const k = getKernel();
  const w16 = align16(width);
  const edges = 0;
  const col = align16(4 * (ncx + 1));
  const out = align16(col + 2 * w16 + 32);
  const end = out + 4 * ncx * ncy;
  // In place when the pixels already lie in a frame above the work area (the hot path).
  const inPlace = grey.buffer === k.memory.buffer && ncx <= MAX_CELLS && ncy <= MAX_CELLS && end <= grey.byteOffset;
  const pix = inPlace ? grey.byteOffset : align16(end);
  // The last vector of the last row reads up to 15 bytes past the image.
  if (!inPlace) ensureBytes(k.memory, pix + width * height + 16);
  const buf = k.memory.buffer;
  new Int32Array(buf, edges, ncx + 1).set(xe);
  const sums32 = new Int32Array(buf, out, ncx * ncy);
  sums32.fill(0);
  if (!inPlace) new Uint8Array(buf, pix, width * height).set(grey.subarray(0, width * height));
  const bias = fastDct ? 255 : 0;
  for (let cy = 0; cy < ncy; cy++) {
    const y1 = ye[cy + 1]!;
    const dst = out + 4 * cy * ncx;
    for (let y = ye[cy]!; y < y1; y += BAND_ROWS) {
      k.band(pix + y * width, width, w16, Math.min(BAND_ROWS, y1 - y), col, edges, ncx, dst, bias);
    }
  }
  const sums = scratch && scratch.length >= ncx * ncy ? scratch.subarray(0, ncx * ncy) : new Float64Array(ncx * ncy);
  sums.set(sums32);
  return sums;
}
