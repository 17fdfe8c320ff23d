// The candidate loop of query-side multi-index hashing (query.ts) in WebAssembly: for each probe
// mask and each query, compare the query's hash with every hash in bucket key ^ mask. In
// JavaScript (two SWAR popcounts per candidate) this ran ~20 ns per candidate; i64.popcnt makes
// it ~1 ns. Hits are few, so JavaScript filters them afterwards (self, query order, earlier
// blocks).
import {
  buildModule,
  ensureBytes,
  get,
  i32,
  instantiate,
  load32,
  load64,
  set,
  appendTriple,
  tee,
  whileLt,
  when,
  I32,
  I32_ADD,
  I32_GE_U,
  I32_LE_U,
  I32_SHL,
  I32_WRAP_I64,
  I32_XOR,
  I64,
  I64_POPCNT,
  I64_XOR,
} from '../wasm-asm.ts';
import type { Code, WasmMemory } from '../wasm-asm.ts';

// query(nMasks, nQueries, masks, qkeys, qhashes, start, hash, t, out, limit) -> end of out or -1 when full
const [N_MASKS, N_Q, MASKS, QKEYS, QHASH, START, HASH, T, OUT, LIMIT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [M, QI, MK, K, P, E, D] = [10, 11, 12, 13, 14, 15, 16];
const [QH] = [17];

const word = (base: number, idx: number): Code => [...get(base), ...get(idx), ...i32(2), I32_SHL, I32_ADD];

const body: Code = [
  ...i32(0),
  ...set(M),
  ...whileLt(M, i32(1), get(N_MASKS), [
    ...word(MASKS, M),
    ...load32(),
    ...set(MK),
    ...i32(0),
    ...set(QI),
    ...whileLt(QI, i32(1), get(N_Q), [
      ...get(QHASH),
      ...get(QI),
      ...i32(3),
      I32_SHL,
      I32_ADD,
      ...load64(),
      ...set(QH),
      ...word(QKEYS, QI),
      ...load32(),
      ...get(MK),
      I32_XOR,
      ...set(K),
      ...word(START, K),
      ...load32(),
      ...set(P),
      ...word(START, K),
      ...load32(4),
      ...set(E),
      ...whileLt(P, i32(1), get(E), [
        ...when(
          [
            ...get(QH),
            ...get(HASH),
            ...get(P),
            ...i32(3),
            I32_SHL,
            I32_ADD,
            ...load64(),
            I64_XOR,
            I64_POPCNT,
            I32_WRAP_I64,
            ...tee(D),
            ...get(T),
            I32_LE_U,
          ],
          [
            // Out of room: report and let JavaScript grow the memory and resume from this mask.
            ...when([...get(OUT), ...get(LIMIT), I32_GE_U], [...i32(-1), 0x0f /* return */]),
            ...appendTriple(OUT, get(QI), get(P), get(D)),
          ],
        ),
      ]),
    ]),
  ]),
  ...get(OUT),
];

let compiled: ((...args: number[]) => number) | null = null;
let memory: WasmMemory | null = null;

function kernel(): { run: (...args: number[]) => number; memory: WasmMemory } {
  if (compiled === null || memory === null) {
    const bytes = buildModule([
      { name: 'query', params: new Array(10).fill(I32), results: [I32], locals: [...new Array(7).fill(I32), I64], body },
    ]);
    const inst = instantiate(bytes, 16);
    memory = inst.memory;
    compiled = inst.exports.query as (...args: number[]) => number;
  }
  return { run: compiled, memory };
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Hits (query position, table position, distance) of every query against buckets key ^ mask for
 * each mask: `start` is the bucket table (2^width + 1 entries), hashLo/hashHi the hashes in
 * table order, qKeys/qLo/qHi the queries'. Calls `hit` for each; distances are <= t.
 */
export function queryBuckets(
  start: Int32Array,
  hashLo: Int32Array,
  hashHi: Int32Array,
  masks: Int32Array,
  qKeys: Int32Array,
  qLo: Int32Array,
  qHi: Int32Array,
  t: number,
  hit: (qi: number, p: number, d: number) => void,
): void {
  const { run, memory: mem } = kernel();
  const n = hashLo.length;
  const nq = qKeys.length;
  const offStart = 0;
  const offHash = align8(4 * start.length);
  const offMasks = offHash + 8 * n;
  const offQKeys = offMasks + 4 * masks.length;
  const offQHash = align8(offQKeys + 4 * nq);
  const offOut = offQHash + 8 * nq;
  let room = 1 << 20;
  ensureBytes(mem, offOut + room);
  const load = (): void => {
    const w = new Int32Array(mem.buffer);
    w.set(start, offStart / 4);
    for (let i = 0; i < n; i++) {
      w[offHash / 4 + 2 * i] = hashLo[i]!;
      w[offHash / 4 + 2 * i + 1] = hashHi[i]!;
    }
    w.set(masks, offMasks / 4);
    w.set(qKeys, offQKeys / 4);
    for (let i = 0; i < nq; i++) {
      w[offQHash / 4 + 2 * i] = qLo[i]!;
      w[offQHash / 4 + 2 * i + 1] = qHi[i]!;
    }
  };
  load();
  // One mask at a time: if the hits of a mask overflow the output, grow and redo that mask.
  for (let m = 0; m < masks.length; m++) {
    const end = run(1, nq, offMasks + 4 * m, offQKeys, offQHash, offStart, offHash, t, offOut, offOut + room - 12);
    if (end === -1) {
      room *= 4;
      ensureBytes(mem, offOut + room);
      m--;
      continue;
    }
    const w = new Int32Array(mem.buffer);
    for (let o = offOut / 4; o < end / 4; o += 3) hit(w[o]!, w[o + 1]!, w[o + 2]!);
  }
}
