// Image headers read without decoding (no native code here): JPEG SOF frames and PNG IHDR, used to
// refuse decompression bombs before any decoder sees the pixels and to pick a decode path.

export function isJpeg(buf: Uint8Array): boolean {
  return buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
}

/** Frame size from the JPEG SOFn header, without decoding; null if none before the scan. */
export function jpegFrameInfo(buf: Uint8Array): { width: number; height: number; channels: number } | null {
  const f = jpegFrame(buf);
  return f && { width: f.width, height: f.height, channels: f.channels };
}

export interface JpegFrame {
  width: number;
  height: number;
  channels: number;
  precision: number;
  /** SOF marker (0xc0 baseline, 0xc1 extended, 0xc2 progressive, ...). */
  marker: number;
}

/** Like jpegFrameInfo, plus what decides whether the bytes can be shipped as they are. */
export function jpegFrame(buf: Uint8Array): JpegFrame | null {
  if (!isJpeg(buf)) return null;
  let p = 2;
  while (p + 3 < buf.length) {
    if (buf[p] !== 0xff) return null;
    const m = buf[p + 1]!;
    if (m === 0xff) {
      p++;
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      p += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) return null;
    const len = (buf[p + 2]! << 8) | buf[p + 3]!;
    if (len < 2) return null;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      if (p + 9 >= buf.length) return null;
      return {
        precision: buf[p + 4]!,
        height: (buf[p + 5]! << 8) | buf[p + 6]!,
        width: (buf[p + 7]! << 8) | buf[p + 8]!,
        channels: buf[p + 9]!,
        marker: m,
      };
    }
    p += 2 + len;
  }
  return null;
}

// PNG colour type → channels (palette images count as RGB; a tRNS chunk would make them RGBA).
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

export function pngHeaderSize(buf: Uint8Array): { width: number; height: number; channels: number | undefined } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 26 || sig.some((b, i) => buf[i] !== b)) return null;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20), channels: PNG_CHANNELS[buf[25]!] };
}
