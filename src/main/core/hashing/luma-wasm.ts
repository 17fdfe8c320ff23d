// Pillow's RGB -> L (convert('L'): (R*19595 + G*38470 + B*7471 + 0x8000) >> 16) as WebAssembly
// SIMD, 16 pixels per step (whole steps: reads up to 47 bytes and writes up to 15 past the end). The fast JPEG path decodes in colour so blockhash can sum R+G+B as
// imghash does; the other hashes need luma from those same pixels, and the JS loop
// (lumaFromInterleaved) would cost as much as the decode itself. Integer arithmetic throughout:
// the result equals the JS loop byte for byte.
import {
  doWhile, get, i32, set, v128Const, I16X8_EXTEND_HIGH_U, I16X8_EXTEND_LOW_U, I16X8_NARROW_I32X4_U, I32, I32_ADD, I32X4_ADD,
  I32X4_EXTMUL_HIGH_I16X8_U, I32X4_EXTMUL_LOW_I16X8_U, I32X4_SHR_U, I8X16_NARROW_I16X8_U, I8X16_SHUFFLE, V128, V128_LOAD, V128_STORE,
} from '../wasm-asm.ts';
import type { Code } from '../wasm-asm.ts';


const u16x8 = (v: number): Code => v128Const(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? v & 255 : v >> 8)));
const i32x4 = (v: number): Code => v128Const(Array.from({ length: 16 }, (_, i) => (v >>> (8 * (i % 4))) & 255));

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
const [V0, V1, V2, CH, LO, HI, A0, A1, A2, A3] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const COEFFS = [19595, 38470, 7471];

const channel = (c: number): Code => {
  const { first, second } = lanes(c);
  const k = u16x8(COEFFS[c]!);
  const acc = (a: number, part: number, mul: Code): Code => [...get(a), ...get(part), ...k, ...mul, ...I32X4_ADD, ...set(a)];
  return [
    ...get(V0), ...get(V1), ...I8X16_SHUFFLE(first), ...get(V2), ...I8X16_SHUFFLE(second), ...set(CH),
    ...get(CH), ...I16X8_EXTEND_LOW_U, ...set(LO),
    ...get(CH), ...I16X8_EXTEND_HIGH_U, ...set(HI),
    ...acc(A0, LO, I32X4_EXTMUL_LOW_I16X8_U), ...acc(A1, LO, I32X4_EXTMUL_HIGH_I16X8_U),
    ...acc(A2, HI, I32X4_EXTMUL_LOW_I16X8_U), ...acc(A3, HI, I32X4_EXTMUL_HIGH_I16X8_U),
  ];
};

const shifted = (a: number): Code => [...get(a), ...i32(16), ...I32X4_SHR_U];

const body: Code = [
  ...get(SRC), ...set(P), ...get(DST), ...set(Q),
  ...i32(0), ...set(X),
  ...doWhile(X, i32(16), get(N), [
    ...get(P), ...V128_LOAD(0), ...set(V0),
    ...get(P), ...V128_LOAD(16), ...set(V1),
    ...get(P), ...V128_LOAD(32), ...set(V2),
    ...[A0, A1, A2, A3].flatMap((a) => [...i32x4(0x8000), ...set(a)]),
    ...channel(0), ...channel(1), ...channel(2),
    ...get(Q),
    ...shifted(A0), ...shifted(A1), ...I16X8_NARROW_I32X4_U,
    ...shifted(A2), ...shifted(A3), ...I16X8_NARROW_I32X4_U,
    ...I8X16_NARROW_I16X8_U,
    ...V128_STORE(0),
    ...get(P), ...i32(48), I32_ADD, ...set(P),
    ...get(Q), ...i32(16), I32_ADD, ...set(Q),
  ]),
];

/** The luma(src, dst, n) function; scan-wasm.ts puts it in its module so both share one memory. */
export const LUMA_FUNC = { name: 'luma', params: [I32, I32, I32], results: [], locals: [I32, I32, I32, ...new Array(10).fill(V128)], body };
