// The weight application of cells-lanczos.ts as WebAssembly SIMD. Each output value is still
// the same sequential sum, 0 + x0*w0 + x1*w1 + ... in float64 (wasm has no fused multiply-add,
// so every product and sum rounds exactly as in JS); the two lanes of a vector (and the two
// vectors per step) carry independent outputs: 4 cell rows of one output in the horizontal
// pass, 4 neighbouring outputs in the vertical one. Results are therefore bit-identical.
import {
  buildModule,
  doWhile,
  ensureBytes,
  get,
  i32,
  instantiate,
  load32,
  loadF64,
  set,
  storeF64,
  v128Const,
  I32,
  I32_ADD,
  I32_MUL,
  I32_SHL,
  F64X2_ADD,
  F64X2_EXTRACT,
  F64X2_MUL,
  F64X2_SPLAT,
  V128,
  V128_LOAD,
  V128_STORE,
} from '../wasm-asm.ts';
import type { Code, WasmMemory } from '../wasm-asm.ts';

/** Sparse weights of one axis: output o reads cells [start[o], start[o] + len[o]) with the next len[o] of `packed`. */
export interface PackedWeights {
  out: number;
  start: Int32Array;
  len: Int32Array;
  packed: Float64Array;
}

const ZERO = v128Const(new Array(16).fill(0));
const HALF = v128Const([...new Uint8Array(new Float64Array([0.5, 0.5]).buffer)]);
const shl3 = (c: Code): Code => [...c, ...i32(3), I32_SHL];

// Shared by both passes: locals after the params.
const [O, A, N, K, P, Q, QEND, WQ, T] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
const [ACC0, ACC1, ACC2, ACC3, W] = [16, 17, 18, 19, 20];
const LOCALS = [...new Array(9).fill(I32), ...new Array(5).fill(V128)];

/** Output o's a, n and the end of its weights; WQ advances to the next output's after `body`. */
const perOutput = (start: number, len: number, count: number, body: Code): Code => [
  ...i32(0),
  ...set(O),
  ...doWhile(O, i32(1), get(count), [
    ...get(start),
    ...get(O),
    ...i32(2),
    I32_SHL,
    I32_ADD,
    ...load32(),
    ...set(A),
    ...get(len),
    ...get(O),
    ...i32(2),
    I32_SHL,
    I32_ADD,
    ...load32(),
    ...set(N),
    ...get(WQ),
    ...shl3(get(N)),
    I32_ADD,
    ...set(QEND),
    ...body,
    ...get(QEND),
    ...set(WQ),
  ]),
];

/** ACCS[k] = sum over the output's weights of w * (the 2 values at P + 16k), P += stride. */
const dot = (stride: Code, accs: number[]): Code => [
  ...accs.flatMap((a) => [...ZERO, ...set(a)]),
  ...get(WQ),
  ...set(Q),
  ...doWhile(Q, i32(8), get(QEND), [
    ...get(Q),
    ...loadF64(),
    ...F64X2_SPLAT,
    ...set(W),
    ...accs.flatMap((a, k) => [...get(a), ...get(P), ...V128_LOAD(16 * k), ...get(W), ...F64X2_MUL, ...F64X2_ADD, ...set(a)]),
    ...get(P),
    ...stride,
    I32_ADD,
    ...set(P),
  ]),
];

// hpass(grid, rows, ox, start, len, wts, tmp): grid is column-major (cell c, row r at
// 8 * (c * rows + r)), rows a multiple of 8 (four accumulators hide the add latency); tmp[r][o]
// is row-major with row stride 8 * ox4.
const [G, ROWS_, OX, HSTART, HLEN, HW, TMP] = [0, 1, 2, 3, 4, 5, 6];
const ox4 = (): Code => [...get(OX), ...i32(3), I32_ADD, ...i32(-4), 0x71 /* and */];
const hpass: Code = [
  ...get(HW),
  ...set(WQ),
  ...perOutput(HSTART, HLEN, OX, [
    ...i32(0),
    ...set(K),
    ...doWhile(K, i32(8), get(ROWS_), [
      ...get(G),
      ...shl3([...get(A), ...get(ROWS_), I32_MUL, ...get(K), I32_ADD]),
      I32_ADD,
      ...set(P),
      ...dot(shl3(get(ROWS_)), [ACC0, ACC1, ACC2, ACC3]),
      // T = &tmp[K][O]; rows K..K+7 are one tmp row stride (8 * ox4) apart.
      ...get(TMP),
      ...shl3([...get(K), ...ox4(), I32_MUL, ...get(O), I32_ADD]),
      I32_ADD,
      ...set(T),
      ...[ACC0, ACC1, ACC2, ACC3].flatMap((a, k) =>
        [0, 1].flatMap((lane) => [
          ...(k || lane ? [...get(T), ...shl3(ox4()), I32_ADD, ...set(T)] : []),
          ...get(T),
          ...get(a),
          ...F64X2_EXTRACT(lane),
          ...storeF64(),
        ]),
      ),
    ]),
  ]),
];

