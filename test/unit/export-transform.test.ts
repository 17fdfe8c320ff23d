import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { placement, transformImage, type TransformSettings } from '../../src/main/core/export/transform.ts';
import { resizeRgb, type ResizeKernel } from '../../src/main/core/export/resize-rgb.ts';
import { decodeJpegRgb, decodeRgbSharp } from '../../src/main/core/media.ts';

const S = (over: Partial<TransformSettings> = {}): TransformSettings => ({
  size: { width: 64, height: 64 },
  mode: 'stretch',
  quality: 90,
  chroma: '420',
  passthrough: true,
  ...over,
});
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Smooth gradients plus mid-frequency texture: a photo-like generated RGB image. */
function texture(width: number, height: number): Buffer {
  const d = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      d[p] = (x * 255) / width;
      d[p + 1] = (y * 255) / height;
      d[p + 2] = 128 + 100 * Math.sin(x / 5) * Math.cos(y / 7);
    }
  }
  return d;
}

const raw = (data: Buffer, width: number, height: number, channels: 1 | 3 | 4 = 3) => sharp(data, { raw: { width, height, channels } });
const jpeg = (w: number, h: number): Promise<Buffer> => raw(texture(w, h), w, h).jpeg({ quality: 92 }).toBuffer();

/** Width-wise red | green | blue thirds (or height-wise when `tall`). */
async function bands(w: number, h: number, tall: boolean): Promise<Buffer> {
  const d = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const third = Math.floor(((tall ? y : x) * 3) / (tall ? h : w));
      d[(y * w + x) * 3 + third] = 255;
    }
  }
  return raw(d, w, h).png().toBuffer();
}

async function rgbOf(jpg: Buffer): Promise<{ data: Uint8Array; width: number; height: number; at: (x: number, y: number) => number[] }> {
  const img = decodeJpegRgb(jpg)!;
  return { ...img, at: (x, y) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)) };
}

describe('transformImage: sizes and modes', () => {
  it('stretch gives exactly W x H and never swaps the axes', async () => {
    const src = await jpeg(300, 200);
    const r = await transformImage(src, S({ size: { width: 120, height: 40 } }));
    const m = await sharp(r.data).metadata();
    expect([r.width, r.height, m.width, m.height, m.format, m.channels]).toEqual([120, 40, 120, 40, 'jpeg', 3]);
    expect(r.passthrough).toBe(false);
  });

  it('fill-crop keeps the centre of a wide and of a tall image', async () => {
    for (const tall of [false, true]) {
      const src = await bands(tall ? 100 : 300, tall ? 300 : 100, tall);
      const r = await rgbOf((await transformImage(src, S({ size: { width: 50, height: 50 }, mode: 'fill-crop', chroma: '444' }))).data);
      expect([r.width, r.height]).toEqual([50, 50]);
      for (const [x, y] of [
        [0, 0],
        [49, 0],
        [25, 25],
        [0, 49],
        [49, 49],
      ] as const) {
        const [red, green, blue] = r.at(x, y);
        expect(green).toBeGreaterThan(200);
        expect(Math.max(red!, blue!)).toBeLessThan(60);
      }
    }
    expect(placement(300, 100, { width: 50, height: 50 }, 'fill-crop')).toEqual({
      scaledWidth: 150,
      scaledHeight: 50,
      x: 50,
      y: 0,
      width: 50,
      height: 50,
    });
  });

  it('fit-pad puts black bars top and bottom of a wide image, left and right of a tall one', async () => {
    const white = Buffer.alloc(200 * 100 * 3, 255);
    const wide = await raw(white, 200, 100).png().toBuffer();
    const tall = await raw(white, 100, 200).png().toBuffer();
    const a = await rgbOf((await transformImage(wide, S({ size: { width: 100, height: 100 }, mode: 'fit-pad', chroma: '444' }))).data);
    const b = await rgbOf((await transformImage(tall, S({ size: { width: 100, height: 100 }, mode: 'fit-pad', chroma: '444' }))).data);
    for (const [x, y] of [
      [50, 5],
      [50, 94],
      [5, 10],
    ] as const)
      expect(Math.max(...a.at(x, y))).toBeLessThan(12);
    for (const [x, y] of [
      [50, 50],
      [5, 30],
      [95, 70],
    ] as const)
      expect(Math.min(...a.at(x, y))).toBeGreaterThan(243);
    for (const [x, y] of [
      [5, 50],
      [94, 50],
    ] as const)
      expect(Math.max(...b.at(x, y))).toBeLessThan(12);
    expect(Math.min(...b.at(50, 5))).toBeGreaterThan(243);
  });

  it('none (and size null) keeps the source size', async () => {
    const png = await raw(texture(77, 33), 77, 33).png().toBuffer();
    for (const s of [S({ size: null, mode: 'none' }), S({ mode: 'none' })]) {
      const r = await transformImage(png, s);
      expect([r.width, r.height, r.passthrough]).toEqual([77, 33, false]);
    }
  });
});

