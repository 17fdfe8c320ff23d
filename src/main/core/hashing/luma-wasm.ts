// Pillow's RGB -> L (convert('L'): (R*19595 + G*38470 + B*7471 + 0x8000) >> 16) as WebAssembly
// SIMD, 16 pixels per step (whole steps: reads up to 47 bytes and writes up to 15 past the end).
// The fast JPEG path decodes in colour so blockhash can sum R+G+B as imghash does; the other
// hashes need luma from those same pixels, and the JS loop (lumaJs) would cost as much as the
// decode itself. Integer arithmetic throughout: the result equals the JS loop byte for byte (a
// test checks all 2^24 colours).
import {
  doWhile,
  get,
  i32,
  set,
  v128Const,
  I16X8_ADD,
  I16X8_EXTEND_HIGH_U,
  I16X8_EXTEND_LOW_U,
  I16X8_MUL,
  I16X8_SHR_U,
  I32,
  I32_ADD,
  I8X16_NARROW_I16X8_U,
  I8X16_SHUFFLE,
  V128,
  V128_LOAD,
  V128_STORE,
} from '../wasm-asm.ts';
import type { Code } from '../wasm-asm.ts';

const u16x8 = (v: number): Code => v128Const(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? v & 255 : v >> 8)));

// Lanes of channel c among 16 interleaved pixels (48 bytes in v0, v1, v2): the first shuffle
// picks what lies in v0||v1, the second keeps those and adds the rest from v2.
function lanes(c: number): { first: number[]; second: number[] } {
  const pos = Array.from({ length: 16 }, (_, i) => 3 * i + c);
  const inFirst = pos.filter((p) => p < 32);
  const first = [...inFirst, ...new Array(16 - inFirst.length).fill(0)];
  const second = [...inFirst.map((_, i) => i), ...pos.filter((p) => p >= 32).map((p) => p - 32 + 16)];
  return { first, second };
}

// luma(src, dst, n): locals
const [SRC, DST, N] = [0, 1, 2];
const [X, P, Q] = [3, 4, 5];
const [V0, V1, V2, CH, LO, HI, HL, HH, QL, QH] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

// Each weight split as 256a + b. With H = sum a*c and Q = sum b*c (both fit 16-bit lanes: the a's
// and the b's sum to 255 and 256), (19595R + 38470G + 7471B + 0x8000) >> 16 = (H + (Q >> 8) + 128) >> 8
// exactly, so the whole conversion runs on 16-bit lanes (half the lanes of 32-bit products).
const WEIGHTS = [19595, 38470, 7471];

const channel = (c: number): Code => {
  const { first, second } = lanes(c);
  const a = u16x8(WEIGHTS[c]! >> 8);
  const b = u16x8(WEIGHTS[c]! & 255);
  const acc = (sum: number, part: number, k: Code): Code => [...get(sum), ...get(part), ...k, ...I16X8_MUL, ...I16X8_ADD, ...set(sum)];
  return [
    ...get(V0),
    ...get(V1),
    ...I8X16_SHUFFLE(first),
    ...get(V2),
    ...I8X16_SHUFFLE(second),
    ...set(CH),
    ...get(CH),
    ...I16X8_EXTEND_LOW_U,
    ...set(LO),
    ...get(CH),
    ...I16X8_EXTEND_HIGH_U,
    ...set(HI),
    ...acc(HL, LO, a),
    ...acc(HH, HI, a),
    ...acc(QL, LO, b),
    ...acc(QH, HI, b),
  ];
};

const ROUND = u16x8(128);
const half = (h: number, q: number): Code => [
  ...get(h),
  ...get(q),
  ...i32(8),
  ...I16X8_SHR_U,
  ...I16X8_ADD,
  ...ROUND,
  ...I16X8_ADD,
  ...i32(8),
  ...I16X8_SHR_U,
];

const body: Code = [
  ...get(SRC),
  ...set(P),
  ...get(DST),
  ...set(Q),
  ...i32(0),
  ...set(X),
  ...doWhile(X, i32(16), get(N), [
    ...get(P),
    ...V128_LOAD(0),
    ...set(V0),
    ...get(P),
    ...V128_LOAD(16),
    ...set(V1),
    ...get(P),
    ...V128_LOAD(32),
    ...set(V2),
    ...[HL, HH, QL, QH].flatMap((v) => [...u16x8(0), ...set(v)]),
    ...channel(0),
    ...channel(1),
    ...channel(2),
    ...get(Q),
    ...half(HL, QL),
    ...half(HH, QH),
    ...I8X16_NARROW_I16X8_U,
    ...V128_STORE(0),
    ...get(P),
    ...i32(48),
    I32_ADD,
    ...set(P),
    ...get(Q),
    ...i32(16),
    I32_ADD,
    ...set(Q),
  ]),
];

/** The luma(src, dst, n) function; scan-wasm.ts puts it in its module so both share one memory. */
export const LUMA_FUNC = { name: 'luma', params: [I32, I32, I32], results: [], locals: [I32, I32, I32, ...new Array(10).fill(V128)], body };
