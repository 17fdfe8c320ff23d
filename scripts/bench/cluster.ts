// Near-duplicate search figures: pairs + clusters at 100k and 1M hashes (the 1M run in a child
// process so its peak RSS is its own), the threshold sweep behind the UI slider, and brute force
// for comparison. Data: uniformly random 64-bit hashes with 5% planted near-copies (0–8 flipped
// bits, copies of copies included). Real pHashes are not uniform (bits are correlated), so real
// catalogs put more items in some buckets and see more candidate pairs than this.
import { spawn } from 'node:child_process';
import {
  bruteForcePairs,
  clustersFromPairs,
  PairBuilder,
  SearchPool,
  findPairs,
  findPairsFor,
  planSearch,
  syntheticHashes,
  thresholdSweep,
} from '../../src/main/core/dups/index.ts';
import type { Figure } from './report.ts';

const THRESHOLD = 10;
const SWEEP_MAX = 12;
/** The Duplicates screen's slider range (state/dups.svelte.ts). */
const UI_SWEEP_MAX = 16;
const BRUTE_N = 30_000;
const RUNS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const blocksOf = (n: number, t: number): string =>
  planSearch(n, t)
    .blocks.map((b) => `${b.width}b/r${b.radius}`)
    .join(' ');

interface ClusterRun {
  seconds: number;
  pairs: number;
  clusters: number;
  maxRssMb: number;
}

function clusterOnce(n: number, seed: number): ClusterRun {
  const hashes = syntheticHashes(n, { seed });
  const started = performance.now();
  const pairs = findPairs(hashes, THRESHOLD);
  const { clusters } = clustersFromPairs(n, pairs);
  const seconds = (performance.now() - started) / 1000;
  // resourceUsage().maxRSS is the peak resident set of this whole process, in KiB.
  return { seconds, pairs: pairs.length, clusters: clusters.length, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** One 1M run in a fresh Node process: cold JIT and wasm, and a peak RSS no other run shares. */
function clusterInChild(n: number, seed: number): Promise<ClusterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--child', String(n), String(seed)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as ClusterRun);
      else reject(new Error(`cluster child exited with ${code}`));
    });
  });
}

