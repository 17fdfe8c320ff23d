// The decode ceiling: the least work any indexer must do per file — read it and decode it once, as
// cheaply as this machine allows (libjpeg-turbo greyscale for JPEG, sharp's shrink-on-load otherwise).
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import jpegTurbo from '@julusian/jpeg-turbo';
// sharp as the indexer loads it (through require(), on first use), so the ceiling does not pay a
// slower start than the code it is compared with.
import { sharp } from '../../src/main/core/media.ts';

// A worker answers each message once; a failure ends the worker loudly (the bench is for people).
parentPort!.on('message', (files: string[]) => void measure(files));

async function measure(files: string[]): Promise<void> {
  let pixels = 0;
  for (const file of files) {
    const buf = await readFile(file);
    if (buf[0] === 0xff && buf[1] === 0xd8) {
      pixels += jpegTurbo.decompressSync(buf, { format: jpegTurbo.FORMAT_GRAY }).data.length;
    } else {
      const { info } = await sharp()(buf).resize(64, 64, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
      pixels += info.width * info.height;
    }
  }
  parentPort!.postMessage(pixels);
}
