import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp, { type Sharp } from 'sharp';

export function tempDir(prefix = 'winnow-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** A deterministic synthetic photo-like image: smooth gradients plus a few shapes placed by `seed`. */
export async function syntheticImage(seed: number, width = 160, height = 120): Promise<Sharp> {
  const data = Buffer.alloc(width * height * 3);
  const rand = mulberry32(seed);
  const cx = rand() * width;
  const cy = rand() * height;
  const r = 10 + rand() * 40;
  const tint = [rand() * 255, rand() * 255, rand() * 255];
  const freq = 0.02 + rand() * 0.1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = (x - cx) ** 2 + (y - cy) ** 2 < r * r;
      const wave = 127 + 100 * Math.sin(x * freq + seed) * Math.cos(y * freq * 0.7);
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, inside ? tint[c]! : wave * (0.5 + c * 0.25)));
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

export async function writeJpeg(file: string, seed: number, width?: number, height?: number): Promise<Buffer> {
  mkdirSync(dirname(file), { recursive: true });
  const buf = await (await syntheticImage(seed, width, height)).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(file, buf);
  return buf;
}

/** sha256 and mtime of every file below `dir` (names as bytes), to prove an import wrote nothing there. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: Buffer): void => {
    for (const e of readdirSync(d, { withFileTypes: true, encoding: 'buffer' })) {
      const p = Buffer.concat([d, Buffer.from('/'), e.name]);
      const key = p.toString('latin1');
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.set(key, `${createHash('sha256').update(readFileSync(p)).digest('hex')}:${statSync(p).mtimeMs}`);
      else out.set(key, 'other');
    }
  };
  visit(Buffer.from(dir));
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