describe('transformImage: passthrough and reproducibility', () => {
  it('writes the original bytes of a JPEG of the target size (or any JPEG with size null)', async () => {
    const src = await jpeg(64, 64);
    for (const s of [S(), S({ size: null, mode: 'none' }), S({ mode: 'fill-crop', quality: 50, chroma: '444' })]) {
      const r = await transformImage(src, s);
      expect(r.passthrough).toBe(true);
      expect(sha(r.data)).toBe(sha(src));
    }
    const off = await transformImage(src, S({ passthrough: false }));
    expect(off.passthrough).toBe(false);
    expect(sha(off.data)).not.toBe(sha(src));
  });

  it('ships greyscale JPEGs of the target size byte for byte, re-encodes CMYK ones to 3-channel RGB', async () => {
    const grey = await raw(texture(64, 64), 64, 64).toColourspace('b-w').jpeg().toBuffer();
    const cmyk = await raw(texture(64, 64), 64, 64).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(grey).metadata()).channels).toBe(1);
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    // decode_jpeg(channels=3), as read_example.py reads, gives R = G = B from a greyscale JPEG: the
    // same pixels a re-encode would store, so the original bytes are the faithful choice.
    for (const settings of [S(), S({ size: null, mode: 'none' })]) {
      const g = await transformImage(grey, settings);
      expect([g.passthrough, g.width, g.height, Buffer.compare(Buffer.from(g.data), grey)]).toEqual([true, 64, 64, 0]);
    }
    const r = await transformImage(cmyk, S());
    const m = await sharp(r.data).metadata();
    expect([r.passthrough, m.channels, m.space, m.width, m.height]).toEqual([false, 3, 'srgb', 64, 64]);
  });

  it('gives byte-identical output for the same input and settings, on every route', async () => {
    const big = await jpeg(1900, 1200); // over FAST_MAX_PIXELS: sharp route
    for (const src of [await jpeg(250, 240), await bands(90, 60, false), big]) {
      for (const mode of ['stretch', 'fill-crop', 'fit-pad'] as const) {
        const s = S({ size: { width: 96, height: 80 }, mode, passthrough: false });
        const a = await transformImage(src, s);
        const b = await transformImage(Buffer.from(src), s);
        expect([a.width, a.height]).toEqual([96, 80]);
        expect(sha(a.data)).toBe(sha(b.data));
      }
    }
  });

  it('ignores EXIF orientation (as TensorFlow decode_jpeg does)', async () => {
    const src = await raw(texture(80, 40), 80, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(src).metadata()).orientation).toBe(6);
    const r = await transformImage(src, S({ size: null, mode: 'none', passthrough: false }));
    expect([r.width, r.height]).toEqual([80, 40]);
    expect((await sharp(r.data).metadata()).orientation).toBeUndefined();
  });
});

