import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';

/** Every image file below `dir` (absolute paths), sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) visit(join(d, e.name));
      else if (/\.(jpe?g|png|webp|gif|tiff?|avif)$/i.test(e.name)) out.push(join(d, e.name));
    }
  };
  visit(dir);
  return out.sort();
}

/**
 * A generated stand-in for the shared corpus: 1,000 JPEGs shaped like it (mostly ~250×250, some
 * larger, a few photos of several megapixels) in five label folders. Cached between runs.
 */
export async function generatedCorpus(): Promise<string> {
  const dir = join(tmpdir(), 'winnow-bench-generated-v1');
  if (existsSync(join(dir, '.done'))) return dir;
  const n = 1000;
  for (let i = 0; i < n; i++) {
    const big = i % 100 === 0;
    const w = big ? 2400 : 180 + ((i * 37) % 200);
    const h = big ? 1600 : 160 + ((i * 53) % 180);
    const label = `class${i % 5}`;
    mkdirSync(join(dir, label), { recursive: true });
    const noise = {
      create: {
        width: w,
        height: h,
        channels: 3 as const,
        background: { r: (i * 7) % 255, g: (i * 13) % 255, b: (i * 29) % 255 },
        noise: { type: 'gaussian' as const, mean: 128, sigma: 40 },
      },
    };
    await sharp(noise)
      .blur(1 + (i % 4))
      .jpeg({ quality: 85 })
      .toFile(join(dir, label, `img${String(i).padStart(4, '0')}.jpg`));
  }
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

export function relativeTo(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
