import { describe, it, expect } from 'vitest';
import { LUT_EXACT, LUT_FASTDCT, axisEdges, scanGrey, scanGreyJs, type HalfLevelLut } from '../../src/main/core/hashing/cells.ts';
import { blockMeansFromCells, resizeFromCells, resizeValues } from '../../src/main/core/hashing/cells-lanczos.ts';
import { hashGrey } from '../../src/main/core/hashing/hash-image.ts';
import { averageHashFromGrid, dHashFromGrid, pHashFromGrid, wHashFromBlockSums, whashScale } from '../../src/main/core/hashing/hashes.ts';
import { blockhashFromSums } from '../../src/main/core/hashing/blockhash.ts';
import { lumaFromRgbWasm } from '../../src/main/core/hashing/scan-wasm.ts';
import { lumaJs } from '../../src/main/core/media.ts';

// The WebAssembly scan and resize (scan-wasm.ts, apply-wasm.ts) and the cheaper per-size tables
// must reproduce the previous pure-JS pipeline bit for bit. That pipeline is kept verbatim below
// (cell axes, pixel pass, dense weight tables, weight application) as the reference.

function refBlocks(n: number, i: number): [number, number, number] {
  const bs = n / 8;
  const lo = Math.floor(i / bs);
  if (n % 8 === 0) return [lo, lo, 1];
  const mod = (i + 1) % bs;
  const frac = mod - Math.floor(mod);
  if (mod - frac > 0 || i + 1 === n) return [lo, lo, 1];
  return [lo, Math.ceil(i / bs), 1 - frac];
}

