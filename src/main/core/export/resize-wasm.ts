// The two passes of resize-rgb.ts as WebAssembly SIMD (assembled by wasm-asm.tasm.ts, no
// binary blob). V8 does not vectorise the JS loops, which cost ~1.6 ms for a 250->256 RGB
// resize: more than libjpeg-turbo's decode and encode together. Taps are taken in pairs with
// i32x4.dot_i16x8_s (pixel pairs interleaved by a shuffle, 16-bit weights), accumulated in
// 32 bits, shifted and narrowed with saturation: the same integer arithmetic and clamping as the
// JS, so the bytes are identical (the unit tests compare the two).
import {
  buildModule,
  doWhile,
  ensureBytes,
  get,
  i32,
  instantiate,
  load32,
  set,
  simd,
  tee,
  I32,
  I32_ADD,
  I32_MUL,
  V128,
  I16X8_EXTEND_HIGH_U,
  I16X8_EXTEND_LOW_U,
  V128_LOAD,
  V128_STORE,
  I8X16_SHUFFLE,
  I32X4_SHR_S,
  I32X4_ADD,
  I16X8_NARROW_I32X4_S,
  I8X16_NARROW_I16X8_U,
} from '../wasm-asm.ts';
import type { Code, WasmMemory } from '../wasm-asm.ts';

const LOAD64_ZERO: Code = simd(0x5d, 3, 0);
const STORE32_LANE0: Code = simd(0x5a, 2, 0, 0);
const shuffle = I8X16_SHUFFLE;
const I32X4_SPLAT = simd(0x11);
const DOT = simd(0xba);
const NARROW_I32_S = I16X8_NARROW_I32X4_S;
const NARROW_I16_U = I8X16_NARROW_I16X8_U;
const BITS = 14;
const HALFV: Code = [...i32(1 << (BITS - 1)), ...I32X4_SPLAT];

