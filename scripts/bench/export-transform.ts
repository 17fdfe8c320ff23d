// Export transform figures (issue 4, section 5), all in 2 worker threads over the same files:
//  - export_reencode_ips: read + transformImage at 256x256 fill-crop q90 4:2:0, passthrough off;
//  - export_passthrough_ips: read + sha256 (what the passthrough path does per image), vs
//  - copy_ips: a plain file copy of the same files into a temp dir (the ceiling of passthrough);
//  - export_notebook_cv2_ips: the reference notebook's loop (cv2.imread + cv2.resize +
//    cv2.imencode q90) in 2 processes, only when some python3 has cv2;
//  - export_psnr_db: our fast path (decoded) against sharp's lanczos3 resize of the same geometry,
//    unencoded, over a 200-image sample; the per-kernel table and bytes/image are logged.
// Run alone: node scripts/bench/export-transform.ts [CORPUS_DIR]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { transformImage, type TransformSettings } from '../../src/main/core/export/transform.ts';
import { decodeJpegRgb, decodeRgbSharp } from '../../src/main/core/media.ts';
import { generatedCorpus, listFiles } from './corpus.ts';
import type { Figure } from './report.ts';

type Job = 'reencode' | 'passthrough' | 'copy';
interface Task {
  job: Job;
  files: string[];
  out: string;
  kernel?: TransformSettings['kernel'];
}

const WORKERS = 2;
const RUNS = 5;
const SAMPLE = 200;
const settings = (kernel?: TransformSettings['kernel']): TransformSettings => ({
  size: { width: 256, height: 256 },
  mode: 'fill-crop',
  quality: 90,
  chroma: '420',
  kernel,
  passthrough: false,
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

async function work(t: Task): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < t.files.length; i++) {
    const f = t.files[i]!;
    if (t.job === 'copy') {
      await copyFile(f, join(t.out, `${i}`));
      continue;
    }
    const buf = readFileSync(f); // as the export worker reads (synchronously, on its own thread)
    if (t.job === 'passthrough') bytes += createHash('sha256').update(buf).digest().length;
    else bytes += (await transformImage(buf, settings(t.kernel))).data.length;
  }
  return bytes;
}

if (!isMainThread && workerData === 'export-transform') {
  parentPort!.on('message', (t: Task) => void work(t).then((bytes) => parentPort!.postMessage(bytes)));
}

/** Wall-clock images/s of one job split over the pool; also the total output bytes. */
async function timeJob(
  pool: Worker[],
  job: Job,
  files: string[],
  out: string,
  kernel?: TransformSettings['kernel'],
): Promise<{ ips: number; bytes: number }> {
  const started = performance.now();
  const parts = await Promise.all(
    pool.map(
      (w, i) =>
        new Promise<number>((done, fail) => {
          const onError = (err: Error): void => fail(err);
          w.once('error', onError);
          w.once('message', (n: number) => {
            w.off('error', onError);
            done(n);
          });
          w.postMessage({ job, files: files.filter((_, j) => j % pool.length === i), out: join(out, `w${i}`), kernel } satisfies Task);
        }),
    ),
  );
  return { ips: files.length / ((performance.now() - started) / 1000), bytes: parts.reduce((a, b) => a + b, 0) };
}