function refAxis(n: number, parts: number) {
  const cuts = new Set<number>();
  for (let i = 0; i <= parts; i++) cuts.add(Math.floor((i * n) / parts));
  if (n < 16) {
    for (let i = 0; i < n; i++) cuts.add(i);
  } else {
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
  for (let c = 0; c < cells; c++) [first[c], second[c], weight[c]] = refBlocks(n, edges[c]!);
  return { edges, first, second, weight };
}

function refScan(grey: Uint8Array, width: number, height: number, lut: HalfLevelLut) {
  const ax = refAxis(width, Math.min(width, 96));
  const ay = refAxis(height, Math.min(height, 96));
  const xe = ax.edges;
  const ye = ay.edges;
  const ncx = xe.length - 1;
  const ncy = ye.length - 1;
  const sums = new Float64Array(ncx * ncy);
  const rowBlocks = new Float64Array(8);
  const rowCells = new Int32Array(ncx);
  const bh = new Float64Array(64);
  let cy = 0;
  for (let y = 0; y < height; y++) {
    if (y >= ye[cy + 1]!) cy++;
    const row = y * width;
    let i = row;
    for (let c = 0; c < ncx; c++) {
      let s = 0;
      const end = row + xe[c + 1]!;
      for (; i < end; i++) s += lut[grey[i]!]!;
      rowCells[c] = s;
    }
    rowBlocks.fill(0);
    for (let c = 0; c < ncx; c++) {
      const s = rowCells[c]!;
      sums[cy * ncx + c]! += s;
      rowBlocks[ax.first[c]!]! += s * ax.weight[c]!;
      rowBlocks[ax.second[c]!]! += s * (1 - ax.weight[c]!);
    }
    for (let j = 0; j < 8; j++) {
      bh[ay.first[cy]! * 8 + j]! += rowBlocks[j]! * ay.weight[cy]!;
      bh[ay.second[cy]! * 8 + j]! += rowBlocks[j]! * (1 - ay.weight[cy]!);
    }
  }
  for (let i = 0; i < 64; i++) bh[i]! *= 1.5;
  return { sums, ncx, ncy, xe, ye, bh };
}

const KERNEL = Float64Array.from({ length: 3 * 1024 + 2 }, (_, i) => {
  const x = i / 1024;
  return x >= 3 ? 0 : x === 0 ? 1 : (3 * Math.sin(Math.PI * x) * Math.sin((Math.PI * x) / 3)) / (Math.PI * Math.PI * x * x);
});

function refLanczos(x: number): number {
  const f = (x < 0 ? -x : x) * 1024;
  const i = f | 0;
  if (i >= 3 * 1024) return 0;
  return KERNEL[i]! + (KERNEL[i + 1]! - KERNEL[i]!) * (f - i);
}

function refWeights(n: number, edges: Int32Array, out: number, groups: number) {
  const ncells = edges.length - 1;
  const cellOf = new Int32Array(n);
  for (let c = 0; c < ncells; c++) cellOf.fill(c, edges[c], edges[c + 1]);
  const scale = n / out;
  const filterscale = Math.max(scale, 1);
  const support = 3 * filterscale;
  const ss = 1 / filterscale;
  const per = out / groups;
  const dense = new Float64Array(groups * ncells);
  const w = new Float64Array(Math.ceil(support) * 2 + 2);
  for (let o = 0; o < out; o++) {
    const g = Math.floor(o / per);
    const center = (o + 0.5) * scale;
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(n, Math.trunc(center + support + 0.5));
    let ww = 0;
    for (let x = xmin; x < xmax; x++) {
      const v = refLanczos((x - center + 0.5) * ss);
      w[x - xmin] = v;
      ww += v;
    }
    const norm = ww !== 0 ? 1 / ww : 1;
    for (let x = xmin; x < xmax; x++) {
      const c = cellOf[x]!;
      dense[g * ncells + c]! += (w[x - xmin]! * norm) / (edges[c + 1]! - edges[c]!);
    }
  }
  const start = new Int32Array(groups);
  const len = new Int32Array(groups);
  for (let g = 0; g < groups; g++) {
    let a = 0;
    while (a < ncells - 1 && dense[g * ncells + a] === 0) a++;
    let b = ncells;
    while (b > a + 1 && dense[g * ncells + b - 1] === 0) b--;
    start[g] = a;
    len[g] = b - a;
  }
  return { out: groups, stride: ncells, start, len, w: dense };
}

type RefWeights = ReturnType<typeof refWeights>;

function refApply(sums: Float64Array, ncx: number, ncy: number, ax: RefWeights, ay: RefWeights): Float64Array {
  const ox = ax.out;
  const oy = ay.out;
  const tmp = new Float64Array(ncy * ox);
  for (let cy = 0; cy < ncy; cy++) {
    for (let o = 0; o < ox; o++) {
      const a = ax.start[o]!;
      const wb = o * ax.stride + a;
      let s = 0;
      for (let i = 0; i < ax.len[o]!; i++) s += sums[cy * ncx + a + i]! * ax.w[wb + i]!;
      tmp[cy * ox + o] = s;
    }
  }
  const out = new Float64Array(oy * ox);
  for (let o = 0; o < oy; o++) {
    const a = ay.start[o]!;
    const wb = o * ay.stride + a;
    for (let x = 0; x < ox; x++) {
      let s = 0;
      for (let i = 0; i < ay.len[o]!; i++) s += tmp[(a + i) * ox + x]! * ay.w[wb + i]!;
      out[o * ox + x] = s * 0.5;
    }
  }
  return out;
}

const refResize = (r: ReturnType<typeof refScan>, w: number, h: number, ow: number, oh: number, groups?: number): Float64Array =>
  refApply(r.sums, r.ncx, r.ncy, refWeights(w, r.xe, ow, groups ?? ow), refWeights(h, r.ye, oh, groups ?? oh));

const toU8 = (v: Float64Array): Uint8Array => Uint8Array.from(v, (x) => Math.min(255, Math.max(0, Math.floor(x + 0.5))));

// Deterministic images: uniform noise, noise rich in the clamped 0/255 values, smooth gradients, flat white.
function image(seed: number, width: number, height: number): Uint8Array {
  let s = seed >>> 0 || 1;
  const rnd = (): number => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const g = new Uint8Array(width * height);
  const kind = seed % 4;
  for (let i = 0; i < g.length; i++) {
    const r = rnd();
    g[i] =
      kind === 0
        ? r * 256
        : kind === 1
          ? r < 0.3
            ? 0
            : r < 0.6
              ? 255
              : rnd() * 256
          : kind === 2
            ? ((i % width) * 7 + Math.floor(i / width) * 3 + r * 20) & 255
            : 255;
  }
  return g;
}

function sizes(): [number, number][] {
  let s = 12345;
  const rnd = (): number => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const out: [number, number][] = [
    [1, 1],
    [1, 7],
    [7, 1],
    [15, 17],
    [16, 16],
    [17, 15],
    [97, 95],
    [250, 250],
    [251, 249],
    [255, 257],
    [2000, 1500],
    [1999, 1501],
    [5, 13000],
  ];
  while (out.length < 60) out.push([1 + Math.floor(rnd() ** 2 * 2000), 1 + Math.floor(rnd() ** 2 * 1500)]);
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));