// h(src, srcStride, rows, mid, outW, bx, wx, pairs)
const [SRC, STRIDE, ROWS, MID, OUTW, BX, WX, PAIRS] = [0, 1, 2, 3, 4, 5, 6, 7];
const [Y, X, P, WP, K, O, BP] = [8, 9, 10, 11, 12, 13, 14];
const [ACC, V] = [15, 16];
const horizontal: Code = [
  ...get(MID),
  ...set(O),
  ...i32(0),
  ...set(Y),
  ...doWhile(Y, i32(1), get(ROWS), [
    ...get(WX),
    ...set(WP),
    ...get(BX),
    ...set(BP),
    ...i32(0),
    ...set(X),
    ...doWhile(X, i32(1), get(OUTW), [
      ...get(SRC),
      ...get(BP),
      ...load32(),
      I32_ADD,
      ...set(P),
      ...HALFV,
      ...set(ACC),
      ...i32(0),
      ...set(K),
      ...doWhile(K, i32(1), get(PAIRS), [
        ...get(ACC),
        // r0 r1 g0 g1 b0 b1 x x: one 16-bit pair per channel for the dot product.
        ...get(P),
        ...LOAD64_ZERO,
        ...tee(V),
        ...get(V),
        ...shuffle([0, 3, 1, 4, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
        ...I16X8_EXTEND_LOW_U,
        ...get(WP),
        ...V128_LOAD(),
        ...DOT,
        ...I32X4_ADD,
        ...set(ACC),
        ...get(P),
        ...i32(6),
        I32_ADD,
        ...set(P),
        ...get(WP),
        ...i32(16),
        I32_ADD,
        ...set(WP),
      ]),
      // The fourth byte is junk; the next pixel (or the padding) overwrites it.
      ...get(O),
      ...get(ACC),
      ...i32(BITS),
      ...I32X4_SHR_S,
      ...tee(ACC),
      ...get(ACC),
      ...NARROW_I32_S,
      ...tee(V),
      ...get(V),
      ...NARROW_I16_U,
      ...STORE32_LANE0,
      ...get(O),
      ...i32(3),
      I32_ADD,
      ...set(O),
      ...get(BP),
      ...i32(4),
      I32_ADD,
      ...set(BP),
    ]),
    ...get(SRC),
    ...get(STRIDE),
    I32_ADD,
    ...set(SRC),
  ]),
];

// v(mid, rowLen, out, outH, by, wy, pairs)
const [VMID, ROWLEN, OUT, OUTH, BY, WY, VPAIRS] = [0, 1, 2, 3, 4, 5, 6];
const [VY, J, BASE, Q, VWP, VK, OP, VBP, WROW] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
const [A0, A1, A2, A3, LO, HI, W] = [16, 17, 18, 19, 20, 21, 22];
const acc = (a: number, src: number, ext: Code): Code => [...get(a), ...get(src), ...ext, ...get(W), ...DOT, ...I32X4_ADD, ...set(a)];
const shr = (a: number): Code => [...get(a), ...i32(BITS), ...I32X4_SHR_S];
const vertical: Code = [
  ...get(OUT),
  ...set(OP),
  ...get(BY),
  ...set(VBP),
  ...get(WY),
  ...set(WROW),
  ...i32(0),
  ...set(VY),
  ...doWhile(VY, i32(1), get(OUTH), [
    ...get(VMID),
    ...get(VBP),
    ...load32(),
    I32_ADD,
    ...set(BASE),
    ...i32(0),
    ...set(J),
    ...doWhile(J, i32(16), get(ROWLEN), [
      ...HALFV,
      ...tee(A0),
      ...tee(A1),
      ...tee(A2),
      ...set(A3),
      ...get(BASE),
      ...get(J),
      I32_ADD,
      ...set(Q),
      ...get(WROW),
      ...set(VWP),
      ...i32(0),
      ...set(VK),
      ...doWhile(VK, i32(1), get(VPAIRS), [
        ...get(Q),
        ...V128_LOAD(),
        ...get(Q),
        ...get(ROWLEN),
        I32_ADD,
        ...V128_LOAD(),
        ...tee(HI),
        ...shuffle([0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23]),
        ...set(LO),
        ...get(Q),
        ...V128_LOAD(),
        ...get(HI),
        ...shuffle([8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31]),
        ...set(HI),
        ...get(VWP),
        ...V128_LOAD(),
        ...set(W),
        ...acc(A0, LO, I16X8_EXTEND_LOW_U),
        ...acc(A1, LO, I16X8_EXTEND_HIGH_U),
        ...acc(A2, HI, I16X8_EXTEND_LOW_U),
        ...acc(A3, HI, I16X8_EXTEND_HIGH_U),
        ...get(Q),
        ...get(ROWLEN),
        ...i32(2),
        I32_MUL,
        I32_ADD,
        ...set(Q),
        ...get(VWP),
        ...i32(16),
        I32_ADD,
        ...set(VWP),
      ]),
      // Past the row end this writes into the next row, which is computed (and overwritten) next.
      ...get(OP),
      ...get(J),
      I32_ADD,
      ...shr(A0),
      ...shr(A1),
      ...NARROW_I32_S,
      ...shr(A2),
      ...shr(A3),
      ...NARROW_I32_S,
      ...NARROW_I16_U,
      ...V128_STORE(),
    ]),
    ...get(OP),
    ...get(ROWLEN),
    I32_ADD,
    ...set(OP),
    ...get(VBP),
    ...i32(4),
    I32_ADD,
    ...set(VBP),
    ...get(WROW),
    ...get(VPAIRS),
    ...i32(16),
    I32_MUL,
    I32_ADD,
    ...set(WROW),
  ]),
];

type Fn = (...args: number[]) => void;
let kernel: { memory: WasmMemory; h: Fn; v: Fn } | null | undefined;

function getKernel(): { memory: WasmMemory; h: Fn; v: Fn } | null {
  if (kernel === undefined) {
    try {
      const bytes = buildModule([
        { name: 'h', params: new Array(8).fill(I32), results: [], locals: [...new Array(7).fill(I32), V128, V128], body: horizontal },
        {
          name: 'v',
          params: new Array(7).fill(I32),
          results: [],
          locals: [...new Array(9).fill(I32), ...new Array(7).fill(V128)],
          body: vertical,
        },
      ]);
      const { memory, exports } = instantiate(bytes, 32);
      kernel = { memory, h: exports.h as Fn, v: exports.v as Fn };
    } catch {
      kernel = null; // no WebAssembly SIMD: resize-rgb.ts keeps its JS loops
    }
  }
  return kernel;
}

export interface PassTable {
  /** Per output: first input index, tap count (all counts equal). */
  bounds: Int32Array;
  kk: Int32Array;
  ksize: number;
}

const align16 = (n: number): number => (n + 15) & ~15;

/** Packs a table as 16-byte vectors of [w0, w1] x 4 (16-bit) per tap pair; null if a weight does not fit. */
const packed = new WeakMap<PassTable, Int32Array | null>();

function packWeights(t: PassTable, count: number): Int32Array | null {
  let p = packed.get(t);
  if (p === undefined) {
    p = pack(t, count);
    packed.set(t, p);
  }
  return p;
}

function pack(t: PassTable, count: number): Int32Array | null {
  const pairs = (t.ksize + 1) >> 1;
  const out = new Int32Array(count * pairs * 4);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < pairs; k++) {
      const a = t.kk[i * t.ksize + 2 * k]!;
      const b = 2 * k + 1 < t.ksize ? t.kk[i * t.ksize + 2 * k + 1]! : 0;
      if (a < -32768 || a > 32767 || b < -32768 || b > 32767) return null;
      out.fill((a & 0xffff) | (b << 16), (i * pairs + k) * 4, (i * pairs + k + 1) * 4);
    }
  }
  return out;
}

