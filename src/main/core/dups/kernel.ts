// The bucket-comparison loop of the search as a hand-assembled WebAssembly function. JavaScript
// has no popcount: the SWAR version costs ~4 ns per candidate pair on the test machine, while
// wasm's i64.popcnt is one POPCNT instruction and this loop runs at ~0.6 ns per candidate. The
// module (~600 bytes) is assembled below from readable pieces (../wasm-asm.ts): no binary blob,
// no build step.
import {
  buildModule,
  compile,
  doWhile as doWhileFrom,
  END,
  get,
  I32,
  i32,
  I64,
  instanceOn,
  load32,
  load64,
  newMemory,
  set,
  appendTriple,
  tee,
  when,
  whileLt,
  type Code,
  type WasmMemory,
} from '../wasm-asm.ts';

const [ADD, SUB, SHL, SHR_U, AND, OR, XOR] = [0x6a, 0x6b, 0x74, 0x76, 0x71, 0x72, 0x73];
const [GE_U, LE_U, LT_U, NE, EQ] = [0x4f, 0x4d, 0x49, 0x47, 0x46];
/** for (i = from; i < to; i++) { body }, with `to` re-evaluated each time. */
const loop = (i: number, from: Code, to: Code, body: Code): Code => [...from, ...set(i), ...whileLt(i, i32(1), to, body)];
/** Address of the i-th 32-bit word from base. */
const at = (base: number, i: number): Code => [...get(base), ...get(i), ...i32(2), SHL, ADD];

/** i = from; do { body; i += step } while (i < end): for ranges known to be non-empty, one branch per step. */
const doWhile = (i: number, from: Code, step: number, end: Code, body: Code): Code => [
  ...from,
  ...set(i),
  ...doWhileFrom(i, i32(step), end, body),
];