function findCv2Python(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import cv2'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

const NOTEBOOK_LOOP = `
import sys, time, cv2
from multiprocessing import Pool
def work(paths):
    n = 0
    for p in paths:
        img = cv2.imread(p)
        img = cv2.resize(img, (256, 256))
        n += len(cv2.imencode('.jpg', img, (cv2.IMWRITE_JPEG_QUALITY, 90))[1].tobytes())
    return n
if __name__ == '__main__':
    cv2.setNumThreads(1)
    paths = open(sys.argv[1]).read().split('\\n')
    with Pool(2) as pool:
        pool.map(work, [paths[:20]] * 2)
        t = time.perf_counter()
        n = sum(pool.map(work, [paths[0::2], paths[1::2]]))
        print(len(paths) / (time.perf_counter() - t), n / len(paths))
`;

async function psnr(files: string[], kernel: TransformSettings['kernel']): Promise<{ db: number; bytes: number }> {
  let se = 0;
  let n = 0;
  let bytes = 0;
  for (const f of files) {
    const src = await readFile(f);
    const r = await transformImage(src, settings(kernel));
    bytes += r.data.length;
    const ours = decodeJpegRgb(r.data)!;
    const ref = await decodeRgbSharp(src, { background: 'black', resize: { width: 256, height: 256, fit: 'cover', kernel: 'lanczos3' } });
    for (let i = 0; i < ours.data.length; i++) {
      const d = ours.data[i]! - ref.data[i]!;
      se += d * d;
    }
    n += ours.data.length;
  }
  return { db: 10 * Math.log10((255 * 255) / (se / n)), bytes: bytes / files.length };
}

export async function benchExportTransform(opts: { corpusDir: string | null; log: (s: string) => void }): Promise<Figure[]> {
  const { log } = opts;
  const files = listFiles(opts.corpusDir !== null ? join(opts.corpusDir, 'corpus') : await generatedCorpus());
  const scratch = await mkdtemp(join(tmpdir(), 'winnow-export-bench-'));
  const pool = Array.from({ length: WORKERS }, () => new Worker(new URL(import.meta.url), { workerData: 'export-transform' }));
  try {
    for (let i = 0; i < WORKERS; i++) await mkdir(join(scratch, `w${i}`));
    await timeJob(pool, 'reencode', files.slice(0, 100), scratch); // warm-up: JIT, page cache
    const py = findCv2Python();
    const list = join(scratch, 'files.txt');
    await writeFile(list, files.join('\n'));
    await writeFile(join(scratch, 'loop.py'), NOTEBOOK_LOOP);
    const rates: Record<string, number[]> = { reencode: [], passthrough: [], copy: [], cv2: [] };
    let bytes = 0;
    for (let r = 0; r < RUNS; r++) {
      const re = await timeJob(pool, 'reencode', files, scratch);
      rates.reencode!.push(re.ips);
      bytes = re.bytes / files.length;
      rates.passthrough!.push((await timeJob(pool, 'passthrough', files, scratch)).ips);
      rates.copy!.push((await timeJob(pool, 'copy', files, scratch)).ips);
      if (py !== null) {
        const p = spawnSync(py, [join(scratch, 'loop.py'), list], { encoding: 'utf8' });
        const ips = Number(p.stdout.trim().split(/\s+/)[0]);
        if (p.status === 0 && ips > 0) rates.cv2!.push(ips);
      }
      log(
        `  run ${r + 1}: re-encode ${rates.reencode!.at(-1)!.toFixed(0)} img/s, passthrough ${rates.passthrough!.at(-1)!.toFixed(0)}, ` +
          `copy ${rates.copy!.at(-1)!.toFixed(0)}${rates.cv2!.length > r ? `, notebook cv2 ${rates.cv2!.at(-1)!.toFixed(0)}` : ''}`,
      );
    }
    for (const kernel of ['area', 'cubic', 'lanczos3'] as const) {
      log(`  kernel ${kernel}: ${(await timeJob(pool, 'reencode', files, scratch, kernel)).ips.toFixed(0)} img/s (one run)`);
    }
    const step = Math.max(1, Math.floor(files.length / SAMPLE));
    const sample = files.filter((_, i) => i % step === 0).slice(0, SAMPLE);
    let q = { db: 0, bytes: 0 };
    for (const kernel of ['area', 'linear', 'cubic', 'lanczos3'] as const) {
      const k = await psnr(sample, kernel);
      if (kernel === 'linear') q = k;
      log(`  PSNR vs sharp lanczos3, ${kernel}: ${k.db.toFixed(2)} dB, ${k.bytes.toFixed(0)} bytes/image (${sample.length} images)`);
    }
    const reencode = median(rates.reencode!);
    const copy = median(rates.copy!);
    const passthrough = median(rates.passthrough!);
    const figures: Figure[] = [
      { name: 'export_reencode_ips', value: round(reencode), unit: 'images/s' },
      {
        name: 'export_passthrough_ips',
        value: round(passthrough),
        unit: 'images/s',
        ceiling: round(copy),
        ratio: round(passthrough / copy, 3),
      },
      { name: 'copy_ips', value: round(copy), unit: 'images/s' },
    ];
    if (rates.cv2!.length > 0) {
      const cv2 = median(rates.cv2!);
      figures.push({ name: 'export_notebook_cv2_ips', value: round(cv2), unit: 'images/s' });
      figures[0]!.ratio = round(reencode / cv2, 3);
    }
    figures.push({ name: 'export_psnr_db', value: round(q.db, 2), unit: 'dB vs sharp lanczos3 (256x256 fill-crop q90)' });
    figures.push({ name: 'export_bytes_per_image', value: round(bytes), unit: 'bytes (256x256 q90 4:2:0)' });
    return figures;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
    await rm(scratch, { recursive: true, force: true });
  }
}

if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : null;
  for (const f of await benchExportTransform({ corpusDir: dir, log: (s) => process.stderr.write(`${s}\n`) })) {
    process.stdout.write(`${JSON.stringify(f)}\n`);
  }
}