// vpass(tmp, ox4, oy, start, len, wts, out): out[o][x] = 0.5 * sum, row stride 8 * ox4.
const [VT, OX4, OY, VSTART, VLEN, VW, OUT] = [0, 1, 2, 3, 4, 5, 6];
const vpass: Code = [
  ...get(VW),
  ...set(WQ),
  ...perOutput(VSTART, VLEN, OY, [
    ...i32(0),
    ...set(K),
    ...doWhile(K, i32(4), get(OX4), [
      ...get(VT),
      ...shl3([...get(A), ...get(OX4), I32_MUL, ...get(K), I32_ADD]),
      I32_ADD,
      ...set(P),
      ...dot(shl3(get(OX4)), [ACC0, ACC1]),
      ...get(OUT),
      ...shl3([...get(O), ...get(OX4), I32_MUL, ...get(K), I32_ADD]),
      I32_ADD,
      ...set(T),
      ...get(T),
      ...get(ACC0),
      ...HALF,
      ...F64X2_MUL,
      ...V128_STORE(0),
      ...get(T),
      ...get(ACC1),
      ...HALF,
      ...F64X2_MUL,
      ...V128_STORE(16),
    ]),
  ]),
];

// transpose(src, ncx, ncy, rows, dst): row-major ncy x ncx -> column-major with `rows` rows.
const [TS, TNCX, TNCY, TROWS, TD] = [0, 1, 2, 3, 4];
const [TY, TX, TP, TQ] = [5, 6, 7, 8];
const transpose: Code = [
  ...i32(0),
  ...set(TY),
  ...doWhile(TY, i32(1), get(TNCY), [
    ...get(TS),
    ...shl3([...get(TY), ...get(TNCX), I32_MUL]),
    I32_ADD,
    ...set(TP),
    ...get(TD),
    ...shl3(get(TY)),
    I32_ADD,
    ...set(TQ),
    ...i32(0),
    ...set(TX),
    ...doWhile(TX, i32(1), get(TNCX), [
      ...get(TQ),
      ...get(TP),
      ...loadF64(),
      ...storeF64(),
      ...get(TP),
      ...i32(8),
      I32_ADD,
      ...set(TP),
      ...get(TQ),
      ...shl3(get(TROWS)),
      I32_ADD,
      ...set(TQ),
    ]),
  ]),
];

type Fn = (...args: number[]) => void;
let kernel: { memory: WasmMemory; hpass: Fn; vpass: Fn; transpose: Fn } | null = null;

function getKernel(): NonNullable<typeof kernel> {
  if (kernel === null) {
    const i7 = new Array(7).fill(I32);
    const bytes = buildModule([
      { name: 'hpass', params: i7, results: [], locals: LOCALS, body: hpass },
      { name: 'vpass', params: i7, results: [], locals: LOCALS, body: vpass },
      { name: 'transpose', params: new Array(5).fill(I32), results: [], locals: new Array(4).fill(I32), body: transpose },
    ]);
    const { memory, exports } = instantiate(bytes, 16);
    kernel = { memory, hpass: exports.hpass as Fn, vpass: exports.vpass as Fn, transpose: exports.transpose as Fn };
  }
  return kernel;
}

const round4 = (n: number): number => (n + 3) & ~3;
const round8 = (n: number): number => (n + 7) & ~7;
const align16 = (n: number): number => (n + 15) & ~15;

// The grid last uploaded (column-major at GRID): an image's resizes all share it.
let uploaded: Float64Array | null = null;
let gridEnd = 0;
const GRID = 0;

function upload(k: NonNullable<typeof kernel>, sums: Float64Array, ncx: number, ncy: number): void {
  const rows = round8(ncy);
  const stage = align16(GRID + 8 * ncx * rows);
  gridEnd = align16(stage + 8 * ncx * ncy);
  ensureBytes(k.memory, gridEnd);
  const buf = k.memory.buffer;
  new Float64Array(buf, stage, ncx * ncy).set(sums);
  k.transpose(stage, ncx, ncy, rows, GRID);
  if (rows > ncy) {
    const g = new Float64Array(buf, GRID, ncx * rows);
    for (let c = 0; c < ncx; c++) g.fill(0, c * rows + ncy, (c + 1) * rows);
  }
  uploaded = sums;
}

function put(buf: ArrayBuffer, at: number, a: PackedWeights): [number, number, number, number] {
  const start = at;
  const len = align16(start + 4 * a.out);
  const w = align16(len + 4 * a.out);
  new Int32Array(buf, start, a.out).set(a.start);
  new Int32Array(buf, len, a.out).set(a.len);
  new Float64Array(buf, w, a.packed.length).set(a.packed);
  return [start, len, w, align16(w + 8 * a.packed.length)];
}

/** Horizontal then vertical weights over the ncy x ncx cell grid `sums`; row-major oy x ox. */
export function applyWasm(sums: Float64Array, ncx: number, ncy: number, ax: PackedWeights, ay: PackedWeights): Float64Array {
  const k = getKernel();
  if (uploaded !== sums) upload(k, sums, ncx, ncy);
  const rows = round8(ncy);
  const ox = ax.out;
  const oy = ay.out;
  const ox4 = round4(ox);
  const tmp = gridEnd;
  const out = align16(tmp + 8 * rows * ox4);
  const wx = align16(out + 8 * oy * ox4);
  const need = wx + 48 + 8 * (ax.out + ay.out) + 8 * (ax.packed.length + ay.packed.length);
  ensureBytes(k.memory, need);
  const buf = k.memory.buffer;
  // Padding columns of tmp feed discarded lanes; zero keeps them finite.
  new Float64Array(buf, tmp, rows * ox4).fill(0);
  const [xs, xl, xw, wy] = put(buf, wx, ax);
  const [ys, yl, yw] = put(buf, wy, ay);
  k.hpass(GRID, rows, ox, xs, xl, xw, tmp);
  k.vpass(tmp, ox4, oy, ys, yl, yw, out);
  const res = new Float64Array(oy * ox);
  const v = new Float64Array(buf, out, oy * ox4);
  for (let o = 0; o < oy; o++) res.set(v.subarray(o * ox4, o * ox4 + ox), o * ox);
  return res;
}