describe('transformImage: formats and encoder settings', () => {
  it('turns PNG (alpha, grey, 16-bit), WebP, GIF, TIFF and AVIF into RGB JPEGs; alpha goes on black', async () => {
    const rgba = Buffer.alloc(40 * 30 * 4);
    for (let i = 0; i < 40 * 30; i++) rgba.set(i % 40 < 20 ? [255, 255, 255, 0] : [200, 30, 30, 255], i * 4);
    const t = texture(40, 30);
    const sources = {
      pngAlpha: await raw(rgba, 40, 30, 4).png().toBuffer(),
      pngGrey: await raw(t, 40, 30).toColourspace('b-w').png().toBuffer(),
      png16: await raw(t, 40, 30).toColourspace('rgb16').png().toBuffer(),
      webp: await raw(rgba, 40, 30, 4).webp({ lossless: true }).toBuffer(),
      gif: await raw(t, 40, 30).gif().toBuffer(),
      tiff: await raw(t, 40, 30).tiff().toBuffer(),
      avif: await raw(t, 40, 30).avif().toBuffer(),
    };
    expect((await sharp(sources.png16).metadata()).depth).toBe('ushort');
    for (const [name, src] of Object.entries(sources)) {
      const r = await transformImage(src, S({ size: null, mode: 'none', chroma: '444' }));
      const m = await sharp(r.data).metadata();
      expect([name, m.format, m.channels, m.space, m.width, m.height]).toEqual([name, 'jpeg', 3, 'srgb', 40, 30]);
      if (name === 'pngAlpha' || name === 'webp') {
        const px = await rgbOf(r.data);
        expect(Math.max(...px.at(5, 15))).toBeLessThan(10); // transparent white -> black
        expect(px.at(35, 15)[0]).toBeGreaterThan(180);
      }
    }
  });

  it('honours the chroma setting and the quality', async () => {
    const src = await jpeg(300, 200);
    const sub = async (chroma: '444' | '420') =>
      (await sharp((await transformImage(src, S({ chroma }))).data).metadata()).chromaSubsampling;
    expect(await sub('444')).toBe('4:4:4');
    expect(await sub('420')).toBe('4:2:0');
    const size = async (quality: number) => (await transformImage(src, S({ quality, size: { width: 200, height: 200 } }))).data.length;
    expect(await size(50)).toBeLessThan(await size(95));
    await expect(transformImage(src, S({ quality: 0 }))).rejects.toThrow(RangeError);
  });

  it('stays close to sharp lanczos3 (PSNR floor) with every kernel', async () => {
    const src = await jpeg(400, 300);
    const ref = await decodeRgbSharp(src, { background: 'black', resize: { width: 160, height: 160, fit: 'cover', kernel: 'lanczos3' } });
    for (const kernel of [undefined, 'linear', 'cubic', 'lanczos3', 'area'] as const) {
      const r = decodeJpegRgb((await transformImage(src, S({ size: { width: 160, height: 160 }, mode: 'fill-crop', kernel }))).data)!;
      let se = 0;
      for (let i = 0; i < r.data.length; i++) se += (r.data[i]! - ref.data[i]!) ** 2;
      const psnr = 10 * Math.log10((255 * 255 * r.data.length) / se);
      expect(psnr, String(kernel)).toBeGreaterThan(30);
    }
  });
});

describe('resizeRgb', () => {
  it('WebAssembly and JS loops give identical bytes', () => {
    const cases = [
      [250, 250, 256, 256, 0, 0, 256, 256],
      [240, 320, 256, 341, 0, 42, 256, 256],
      [800, 600, 341, 256, 42, 0, 256, 256],
      [5, 3, 7, 9, 0, 0, 7, 9],
      [1, 1, 4, 3, 0, 0, 4, 3],
      [33, 17, 3, 2, 0, 0, 3, 2],
      [300, 256, 256, 256, 0, 0, 256, 256],
    ];
    for (const kernel of ['area', 'linear', 'cubic', 'lanczos3'] as ResizeKernel[]) {
      for (const [w, h, sw, sh, x, y, ow, oh] of cases as [number, number, number, number, number, number, number, number][]) {
        const src = { data: new Uint8Array(w * h * 3).map((_, i) => (i * 7919 + (i >> 5) * 13) & 255), width: w, height: h };
        const a = resizeRgb(src, { width: sw, height: sh }, { x, y, width: ow, height: oh }, kernel);
        const b = resizeRgb(src, { width: sw, height: sh }, { x, y, width: ow, height: oh }, kernel, 'js');
        expect(a.data.length).toBe(ow * oh * 3);
        expect(sha(a.data), `${kernel} ${w}x${h}`).toBe(sha(b.data));
      }
    }
  });

  it('keeps flat colours exact', () => {
    const src = { data: new Uint8Array(37 * 23 * 3).fill(173), width: 37, height: 23 };
    for (const kernel of ['area', 'linear', 'cubic', 'lanczos3'] as ResizeKernel[]) {
      const r = resizeRgb(src, { width: 64, height: 11 }, { x: 0, y: 0, width: 64, height: 11 }, kernel);
      expect(r.data.every((v) => v === 173)).toBe(true);
    }
  });
});
