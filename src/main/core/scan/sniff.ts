// Recognises an image by its first bytes, not its name: a PNG called .jpg is a PNG, and a text file
// called .jpg is reported as what it is.

export const READABLE_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'gif', 'avif'] as const;
export type ReadableFormat = (typeof READABLE_FORMATS)[number];

/** Extensions that make a file worth a clear error when its content is not a readable image. */
const IMAGE_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'png',
  'webp',
  'tif',
  'tiff',
  'gif',
  'avif',
  'bmp',
  'heic',
  'heif',
  'jxl',
  'jp2',
  'j2k',
  'ico',
  'psd',
  'dng',
  'cr2',
  'nef',
  'arw',
  'ppm',
  'pgm',
  'tga',
]);

export const SNIFF_BYTES = 32;

export function hasImageExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && IMAGE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/** The format named by the magic bytes, or null. Formats sharp cannot read are named so errors can say so. */
export function sniffFormat(head: Uint8Array): string | null {
  const ascii = (from: number, to: number): string => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heif';
  }
  if (ascii(0, 2) === 'BM') return 'bmp';
  if ((head[0] === 0xff && head[1] === 0x0a) || ascii(4, 8) === 'JXL ') return 'jxl';
  if (ascii(4, 8) === 'jP  ') return 'jpeg2000';
  if (ascii(0, 4) === '8BPS') return 'psd';
  if (ascii(0, 4) === '\0\0\x01\0') return 'ico';
  return null;
}

export function isReadableFormat(format: string | null): format is ReadableFormat {
  return format !== null && (READABLE_FORMATS as readonly string[]).includes(format);
}

/** A short description of what a non-image file looks like, for error messages. */
export function describeContent(head: Uint8Array): string {
  if (head.length === 0) return 'empty';
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2) printable++;
  return printable === head.length ? 'text' : 'unknown binary data';
}