describe('WebAssembly hashing kernels', () => {
  it('cuts the same cell edges as the Set-and-sort build', () => {
    for (let n = 1; n <= 3000; n++) expect(same(axisEdges(n, 96), refAxis(n, Math.min(n, 96)).edges), `n=${n}`).toBe(true);
  });

  it('gives bit-identical cell sums, blockhash sums and resized grids on both LUTs', () => {
    let k = 0;
    for (const [w, h] of sizes()) {
      for (const lut of [LUT_FASTDCT, LUT_EXACT]) {
        const grey = image(++k, w, h);
        const ref = refScan(grey, w, h, lut);
        const scan = scanGrey(grey, w, h, 96, 96, lut);
        const at = `${w}x${h} ${lut === LUT_EXACT ? 'exact' : 'fastdct'}`;
        expect(same(scan.cells.sums, ref.sums), at).toBe(true);
        expect(same(scan.blockhashSums, ref.bh), at).toBe(true);
        expect(same(scanGreyJs(grey, w, h, 96, 96, lut).cells.sums, ref.sums), at).toBe(true);
        const s = whashScale(w, h);
        for (const [ow, oh, groups] of [
          [32, 32],
          [9, 8],
          [8, 8],
          [16, 16],
          [s, s, 8],
          [1 + (k % 40), 1 + (k % 23)],
        ] as [number, number, number?][]) {
          expect(
            same(resizeValues(scan.cells, w, h, ow, oh, groups), refResize(ref, w, h, ow, oh, groups)),
            `${at} -> ${ow}x${oh}/${groups}`,
          ).toBe(true);
        }
      }
    }
  });

  it('falls back to the JS pass for other LUTs, with the same results', () => {
    const lut: HalfLevelLut = Int32Array.from({ length: 256 }, (_, p) => 3 * p + (p & 1));
    const grey = image(7, 301, 203);
    const ref = refScan(grey, 301, 203, lut);
    const scan = scanGrey(grey, 301, 203, 96, 96, lut);
    expect(same(scan.cells.sums, ref.sums)).toBe(true);
    expect(same(scan.blockhashSums, ref.bh)).toBe(true);
  });

  it('gives the same hashes as the reference pipeline', () => {
    let k = 100;
    for (const [w, h] of sizes().slice(0, 40)) {
      const grey = image(++k, w, h);
      const img = { info: { width: w, height: h, format: 'jpeg', channels: 1 }, grey, width: w, height: h, fullSize: true, fastDct: true };
      const ref = refScan(grey, w, h, LUT_FASTDCT);
      const s = whashScale(w, h);
      const blockMeans = refResize(ref, w, h, s, s, 8).map((v) => v / ((s / 8) * (s / 8)));
      expect(hashGrey(img)).toEqual({
        ahash: averageHashFromGrid(toU8(refResize(ref, w, h, 8, 8))),
        phash: pHashFromGrid(toU8(refResize(ref, w, h, 32, 32))),
        dhash: dHashFromGrid(toU8(refResize(ref, w, h, 9, 8))),
        whash: wHashFromBlockSums(blockMeans),
        blockhash: blockhashFromSums(ref.bh, w, h),
      });
      expect(same(resizeFromCells(scanGrey(grey, w, h, 96, 96, LUT_FASTDCT).cells, w, h, 32, 32), toU8(refResize(ref, w, h, 32, 32)))).toBe(
        true,
      );
      expect(same(blockMeansFromCells(scanGrey(grey, w, h, 96, 96, LUT_FASTDCT).cells, w, h, s), blockMeans)).toBe(true);
    }
  });
});

describe('RGB to luma kernel', () => {
  it("equals Pillow's convert('L') loop on every one of the 2^24 colours", () => {
    const n = 1 << 24;
    const rgb = new Uint8Array(3 * n);
    for (let i = 0; i < n; i++) {
      rgb[3 * i] = i >>> 16;
      rgb[3 * i + 1] = (i >>> 8) & 255;
      rgb[3 * i + 2] = i & 255;
    }
    const wasm = lumaFromRgbWasm(rgb, n);
    const js = lumaJs(rgb, n, 3);
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (wasm[i] !== js[i]) mismatches++;
    expect(mismatches).toBe(0);
    // A length that is not a whole number of 16-pixel steps converts exactly too.
    expect(Array.from(lumaFromRgbWasm(rgb.subarray(3 * 1000, 3 * 1037), 37))).toEqual(Array.from(js.subarray(1000, 1037)));
  });
});
