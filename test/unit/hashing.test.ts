import { describe, it, expect } from 'vitest';
import sharp from 'sharp';
import { crc32 } from 'node:zlib';
import { hashImage } from '../../src/main/core/hashing/hash-image.ts';
import { fromHex, hamming64, packBits, pHashAndMirrorFromGrid, pHashFromGrid, toHex16 } from '../../src/main/core/hashing/hashes.ts';
import { flipGrid } from '../../src/main/core/hashing/features.ts';
import { resizeL } from '../../src/main/core/hashing/resample.ts';
import { colourBlockhashSums, LUT_EXACT, scanGrey } from '../../src/main/core/hashing/cells.ts';
import { blockhashFromSums } from '../../src/main/core/hashing/blockhash.ts';
import { blockhashRawImghash, blockhashViaImghash } from '../../src/main/core/hashing/blockhash-imghash.ts';
import jpegTurbo from '@julusian/jpeg-turbo';
import { MediaError, decodeGrey, getPixelLimit, jpegFrameInfo, setPixelLimit } from '../../src/main/core/media.ts';

// Synthetic images; expected hashes come from Python imagehash 4.3.2's algorithms run with
// Pillow 9.4 on the same pixels (a numpy re-implementation, checked against imagehash's output
// on the 2,497-image shared corpus: 100% equal for aHash/pHash/dHash).
function img1(): { data: Uint8Array; width: number; height: number } {
  const width = 64;
  const height = 48;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = (x * 3 + y * 5 + ((x * y) % 17) * 4) & 255;
  return { data, width, height };
}

function img2Rgb(): { data: Uint8Array; width: number; height: number } {
  const width = 100;
  const height = 80;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      data[p] = Math.floor((x * 5) / 2) & 255;
      data[p + 1] = (y * 3) & 255;
      data[p + 2] = ((x + y) * 7) & 255;
    }
  }
  return { data, width, height };
}

function img3(): { data: Uint8Array; width: number; height: number } {
  const width = 300;
  const height = 200;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = 128 + 60 * Math.sin(x / 23) * Math.cos(y / 17) + 40 * ((Math.floor(x / 50) + Math.floor(y / 40)) % 2) - 20;
      data[y * width + x] = Math.min(255, Math.max(0, Math.round(v)));
    }
  }
  return { data, width, height };
}

type Img = { data: Uint8Array; width: number; height: number };
const raw = (im: Img, channels: 1 | 3) => {
  const s = sharp(im.data, { raw: { width: im.width, height: im.height, channels } });
  return channels === 1 ? s.toColourspace('b-w') : s;
};
const png = (im: Img, channels: 1 | 3 = 1) => raw(im, channels).png().toBuffer();

function hexes(h: { ahash: bigint; phash: bigint; dhash: bigint; whash: bigint }) {
  return [toHex16(h.ahash), toHex16(h.phash), toHex16(h.dhash), toHex16(h.whash)];
}

describe('64-bit helpers', () => {
  it('formats as 16 zero-padded hex digits and parses back', () => {
    expect(toHex16(0n)).toBe('0000000000000000');
    expect(toHex16(0xabcn)).toBe('0000000000000abc');
    expect(toHex16((1n << 64n) - 1n)).toBe('ffffffffffffffff');
    expect(fromHex('0f3e7ef8f0e08107')).toBe(0x0f3e7ef8f0e08107n);
    expect(() => fromHex('xyz')).toThrow(/hex/);
  });

  it('counts differing bits', () => {
    expect(hamming64(0n, 0n)).toBe(0);
    expect(hamming64(0n, (1n << 64n) - 1n)).toBe(64);
    expect(hamming64(0x8000000000000001n, 1n)).toBe(1);
    expect(hamming64(0xf0n, 0x0fn)).toBe(8);
  });

  it('packs bits row-major with the first bit most significant', () => {
    const bits = new Array<boolean>(64).fill(false);
    bits[0] = true;
    bits[63] = true;
    expect(toHex16(packBits(bits))).toBe('8000000000000001');
  });
});

describe('Pillow LANCZOS resize emulation', () => {
  it('keeps a constant image constant', () => {
    const src = new Uint8Array(123 * 77).fill(37);
    for (const [w, h] of [
      [8, 8],
      [9, 8],
      [32, 32],
      [200, 150],
    ] as const) {
      expect(new Set(resizeL(src, 123, 77, w, h))).toEqual(new Set([37]));
    }
  });

  it('matches Pillow 9.4 byte for byte', () => {
    const { data, width, height } = img1();
    expect(Array.from(resizeL(data, width, height, 8, 8))).toEqual([
      46, 78, 96, 126, 144, 172, 199, 201, 86, 111, 133, 159, 178, 210, 194, 127, 113, 135, 158, 185, 216, 210, 145, 44, 139, 166, 194, 210,
      174, 95, 61, 55, 175, 205, 204, 150, 78, 34, 56, 91, 202, 212, 147, 71, 38, 67, 88, 114, 186, 118, 64, 51, 72, 101, 120, 148, 106, 44,
      48, 84, 104, 131, 152, 179,
    ]);
    expect(Array.from(resizeL(data, width, height, 9, 8)).slice(0, 18)).toEqual([
      44, 75, 89, 115, 136, 153, 181, 202, 200, 84, 108, 124, 152, 166, 191, 212, 185, 122,
    ]);
  });
});

