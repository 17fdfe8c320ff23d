// `npm run bench [-- --json] [-- --corpus DIR] [-- --runs N] [-- --skip-clustering] [-- --skip-export]`:
// indexing throughput against a decode ceiling measured in the same run, agreement of our hashes with
// Python imagehash 4.3.2 and near-duplicate recall (shared corpus only), clustering at 100k and 1M
// hashes, export re-encode/passthrough against the notebook's cv2 loop and a file copy, and the reader.
// DIR is the output folder of ../shared/corpus/make_corpus.sh (images in DIR/corpus/<label>/...).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { openCatalog } from '../src/main/core/catalog/catalog.ts';
import { listImages } from '../src/main/core/catalog/images.ts';
import type { BlockhashMode } from '../src/main/core/hashing/hash-image.ts';
import { runImport } from '../src/main/core/scan/import.ts';
import { benchClustering } from './bench/cluster.ts';
import { generatedCorpus, listFiles } from './bench/corpus.ts';
import { benchDupsQuality } from './bench/dups-quality.ts';
import { benchExportTransform } from './bench/export-transform.ts';
import { benchTfrecord } from './bench/tfrecord.ts';
import { writeBenchmarkDoc, type Figure } from './bench/report.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    corpus: { type: 'string' },
    runs: { type: 'string' },
    'no-write': { type: 'boolean' },
    'skip-clustering': { type: 'boolean' },
    'skip-export': { type: 'boolean' },
  },
});
const runs = Number(values.runs ?? 3);
const corpusArg = values.corpus ? resolve(values.corpus) : null;
const imagesDir = corpusArg ? join(corpusArg, 'corpus') : await generatedCorpus();
const files = listFiles(imagesDir);
const workers = availableParallelism();
const log = (s: string): void => {
  if (!values.json) process.stderr.write(`${s}\n`);
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

log(`corpus: ${imagesDir} (${files.length} images), ${workers} workers, ${runs} runs each`);

async function decodeCeiling(): Promise<number> {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./bench/decode-worker.ts', import.meta.url)));
  const started = performance.now();
  await Promise.all(
    pool.map(
      (w, i) =>
        new Promise((done) => {
          w.once('message', done);
          w.postMessage(files.filter((_, j) => j % workers === i));
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(pool.map((w) => w.terminate()));
  return files.length / seconds;
}

// The hashing workers run the bundle `winnow index` runs (npm run bench builds it first), not the
// TypeScript sources, whose type stripping adds ~40 ms of CPU to each worker's start.
const builtWorker = new URL('../out/main/import-worker.js', import.meta.url);
if (!existsSync(builtWorker))
  throw new Error('out/main/import-worker.js is missing: run `npm run bench` (it builds first) or `npm run build`.');

async function indexOnce(blockhash?: BlockhashMode): Promise<{ ips: number; rows: ReturnType<typeof listImages> }> {
  const scratch = mkdtempSync(join(tmpdir(), 'winnow-bench-'));
  try {
    const db = openCatalog(join(scratch, 'bench.winnow'));
    const started = performance.now();
    const report = await runImport({
      db,
      root: imagesDir,
      labels: { mode: 'folders' },
      workerScript: builtWorker,
      ...(blockhash ? { blockhash } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    const rows = listImages(db);
    db.close();
    if (report.failed)
      log(
        `  (${report.failed} files failed: ${report.failures
          .slice(0, 3)
          .map((f) => `${f.path}: ${f.error}`)
          .join('; ')})`,
      );
    return { ips: report.added / seconds, rows };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const ceilings: number[] = [];
const rates: number[] = [];
const lumaRates: number[] = [];
let rows: ReturnType<typeof listImages> = [];
for (let r = 0; r < runs; r++) {
  ceilings.push(await decodeCeiling());
  const once = await indexOnce();
  rates.push(once.ips);
  rows = once.rows;
  // The opt-in luma blockhash (no colour decode), in the same conditions.
  lumaRates.push((await indexOnce('luma')).ips);
  log(
    `  run ${r + 1}: index ${once.ips.toFixed(0)} img/s (luma blockhash ${lumaRates.at(-1)!.toFixed(0)}), ` +
      `decode ceiling ${ceilings.at(-1)!.toFixed(0)} img/s`,
  );
}
const ceiling = median(ceilings);
const ips = median(rates);
const lumaIps = median(lumaRates);
const figures: Figure[] = [
  { name: 'index_ips', value: round(ips), unit: 'images/s', ceiling: round(ceiling), ratio: round(ips / ceiling, 3) },
  { name: 'index_ceiling_ips', value: round(ceiling), unit: 'images/s' },
  {
    name: 'index_luma_blockhash_ips',
    value: round(lumaIps),
    unit: 'images/s (--blockhash luma)',
    ceiling: round(ceiling),
    ratio: round(lumaIps / ceiling, 3),
  },
];

if (corpusArg) {
  const refFile = resolve(import.meta.dirname, '../../shared/corpus/imagehash-reference.csv');
  const ref = new Map(
    readFileSync(refFile, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [path, ahash, phash, dhash, whash] = line.split(',');
        return [path!, { ahash, phash, dhash, whash }] as const;
      }),
  );
  for (const hash of ['ahash', 'phash', 'dhash', 'whash'] as const) {
    let within2 = 0;
    let exact = 0;
    let compared = 0;
    for (const row of rows) {
      const expected = ref.get(row.path)?.[hash];
      if (!expected || !row[hash]) continue;
      compared++;
      const d = popcount(BigInt(`0x${expected}`) ^ BigInt(`0x${row[hash]}`));
      if (d === 0) exact++;
      if (d <= 2) within2++;
    }
    figures.push({ name: `imagehash_agree_${hash}`, value: round((100 * within2) / compared, 2), unit: '% of images within Hamming 2' });
    figures.push({ name: `imagehash_exact_${hash}`, value: round((100 * exact) / compared, 2), unit: '% of images identical' });
  }
}

if (corpusArg) figures.push(...(await benchDupsQuality({ corpusDir: corpusArg, log })));
if (!values['skip-export']) {
  figures.push(...(await benchExportTransform({ corpusDir: corpusArg, log })));
  figures.push(...(await benchTfrecord({ log })));
}
if (!values['skip-clustering']) figures.push(...(await benchClustering({ log })));

if (values.json) for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
else
  for (const f of figures)
    log(`${f.name.padEnd(24)} ${String(f.value).padStart(9)} ${f.unit}${f.ratio !== undefined ? `  (${f.ratio} of ceiling)` : ''}`);
if (!values['no-write'])
  writeBenchmarkDoc(figures, {
    corpus: corpusArg ? 'shared corpus (make_corpus.sh)' : 'generated corpus',
    images: files.length,
    runs,
    workers,
  });

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function popcount(x: bigint): number {
  let n = 0;
  for (; x; x &= x - 1n) n++;
  return n;
}
