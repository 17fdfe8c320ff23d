// The export's per-image transform: source bytes -> the JPEG bytes stored in a tf.Example.
//
// Routes (chosen from the source alone, so the same input and settings always give the same bytes):
//  - passthrough: a JPEG that already has the target size is shipped byte for byte;
//  - fast path: JPEGs up to FAST_MAX_PIXELS decode with libjpeg-turbo, resize in JS
//    (resize-rgb.ts), encode with libjpeg-turbo. This is what makes the export as fast as the
//    notebook's cv2 loop: sharp's per-call pipeline cost alone is ~1.5-2 ms;
//  - sharp: every other format, CMYK and damaged JPEGs (libjpeg-turbo refuses them), and big
//    photos, where shrink-on-load beats a full decode. Small non-JPEGs are decoded by sharp but
//    resized by the same JS resampler, so the kernel setting means the same thing everywhere.
// Every re-encoded image goes through the same libjpeg-turbo encoder: baseline, 3-channel YCbCr.
//
// EXIF orientation is ignored on every route: stored pixels are used as they are, which is what
// TensorFlow's decode_jpeg does with the passthrough bytes, so passthrough and re-encoded records
// agree (cv2.imread would rotate). Re-encoded images carry no EXIF at all.
// Alpha is flattened onto black, the colour fit-pad pads with.
import { decodeJpegRgb, decodeRgbSharp, encodeJpegRgb, getPixelLimit, jpegFrame, readInfo } from '../media.ts';
import type { RgbImage } from '../media.ts';
import { resizeRgb } from './resize-rgb.ts';
import type { ResizeKernel } from './resize-rgb.ts';
import type { ResizeMode } from '../../../shared/contract-types.ts';

export type { ResizeMode };
export type { ResizeKernel };

export interface TransformSettings {
  /** null = keep the source size (mode 'none'). */
  size: { width: number; height: number } | null;
  mode: ResizeMode;
  /** JPEG quality 1..100. */
  quality: number;
  chroma: '444' | '420';
  /** Default 'linear' (DEFAULT_KERNEL). */
  kernel?: ResizeKernel | undefined;
  /** A JPEG source of the target size (or any JPEG when size is null) is written unchanged. */
  passthrough: boolean;
}

export interface TransformResult {
  data: Buffer;
  width: number;
  height: number;
  passthrough: boolean;
}

// Linear, with the support widened by the scale factor (so it averages like 'area' when
// shrinking, unlike cv2.INTER_LINEAR, which aliases). Measured on the shared corpus at 256x256
// fill-crop q90 4:2:0 against sharp's unencoded lanczos3 (200 images): linear 34.2 dB, cubic
// 34.1, lanczos3 33.9, area 32.4 -- JPEG loss dominates, and linear needs the fewest taps (resize
// ~0.2 ms vs ~0.4 ms for lanczos3 on a 250x250 source) and gives the smallest files.
export const DEFAULT_KERNEL: ResizeKernel = 'linear';

/** Above this a JPEG goes to sharp: DCT shrink-on-load beats decoding every pixel. */
export const FAST_MAX_PIXELS = 2_000_000;

export interface Placement {
  /** Size the whole source is scaled to. */
  scaledWidth: number;
  scaledHeight: number;
  /** fill-crop: window of the scaled image that is kept; fit-pad: where it sits on the canvas. */
  x: number;
  y: number;
  /** Final image size. */
  width: number;
  height: number;
}

/**
 * Geometry of every mode, with sharp's rounding (resize to cover/contain, then centre crop or
 * embed with the odd pixel on the right/bottom), so the fast and sharp routes agree.
 */
export function placement(srcW: number, srcH: number, size: { width: number; height: number } | null, mode: ResizeMode): Placement {
  if (size === null || mode === 'none') return { scaledWidth: srcW, scaledHeight: srcH, x: 0, y: 0, width: srcW, height: srcH };
  const { width: W, height: H } = size;
  if (mode === 'stretch') return { scaledWidth: W, scaledHeight: H, x: 0, y: 0, width: W, height: H };
  const xf = srcW / W;
  const yf = srcH / H;
  const byWidth = mode === 'fill-crop' ? xf < yf : xf > yf;
  const sw = byWidth ? W : Math.max(1, Math.round(srcW / yf));
  const sh = byWidth ? Math.max(1, Math.round(srcH / xf)) : H;
  if (mode === 'fill-crop') {
    return { scaledWidth: sw, scaledHeight: sh, x: Math.floor((sw - W + 1) / 2), y: Math.floor((sh - H + 1) / 2), width: W, height: H };
  }
  return { scaledWidth: sw, scaledHeight: sh, x: Math.floor((W - sw) / 2), y: Math.floor((H - sh) / 2), width: W, height: H };
}