describe('hashImage', () => {
  it('reproduces imagehash exactly on a small greyscale PNG', async () => {
    const { info, hashes } = await hashImage(await png(img1()));
    expect(info).toEqual({ width: 64, height: 48, format: 'png', channels: 1 });
    expect(hexes(hashes)).toEqual(['0f3e7ef8f0e08107', 'd4943f600f7a127e', 'fefcf8e0c38f1f3f', '0f3e7ef8f0e08107']);
  });

  it("reproduces imagehash on an RGB PNG (Pillow's convert('L') weights)", async () => {
    const { info, hashes } = await hashImage(await png(img2Rgb(), 3));
    expect(info.channels).toBe(3);
    expect(hexes(hashes)).toEqual(['000002070fffffff', '8239b3290356fc77', 'dbb76eeddbb66ddd', '000002071f7fffff']);
  });

  it('stays within 2 bits of imagehash on a larger image (cell-grid path)', async () => {
    const { hashes } = await hashImage(await png(img3()));
    const expected = { ahash: 'cd3332cdcc963369', phash: '83f803f8f907fc05', dhash: '99666699992466db', whash: 'cd33324dcc963369' };
    for (const [k, hex] of Object.entries(expected)) {
      expect(hamming64(hashes[k as keyof typeof expected], fromHex(hex)), k).toBeLessThanOrEqual(2);
    }
  });

  it('hashes a JPEG (libjpeg-turbo path) close to the lossless original', async () => {
    const im = img3();
    const jpeg = await raw(im, 1).jpeg({ quality: 95 }).toBuffer();
    const a = await hashImage(jpeg);
    const b = await hashImage(await png(im));
    expect(a.info).toEqual({ width: 300, height: 200, format: 'jpeg', channels: 1 });
    for (const k of ['ahash', 'phash', 'dhash', 'whash', 'blockhash'] as const) {
      expect(hamming64(a.hashes[k], b.hashes[k]), k).toBeLessThanOrEqual(4);
    }
  });

  it('hashes WebP, GIF, TIFF and AVIF', async () => {
    const im = img3();
    const ref = (await hashImage(await png(im))).hashes;
    const encoded: Array<[string, Buffer, number]> = [
      ['webp', await raw(im, 1).webp({ lossless: true }).toBuffer(), 0],
      ['tiff', await raw(im, 1).tiff({ compression: 'lzw' }).toBuffer(), 0],
      ['gif', await raw(im, 1).gif().toBuffer(), 6],
      ['heif', await raw(im, 1).avif({ quality: 90 }).toBuffer(), 8],
    ];
    for (const [format, buf, tolerance] of encoded) {
      const { info, hashes } = await hashImage(buf);
      expect(info.format).toBe(format);
      expect([info.width, info.height]).toEqual([300, 200]);
      expect(hamming64(hashes.phash, ref.phash), format).toBeLessThanOrEqual(tolerance);
      expect(hamming64(hashes.dhash, ref.dhash), format).toBeLessThanOrEqual(tolerance + 2);
    }
  });

  it('gives different images different hashes', async () => {
    const a = (await hashImage(await png(img1()))).hashes;
    const b = (await hashImage(await png(img3()))).hashes;
    expect(hamming64(a.phash, b.phash)).toBeGreaterThan(10);
  });
});

describe('blockhash', () => {
  it('equals imghash.hashRaw on luma replicated to RGBA (uneven block sizes)', () => {
    for (const im of [img1(), img3(), { ...img3(), width: 301, height: 199, data: img3().data.subarray(0, 301 * 199) }]) {
      const scan = scanGrey(im.data, im.width, im.height, 96, 96, LUT_EXACT);
      expect(toHex16(blockhashFromSums(scan.blockhashSums, im.width, im.height))).toBe(
        toHex16(blockhashViaImghash(im.data, im.width, im.height)),
      );
    }
  });
});

function withAlpha(rgb: Uint8Array, n: number, transparent: (i: number) => boolean): Uint8Array {
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = transparent(i) ? 0 : 255;
  }
  return rgba;
}

describe('mirrored pHash from the same DCT', () => {
  it('equals pHash of the flipped grid (up to floating-point ties) and leaves pHash itself unchanged', () => {
    let differingBits = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const grid = new Uint8Array(1024);
      let x = seed * 2654435761;
      for (let i = 0; i < 1024; i++) grid[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
      const [phash, mirror] = pHashAndMirrorFromGrid(grid);
      expect(phash).toBe(pHashFromGrid(grid));
      differingBits += hamming64(mirror, pHashFromGrid(flipGrid(grid, 32, 32)));
    }
    expect(differingBits).toBeLessThanOrEqual(2);
  });
});

