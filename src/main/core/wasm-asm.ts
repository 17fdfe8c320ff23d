// A tiny WebAssembly assembler for the kernels (dups/kernel.ts, hashing/scan-wasm.ts and
// apply-wasm.ts, export/resize-wasm.ts): modules are spelled out as readable instruction lists and encoded
// here, so there is no binary blob and no build step. Only what the kernels use is covered.

export type Code = number[];

export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};

export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
};

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const get = (l: number): Code => [0x20, ...uleb(l)];
export const set = (l: number): Code => [0x21, ...uleb(l)];
export const tee = (l: number): Code => [0x22, ...uleb(l)];
export const i32 = (v: number): Code => [0x41, ...sleb(v)];
export const END = 0x0b;

export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_SHL = 0x74;
export const I32_LT_U = 0x49;
export const I32_NE = 0x47;
export const I32_XOR = 0x73;
export const I32_LE_U = 0x4d;
export const I32_GE_U = 0x4f;
export const I64 = 0x7e;
export const I64_XOR = 0x85;
export const I64_POPCNT = 0x7b;
export const I32_WRAP_I64 = 0xa7;
export const F64_ADD = 0xa0;
export const F64_MUL = 0xa2;

export const load32 = (offset = 0): Code => [0x28, 2, ...uleb(offset)];
export const store32 = (offset = 0): Code => [0x36, 2, ...uleb(offset)];

/** Appends three i32 values at the address in local `out` and moves it on by 12 (a pair list's (a, b, d) record). */
export const appendTriple = (out: number, a: Code, b: Code, c: Code): Code => [
  ...[a, b, c].flatMap((value, k) => [...get(out), ...value, ...store32(4 * k)]),
  ...get(out),
  ...i32(12),
  I32_ADD,
  ...set(out),
];
export const load16u = (offset = 0): Code => [0x2f, 1, ...uleb(offset)];
export const loadF64 = (offset = 0): Code => [0x2b, 3, ...uleb(offset)];
export const load64 = (offset = 0): Code => [0x29, 3, ...uleb(offset)];
export const storeF64 = (offset = 0): Code => [0x39, 3, ...uleb(offset)];

/** A SIMD instruction (0xfd prefix, LEB opcode). */
export const simd = (op: number, ...imm: number[]): Code => [0xfd, ...uleb(op), ...imm];
export const V128_LOAD = (offset = 0): Code => simd(0x00, 0, ...uleb(offset));
export const V128_STORE = (offset = 0): Code => simd(0x0b, 0, ...uleb(offset));
export const v128Const = (bytes: number[]): Code => simd(0x0c, ...bytes);
export const I8X16_SPLAT = simd(0x0f);
export const I8X16_NE = simd(0x24);
export const V128_AND = simd(0x4e);
export const I8X16_SUB = simd(0x71);
export const I16X8_EXTEND_LOW_U = simd(0x89);
export const I16X8_EXTEND_HIGH_U = simd(0x8a);
export const I16X8_SHL = simd(0x8b);
export const I16X8_ADD = simd(0x8e);
export const I16X8_SHR_U = simd(0x8d);
export const I16X8_MUL = simd(0x95);
export const I8X16_SHUFFLE = (lanes: number[]): Code => simd(0x0d, ...lanes);
export const I8X16_NARROW_I16X8_U = simd(0x66);
export const I16X8_NARROW_I32X4_S = simd(0x85);
export const I16X8_NARROW_I32X4_U = simd(0x86);
export const I32X4_ADD = simd(0xae);
export const I32X4_SHR_S = simd(0xac);
export const I32X4_SHR_U = simd(0xad);
export const I32X4_EXTMUL_LOW_I16X8_U = simd(0xbe);
export const I32X4_EXTMUL_HIGH_I16X8_U = simd(0xbf);
export const F64X2_SPLAT = simd(0x14);
export const F64X2_EXTRACT = (lane: number): Code => simd(0x21, lane);
export const F64X2_ADD = simd(0xf0);
export const F64X2_MUL = simd(0xf2);

/** if (cond) { body } */
export const when = (cond: Code, body: Code): Code => [...cond, 0x04, 0x40, ...body, END];

/** do { body; i += step } while (i <u end): for ranges known to be non-empty. */
export const doWhile = (i: number, step: Code, end: Code, body: Code): Code => [
  0x03,
  0x40,
  ...body,
  ...get(i),
  ...step,
  I32_ADD,
  ...tee(i),
  ...end,
  I32_LT_U,
  0x0d,
  0,
  END,
];

/** while (i <u end) { body; i += step } */
export const whileLt = (i: number, step: Code, end: Code, body: Code): Code => [
  0x02,
  0x40,
  0x03,
  0x40,
  ...get(i),
  ...end,
  0x4f /* ge_u */,
  0x0d,
  1,
  ...body,
  ...get(i),
  ...step,
  I32_ADD,
  ...set(i),
  0x0c,
  0,
  END,
  END,
];

export interface WasmFunc {
  name: string;
  params: number[];
  results: number[];
  /** Extra locals after the params, by type. */
  locals: number[];
  body: Code;
}

/** A module importing `env.memory` and exporting `funcs`. */
export function buildModule(funcs: WasmFunc[]): Uint8Array {
  const bodies = funcs.map((f) => {
    const runs: number[][] = [];
    for (const t of f.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === t) last[0]!++;
      else runs.push([1, t]);
    }
    const b = [...uleb(runs.length), ...runs.flatMap(([n, t]) => [...uleb(n!), t!]), ...f.body, END];
    return [...uleb(b.length), ...b];
  });
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]))),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}

// The project's lib settings (ES2023 + @types/node) declare no WebAssembly types; these are the
// few members used here.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Instantiates `bytes` on a fresh memory of `pages` 64 KiB pages. */
export function instantiate(bytes: Uint8Array, pages: number): { memory: WasmMemory; exports: Record<string, unknown> } {
  const memory = newMemory(pages);
  return { memory, exports: instanceOn(compile(bytes), memory) };
}

/** A memory of `pages` 64 KiB pages, for modules that import it. */
export const newMemory = (pages: number): WasmMemory => new wasm.Memory({ initial: pages });

/** A compiled module, for callers that instantiate it many times (one instance per memory). */
export const compile = (bytes: Uint8Array): object => new wasm.Module(bytes);

/** The exports of `module` instantiated on `memory`. */
export const instanceOn = (module: object, memory: WasmMemory): Record<string, unknown> =>
  new wasm.Instance(module, { env: { memory } }).exports;

/** Grows `memory` to hold at least `bytes`. */
export function ensureBytes(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
}