/**
 * Both passes in WebAssembly; `ax`/`ay` null means that axis is unchanged. Returns null when
 * SIMD is unavailable or a weight does not fit 16 bits (the caller then runs the JS loops).
 */
export function resizeWasm(
  src: Uint8Array,
  inW: number,
  row0: number,
  row1: number,
  ax: PassTable | null,
  ay: PassTable | null,
  outW: number,
  outH: number,
): Uint8Array | null {
  const k = getKernel();
  if (k === null) return null;
  const wx = ax === null ? null : packWeights(ax, outW);
  const wy = ay === null ? null : packWeights(ay, outH);
  if ((ax !== null && wx === null) || (ay !== null && wy === null)) return null;
  const rows = row1 - row0;
  const midW = ax === null ? inW : outW;
  const midLen = midW * 3;
  // Layout: tables | source rows | mid (+1 row read by a padded tap pair) | out; 32 bytes slack each.
  const bxAt = 0;
  const wxAt = align16(bxAt + 4 * outW);
  const byAt = align16(wxAt + (wx?.length ?? 0) * 4);
  const wyAt = align16(byAt + 4 * outH);
  const srcAt = align16(wyAt + (wy?.length ?? 0) * 4);
  const midAt = align16(srcAt + rows * inW * 3 + 32);
  const outAt = align16(midAt + (rows + 1) * midLen + 32);
  ensureBytes(k.memory, outAt + outH * midLen + 32);
  const buf = k.memory.buffer;
  const heap = new Uint8Array(buf);
  if (ax !== null) {
    const bx = new Int32Array(buf, bxAt, outW);
    for (let x = 0; x < outW; x++) bx[x] = ax.bounds[x * 2]! * 3;
    new Int32Array(buf, wxAt, wx!.length).set(wx!);
    heap.set(src.subarray(row0 * inW * 3, row1 * inW * 3), srcAt);
    k.h(srcAt, inW * 3, rows, midAt, outW, bxAt, wxAt, (ax.ksize + 1) >> 1);
  } else {
    heap.set(src.subarray(row0 * inW * 3, row1 * inW * 3), midAt);
  }
  if (ay === null) return heap.slice(midAt, midAt + rows * midLen);
  const by = new Int32Array(buf, byAt, outH);
  for (let y = 0; y < outH; y++) by[y] = (ay.bounds[y * 2]! - row0) * midLen;
  new Int32Array(buf, wyAt, wy!.length).set(wy!);
  k.v(midAt, midLen, outAt, outH, byAt, wyAt, (ay.ksize + 1) >> 1);
  return heap.slice(outAt, outAt + outH * midLen);
}