describe('colour blockhash', () => {
  it('equals imghash.hashRaw on RGB and RGBA pixels, transparent pixels counting as white', () => {
    const { data, width, height } = img2Rgb();
    for (const [w, h] of [
      [width, height],
      [97, 61],
      [13, 9],
    ] as const) {
      const rgb = new Uint8Array(w * h * 3);
      for (let y = 0; y < h; y++) rgb.set(data.subarray(y * width * 3, y * width * 3 + w * 3), y * w * 3);
      const opaque = withAlpha(rgb, w * h, () => false);
      const holes = withAlpha(rgb, w * h, (i) => i % 7 === 0 || i < w * 5);
      expect(toHex16(blockhashFromSums(colourBlockhashSums(rgb, 3, w, h), w, h)), `${w}x${h}`).toBe(
        toHex16(blockhashRawImghash(opaque, w, h)),
      );
      expect(toHex16(blockhashFromSums(colourBlockhashSums(holes, 4, w, h), w, h)), `${w}x${h} alpha`).toBe(
        toHex16(blockhashRawImghash(holes, w, h)),
      );
    }
  });

  it('by default (colour), hashImage equals hashRaw on the decoded JPEG and PNG pixels; with blockhash: luma, on their luma', async () => {
    const { data, width, height } = img2Rgb();
    const raw = { raw: { width, height, channels: 3 as const } };
    const jpeg = await sharp(Buffer.from(data), raw).jpeg({ quality: 90 }).toBuffer();
    const decoded = jpegTurbo.decompressSync(jpeg, { format: jpegTurbo.FORMAT_RGBA });
    const colour = await hashImage(jpeg);
    expect((await hashImage(jpeg, { blockhash: 'colour' })).hashes).toEqual(colour.hashes);
    expect(toHex16(colour.hashes.blockhash)).toBe(toHex16(blockhashRawImghash(decoded.data, width, height)));
    const rgba = withAlpha(data, width * height, (i) => i % 5 === 0);
    const png = await sharp(Buffer.from(rgba), { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer();
    expect(toHex16((await hashImage(png, { blockhash: 'colour' })).hashes.blockhash)).toBe(
      toHex16(blockhashRawImghash(rgba, width, height)),
    );
    // 'luma': hashRaw on the luma the other hashes use (libjpeg-turbo's Y for a JPEG).
    const y = jpegTurbo.decompressSync(jpeg, { format: jpegTurbo.FORMAT_GRAY }).data;
    const luma = await hashImage(jpeg, { blockhash: 'luma' });
    expect(luma.hashes.blockhash).toBe(blockhashViaImghash(y, width, height));
    expect(luma.hashes.blockhash).not.toBe(colour.hashes.blockhash);
    // Only blockhash depends on the mode.
    expect({ ...luma.hashes, blockhash: 0n }).toEqual({ ...colour.hashes, blockhash: 0n });
  });
});

describe('media safety', () => {
  function jpegHeader(width: number, height: number): Buffer {
    const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, ...sof, 0xff, 0xd9]);
  }

  function pngHeader(width: number, height: number): Buffer {
    const ihdr = Buffer.alloc(17);
    ihdr.write('IHDR', 0, 'latin1');
    ihdr.writeUInt32BE(width, 4);
    ihdr.writeUInt32BE(height, 8);
    ihdr.set([8, 0, 0, 0, 0], 12);
    const chunk = Buffer.alloc(25);
    chunk.writeUInt32BE(13, 0);
    ihdr.copy(chunk, 4);
    chunk.writeUInt32BE(crc32(ihdr), 21);
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
  }

  it('reads JPEG dimensions from the SOF header', () => {
    expect(jpegFrameInfo(jpegHeader(40000, 30000))).toEqual({ width: 40000, height: 30000, channels: 3 });
  });

  it('refuses decompression bombs before decoding', async () => {
    await expect(hashImage(jpegHeader(40000, 30000))).rejects.toThrow(/1200\.0 megapixels, over the 100\.0 MP limit/);
    await expect(hashImage(pngHeader(20000, 20000))).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const small = await png(img3());
    await expect(hashImage(small, { maxPixels: 50_000 })).rejects.toThrow(/decompression bomb/);
    const before = getPixelLimit();
    try {
      setPixelLimit(10_000);
      await expect(decodeGrey(small)).rejects.toBeInstanceOf(MediaError);
    } finally {
      setPixelLimit(before);
    }
  });

  it('rejects truncated JPEGs instead of hashing grey', async () => {
    const jpeg = await raw(img3(), 1).jpeg({ quality: 90 }).toBuffer();
    for (const cut of [0.5, 0.9, 0.99]) {
      await expect(hashImage(jpeg.subarray(0, Math.floor(jpeg.length * cut)))).rejects.toMatchObject({ code: 'CORRUPT' });
    }
    await expect(hashImage(jpeg.subarray(0, 600))).rejects.toThrow(/corrupt or truncated/);
  });

  it('rejects text and unknown formats clearly', async () => {
    await expect(hashImage(Buffer.from('hello, this is not an image\n'))).rejects.toThrow(/unsupported image format/);
    await expect(hashImage(Buffer.alloc(0))).rejects.toBeInstanceOf(MediaError);
  });
});