// scan(start, vFrom, vTo, hash, masks, groups, width, t, out) → end of out. For each non-empty bucket v
// it compares v with itself and with each u = v ^ mask > v (masks grouped by top bit h, so u > v
// exactly when bit h of v is clear), writing (p, q, d) triples with d ≤ t, where p and q are byte
// addresses of the two hashes (hash + 8·position: addresses save a shift per candidate).
const [START, V_FROM, V_TO, HASH, MASKS, GROUPS, WIDTH, T, OUT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [V, S0, E0, P, Q, H, K, U, D, S1, E1] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
const ROWS = 4;
const ROW_LOCALS = Array.from({ length: ROWS }, (_, r) => 20 + r); // i64 hashes of rows p..p+ROWS-1
const A = ROW_LOCALS[0]!;

/** popcount(a ^ *Q) */
const distTo = (a: number): Code => [...get(a), ...get(Q), ...load64(), 0x85 /* i64.xor */, 0x7b /* i64.popcnt */, 0xa7 /* wrap */];

/** if d(a, *Q) ≤ t: append (p, Q, d), growing memory by 1 MiB when the last page is reached. */
const test = (p: Code, a: number): Code =>
  when(
    [...distTo(a), ...tee(D), ...get(T), LE_U],
    [
      ...when(
        [...get(OUT), ...i32(12), ADD, ...i32(16), SHR_U, 0x3f, 0, GE_U],
        when([...i32(16), 0x40, 0, ...i32(-1), EQ], [0x00 /* unreachable: out of memory */]),
      ),
      ...appendTriple(OUT, p, get(Q), get(D)),
    ],
  );

/** Pairs p < q inside bucket [S0, E0) (addresses), when it holds at least two. */
const compareWithin: Code = when(
  [...get(E0), ...get(S0), SUB, ...i32(8), 0x4b /* gt_u */],
  doWhile(
    P,
    get(S0),
    8,
    [...get(E0), ...i32(8), SUB],
    [...get(P), ...load64(), ...set(A), ...doWhile(Q, [...get(P), ...i32(8), ADD], 8, get(E0), test(get(P), A))],
  ),
);

/** Row p + r, for r < ROWS, of the blocked loop below. */
const row = (r: number): Code => (r ? [...get(P), ...i32(8 * r), ADD] : get(P));

/**
 * Pairs of [S0, E0) × [S1, E1), both non-empty, ROWS rows of p per pass over q: buckets hold a
 * few items, so the inner loop's exit (a branch misprediction) is paid per pass, and blocking
 * rows cuts the passes. (A flat loop wrapping q with `select` instead measured 1.3–2x slower.)
 */
const compareAcross: Code = [
  ...get(S0),
  ...set(P),
  0x02,
  0x40,
  0x03,
  0x40,
  ...get(P),
  ...i32(8 * (ROWS - 1)),
  ADD,
  ...get(E0),
  GE_U,
  0x0d,
  1,
  ...ROW_LOCALS.flatMap((a, r) => [...row(r), ...load64(), ...set(a)]),
  ...doWhile(
    Q,
    get(S1),
    8,
    get(E1),
    when(
      ROW_LOCALS.flatMap((a, r) => [...distTo(a), ...get(T), LE_U, ...(r ? [OR] : [])]),
      ROW_LOCALS.flatMap((a, r) => test(row(r), a)),
    ),
  ),
  ...get(P),
  ...i32(8 * ROWS),
  ADD,
  ...set(P),
  0x0c,
  0,
  END,
  END,
  // The last < ROWS rows one at a time.
  ...when(
    [...get(P), ...get(E0), LT_U],
    doWhile(P, get(P), 8, get(E0), [...get(P), ...load64(), ...set(A), ...doWhile(Q, get(S1), 8, get(E1), test(get(P), A))]),
  ),
];

/** Byte address of the hash at the position stored at start[idx] (+1 when next). */
const bucketEdge = (idx: number, next: boolean): Code => [...get(HASH), ...at(START, idx), ...load32(next ? 4 : 0), ...i32(3), SHL, ADD];

const scanBody: Code = [
  ...loop(V, get(V_FROM), get(V_TO), [
    ...bucketEdge(V, false),
    ...set(S0),
    ...bucketEdge(V, true),
    ...set(E0),
    ...when(
      [...get(S0), ...get(E0), NE],
      [
        ...compareWithin,
        ...loop(
          H,
          i32(0),
          get(WIDTH),
          when(
            [...get(V), ...get(H), SHR_U, ...i32(1), AND, 0x45 /* eqz */],
            [
              ...loop(
                K,
                [...at(GROUPS, H), ...load32(0)],
                [...at(GROUPS, H), ...load32(4)],
                [
                  ...get(V),
                  ...at(MASKS, K),
                  ...load32(0),
                  XOR,
                  ...set(U),
                  ...bucketEdge(U, false),
                  ...set(S1),
                  ...bucketEdge(U, true),
                  ...set(E1),
                  ...when([...get(S1), ...get(E1), NE], compareAcross),
                ],
              ),
            ],
          ),
        ),
      ],
    ),
  ]),
  ...get(OUT),
];

const scanModule = (): Uint8Array =>
  buildModule([
    {
      name: 'scan',
      params: new Array(9).fill(I32),
      results: [I32],
      locals: [...new Array(11).fill(I32), ...new Array(ROWS).fill(I64)],
      body: scanBody,
    },
  ]);

export type ScanFn = (
  start: number,
  vFrom: number,
  vTo: number,
  hash: number,
  masks: number,
  groups: number,
  width: number,
  t: number,
  out: number,
) => number;

let compiled: object | null = null;

export function wasmMemory(bytes: number): WasmMemory {
  return newMemory(Math.ceil(bytes / 65536));
}

/**
 * A scan function bound to `memory` (one instance per search; the module is compiled once).
 * Call it on ranges of buckets, not a whole block at once: V8 first runs wasm in its baseline
 * compiler and swaps in optimised code only between calls, so one long call stays ~2x slower.
 */
export function scanKernel(memory: WasmMemory): ScanFn {
  compiled ??= compile(scanModule());
  return instanceOn(compiled, memory).scan as ScanFn;
}