export async function benchClustering(opts: { log: (s: string) => void }): Promise<Figure[]> {
  const { log } = opts;
  log(`clustering: uniform random hashes + 5% near-copies, threshold ${THRESHOLD}, ${RUNS} runs each`);

  const runs100k: ClusterRun[] = [];
  for (let r = 0; r < RUNS; r++) runs100k.push(clusterOnce(100_000, 100 + r));
  const c100k = median(runs100k.map((r) => r.seconds));
  log(
    `  100k: ${runs100k.map((r) => r.seconds.toFixed(3)).join(' / ')} s (${runs100k[0]!.pairs} pairs, ` +
      `${runs100k[0]!.clusters} clusters; blocks ${blocksOf(100_000, THRESHOLD)})`,
  );

  const runs1m: ClusterRun[] = [];
  for (let r = 0; r < RUNS; r++) runs1m.push(await clusterInChild(1_000_000, 200 + r));
  const c1m = median(runs1m.map((r) => r.seconds));
  const rss1m = median(runs1m.map((r) => r.maxRssMb));
  log(
    `  1M (child process, cold): ${runs1m.map((r) => r.seconds.toFixed(2)).join(' / ')} s, peak RSS ` +
      `${runs1m.map((r) => r.maxRssMb.toFixed(0)).join(' / ')} MB (${runs1m[0]!.pairs} pairs, ` +
      `${runs1m[0]!.clusters} clusters; blocks ${blocksOf(1_000_000, THRESHOLD)})`,
  );

  // After an import adds 1% to a 1M catalog: pairs among the old items are remembered, only the
  // new items are searched (against all), then union-find over old + new pairs.
  const incN = 1_000_000;
  const added = 10_000;
  const incData = syntheticHashes(incN, { seed: 250 });
  const allPairs = findPairs(incData, THRESHOLD);
  const old = { a: [] as number[], b: [] as number[] };
  for (let k = 0; k < allPairs.length; k++) {
    if (allPairs.b[k]! < incN - added) {
      old.a.push(allPairs.a[k]!);
      old.b.push(allPairs.b[k]!);
    }
  }
  const isQuery = new Uint8Array(incN).fill(1, incN - added);
  const incS: number[] = [];
  let incPairs = 0;
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    const fresh = findPairsFor(incData, isQuery, THRESHOLD);
    const merged = new PairBuilder(old.a.length + fresh.length);
    for (let k = 0; k < old.a.length; k++) merged.push(old.a[k]!, old.b[k]!, 0);
    for (let k = 0; k < fresh.length; k++) merged.push(fresh.a[k]!, fresh.b[k]!, fresh.d[k]!);
    clustersFromPairs(incN, merged.finish());
    incS.push((performance.now() - started) / 1000);
    incPairs = fresh.length;
    if (old.a.length + fresh.length !== allPairs.length) throw new Error('incremental search missed or repeated pairs');
  }
  log(
    `  1M + 1% new, incremental: ${incS.map((x) => x.toFixed(2)).join(' / ')} s (${incPairs} new pairs; ` +
      `${old.a.length} remembered; same pairs as the full search)`,
  );

  // The slider: one search at SWEEP_MAX yields the histogram and cluster counts for every threshold.
  // The app runs it in a SearchPool (the plan's blocks shared by 2 threads, kept warm); the
  // single-thread figure is logged for comparison.
  const sweepData = syntheticHashes(100_000, { seed: 300 });
  const pool = new SearchPool(2);
  const cold = performance.now();
  await pool.sweep(sweepData, SWEEP_MAX);
  const coldMs = performance.now() - cold;
  const sweepMs: number[] = [];
  const singleMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let started = performance.now();
    await pool.sweep(sweepData, SWEEP_MAX);
    sweepMs.push(performance.now() - started);
    started = performance.now();
    thresholdSweep(sweepData, SWEEP_MAX);
    singleMs.push(performance.now() - started);
  }
  const sweep = await pool.sweep(sweepData, SWEEP_MAX);
  const wideMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    await pool.sweep(sweepData, UI_SWEEP_MAX);
    wideMs.push(performance.now() - started);
  }
  await pool.close();
  log(
    `  histogram+clusters 0..${SWEEP_MAX} at 100k, 2 threads: ${sweepMs.map((x) => x.toFixed(0)).join(' / ')} ms ` +
      `(first call with thread start ${coldMs.toFixed(0)} ms; one thread ${singleMs.map((x) => x.toFixed(0)).join(' / ')} ms; ` +
      `blocks ${blocksOf(100_000, SWEEP_MAX)}); 0..${UI_SWEEP_MAX} (the screen's range): ${wideMs.map((x) => x.toFixed(0)).join(' / ')} ms`,
  );
  log(`    pairs by distance: ${sweep.histogram.join(' ')}; clusters by threshold: ${sweep.clusters.join(' ')}`);

  const bruteData = syntheticHashes(BRUTE_N, { seed: 400 });
  const bruteS: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    bruteForcePairs(bruteData, THRESHOLD);
    bruteS.push((performance.now() - started) / 1000);
  }
  const brute = median(bruteS);
  const perPair = brute / ((BRUTE_N * (BRUTE_N - 1)) / 2);
  log(
    `  brute force ${BRUTE_N / 1000}k: ${bruteS.map((x) => x.toFixed(2)).join(' / ')} s; extrapolated by n², not ` +
      `measured: 100k ≈ ${(perPair * 5e9).toFixed(0)} s, 1M ≈ ${((perPair * 5e11) / 3600).toFixed(1)} h`,
  );

  return [
    { name: 'cluster_100k_seconds', value: round(c100k, 3), unit: `s (pairs ≤ ${THRESHOLD} + union-find)` },
    { name: 'cluster_1m_seconds', value: round(c1m, 2), unit: `s (pairs ≤ ${THRESHOLD} + union-find, fresh process)` },
    {
      name: 'cluster_1m_incremental_seconds',
      value: round(median(incS), 2),
      unit: 's (1M + 10k new: search the new against all, union-find)',
    },
    { name: 'cluster_1m_rss_mb', value: round(rss1m, 0), unit: 'MB peak RSS of that process (resourceUsage().maxRSS)' },
    {
      name: 'histogram_100k_ms',
      value: round(median(sweepMs), 0),
      unit: `ms (pairs + clusters for thresholds 0..${SWEEP_MAX}, 2 threads)`,
    },
    { name: 'histogram_100k_single_thread_ms', value: round(median(singleMs), 0), unit: `ms (the same on one thread)` },
    {
      name: 'histogram_100k_ui_range_ms',
      value: round(median(wideMs), 0),
      unit: `ms (thresholds 0..${UI_SWEEP_MAX}, the screen's range, 2 threads)`,
    },
    { name: `bruteforce_${BRUTE_N / 1000}k_seconds`, value: round(brute, 2), unit: `s (all pairs ≤ ${THRESHOLD}, O(n²))` },
  ];
}

if (process.argv[1] === import.meta.filename && process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(clusterOnce(Number(process.argv[3]), Number(process.argv[4]))));
}
