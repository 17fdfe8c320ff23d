import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { syntheticImage, writeJpeg } from './fixtures.ts';

/** The error text Winnow must give for each planted bad file (relative path → message pattern). */
export const EXPECTED_FAILURES: Record<string, RegExp> = {
  'bad/zero.jpg': /^empty file \(0 bytes\)$/,
  'bad/truncated.jpg': /truncated|premature end|corrupt|unexpected end/i,
  'bad/notes.jpg': /^not an image: the content is text$/,
  'bad/bitmap.bmp': /^unsupported format: BMP \(Winnow reads JPEG, PNG, WebP, TIFF, GIF and AVIF\)$/,
  'bad/bomb.png': /too many pixels|pixel limit|decompression bomb/i,
  'bad/loop': /^symlink loop/,
};

/**
 * Writes a folder with good images in every readable format under two labels, plus every kind of
 * bad input. Returns the number of good images.
 */
export async function writeMixedTree(root: string, opts: { bombPixels: number }): Promise<number> {
  await writeJpeg(join(root, 'cats/c1.jpg'), 1);
  await writeJpeg(join(root, 'cats/c2.jpg'), 2, 300, 200);
  const img = async (seed: number): Promise<Sharp> => syntheticImage(seed, 120, 90);
  mkdirSync(join(root, 'dogs'), { recursive: true });
  await (await img(3)).png().toFile(join(root, 'dogs/d1.png'));
  await (await img(4)).webp().toFile(join(root, 'dogs/d2.webp'));
  await (await img(5)).gif().toFile(join(root, 'dogs/d3.gif'));
  await (await img(6)).tiff().toFile(join(root, 'dogs/d4.tiff'));
  await (await img(7)).avif({ effort: 0 }).toFile(join(root, 'dogs/d5.avif'));
  await (await img(8)).png().toFile(join(root, 'dogs/actually-png.jpg')); // named .jpg, content PNG
  // names that are valid on disk but hard for naive code: not UTF-8, and close to the 255-byte limit
  writeFileSync(
    Buffer.concat([Buffer.from(join(root, 'cats/caf')), Buffer.from([0xe9]), Buffer.from('.jpg')]),
    await (await img(9)).jpeg().toBuffer(),
  );
  writeFileSync(join(root, 'cats', `${'long'.repeat(62)}.jpg`), await (await img(10)).jpeg().toBuffer());

  mkdirSync(join(root, 'bad'), { recursive: true });
  writeFileSync(join(root, 'bad/zero.jpg'), '');
  const full = await (await img(11)).jpeg().toBuffer();
  writeFileSync(join(root, 'bad/truncated.jpg'), full.subarray(0, Math.floor(full.length / 2)));
  writeFileSync(join(root, 'bad/notes.jpg'), 'These are my notes, saved with the wrong extension.\n');
  writeFileSync(join(root, 'bad/bitmap.bmp'), bmp(4, 4));
  const side = Math.ceil(Math.sqrt(opts.bombPixels * 1.5));
  await sharp({ create: { width: side, height: side, channels: 3, background: '#808080' } })
    .png()
    .toFile(join(root, 'bad/bomb.png'));
  symlinkSync('loop', join(root, 'bad/loop'));
  writeFileSync(join(root, 'README.txt'), 'not an image and not named like one: skipped silently\n');
  return 10;
}

/** A tiny valid 24-bit BMP (a format sharp does not read). */
function bmp(w: number, h: number): Buffer {
  const row = Math.ceil((w * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + row * h);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(w, 18);
  buf.writeInt32LE(h, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(row * h, 34);
  return buf;
}

export function makeUnreadable(file: string): void {
  chmodSync(file, 0o000);
}