function validate(s: TransformSettings): void {
  if (!Number.isInteger(s.quality) || s.quality < 1 || s.quality > 100)
    throw new RangeError(`quality must be an integer 1..100, got ${s.quality}`);
  if (s.size !== null) {
    const { width, height } = s.size;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65_500 || height > 65_500) {
      throw new RangeError(`size must be positive integers up to 65500, got ${width}x${height}`);
    }
  }
}

function resample(img: RgbImage, p: Placement, mode: ResizeMode, kernel: ResizeKernel): RgbImage {
  if (mode !== 'fit-pad') {
    return resizeRgb(img, { width: p.scaledWidth, height: p.scaledHeight }, { x: p.x, y: p.y, width: p.width, height: p.height }, kernel);
  }
  const inner = resizeRgb(
    img,
    { width: p.scaledWidth, height: p.scaledHeight },
    { x: 0, y: 0, width: p.scaledWidth, height: p.scaledHeight },
    kernel,
  );
  if (inner.width === p.width && inner.height === p.height) return inner;
  const canvas = new Uint8Array(p.width * p.height * 3);
  const rowLen = inner.width * 3;
  for (let y = 0; y < inner.height; y++) {
    canvas.set(inner.data.subarray(y * rowLen, (y + 1) * rowLen), ((p.y + y) * p.width + p.x) * 3);
  }
  return { data: canvas, width: p.width, height: p.height };
}

const SHARP_KERNEL = { linear: 'linear', cubic: 'cubic', lanczos3: 'lanczos3', area: 'linear' } as const;
const SHARP_FIT = { stretch: 'fill', 'fill-crop': 'cover', 'fit-pad': 'contain', none: 'fill' } as const;

let decodeScratch = Buffer.alloc(0);

async function pixelsOf(src: Buffer): Promise<number> {
  const info = await readInfo(src);
  return info.width * info.height;
}

/** Transforms one image; throws MediaError for unreadable sources. */
export async function transformImage(src: Buffer, settings: TransformSettings): Promise<TransformResult> {
  validate(settings);
  const kernel = settings.kernel ?? DEFAULT_KERNEL;
  const frame = jpegFrame(src);
  // Only 8-bit Huffman-coded YCbCr or greyscale JPEGs ship as they are: every JPEG decoder reads them,
  // and TensorFlow's decode_jpeg(channels=3) turns grey into R = G = B, the pixels a re-encode would
  // store. CMYK, 12-bit, arithmetic or lossless JPEGs are re-encoded.
  const shippable = frame !== null && (frame.channels === 3 || frame.channels === 1) && frame.precision === 8 && frame.marker <= 0xc2;
  if (settings.passthrough && shippable) {
    const keep =
      settings.size === null || settings.mode === 'none' || (frame.width === settings.size.width && frame.height === settings.size.height);
    if (keep) return { data: src, width: frame.width, height: frame.height, passthrough: true };
  }
  const srcPixels = frame !== null ? frame.width * frame.height : await pixelsOf(src);
  let img: RgbImage | null = null;
  if (frame !== null && srcPixels <= Math.min(FAST_MAX_PIXELS, getPixelLimit())) {
    // Decode, resize and encode run without an await in between, so one scratch buffer is safe.
    if (decodeScratch.length < srcPixels * 3) decodeScratch = Buffer.allocUnsafe(Math.max(srcPixels * 3, 256 * 1024));
    img = decodeJpegRgb(src, decodeScratch);
  }
  if (img === null) {
    if (srcPixels > FAST_MAX_PIXELS && settings.size !== null && settings.mode !== 'none') {
      const { width, height } = settings.size;
      img = await decodeRgbSharp(src, {
        background: 'black',
        resize: { width, height, fit: SHARP_FIT[settings.mode], kernel: SHARP_KERNEL[kernel] },
      });
    } else {
      img = await decodeRgbSharp(src, { background: 'black' });
    }
  }
  const p = placement(img.width, img.height, settings.size, settings.mode);
  const out =
    img.width === p.width && img.height === p.height && p.scaledWidth === p.width && p.scaledHeight === p.height
      ? img
      : resample(img, p, settings.mode, kernel);
  const data = encodeJpegRgb(out, { quality: settings.quality, chroma: settings.chroma });
  return { data, width: out.width, height: out.height, passthrough: false };
}
