// Matching quality on the shared corpus: recall of the planted near-duplicate pairs and the share
// of reported pairs that are false, per preset, plus recall per transform for the default.
// A reported pair is true when the truth connects its two images, directly or through other
// planted pairs (two variants of one original are duplicates of each other too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashImage } from '../../src/main/core/hashing/hash-image.ts';
import { hamming64 } from '../../src/main/core/hashing/hashes.ts';
import {
  DEFAULT_PRESET,
  describeRule,
  matchPairs,
  PRESETS,
  type MatchedPair,
  type MatchItem,
  type MatchRule,
  type PresetName,
} from '../../src/main/core/dups/match.ts';
import { UnionFind } from '../../src/main/core/dups/union-find.ts';
import { listFiles, relativeTo } from './corpus.ts';
import type { Figure } from './report.ts';

export interface PlantedPair {
  a: number;
  b: number;
  transform: string;
}

export interface Quality {
  recall: number;
  falsePairRate: number;
  reported: number;
  falsePairs: MatchedPair[];
  missed: PlantedPair[];
  recallByTransform: Map<string, { found: number; total: number }>;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** jpeg_q25..jpeg_q40 are one transform at random qualities. */
const transformGroup = (t: string): string => (t.startsWith('jpeg_q') ? 'jpeg_q25-40' : t);

/** Recall and false pairs of `pairs` against planted pairs and their transitive closure. */
export function scorePairs(n: number, pairs: readonly MatchedPair[], planted: readonly PlantedPair[]): Quality {
  const uf = new UnionFind(n);
  for (const p of planted) uf.union(p.a, p.b);
  const reported = new Set(pairs.map((p) => p.a * n + p.b));
  const falsePairs = pairs.filter((p) => uf.find(p.a) !== uf.find(p.b));
  const recallByTransform = new Map<string, { found: number; total: number }>();
  const missed: PlantedPair[] = [];
  for (const p of planted) {
    const hit = reported.has(Math.min(p.a, p.b) * n + Math.max(p.a, p.b));
    if (!hit) missed.push(p);
    const g = transformGroup(p.transform);
    const r = recallByTransform.get(g) ?? { found: 0, total: 0 };
    r.total++;
    if (hit) r.found++;
    recallByTransform.set(g, r);
  }
  return {
    recall: planted.length ? (planted.length - missed.length) / planted.length : 1,
    falsePairRate: pairs.length ? falsePairs.length / pairs.length : 0,
    reported: pairs.length,
    falsePairs,
    missed,
    recallByTransform,
  };
}

/** Hashes every image below corpusDir/corpus and reads corpus_truth.csv into index pairs. */
export async function loadCorpus(
  corpusDir: string,
): Promise<{ paths: string[]; items: MatchItem[]; planted: PlantedPair[]; hashMs: number }> {
  const root = join(corpusDir, 'corpus');
  const paths = listFiles(root)
    .map((f) => relativeTo(root, f))
    .sort();
  const index = new Map(paths.map((p, i) => [p, i]));
  const items: MatchItem[] = [];
  const started = performance.now();
  for (const p of paths) items.push(await hashImage(readFileSync(join(root, p))));
  const hashMs = performance.now() - started;
  const planted: PlantedPair[] = [];
  const lines = readFileSync(join(corpusDir, 'corpus_truth.csv'), 'utf8').trim().split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const [variant, original, transform] = line.split(',');
    const a = index.get(variant ?? '');
    const b = index.get(original ?? '');
    if (a === undefined || b === undefined) throw new Error(`corpus_truth.csv names a file not in the corpus: ${line}`);
    planted.push({ a, b, transform: transform ?? '' });
  }
  return { paths, items, planted, hashMs };
}

/** The notebook's rule and plain pHash thresholds, for comparison. */
function baselines(items: readonly MatchItem[], planted: readonly PlantedPair[], log: (s: string) => void): void {
  const n = items.length;
  const all256 = (x: MatchItem, y: MatchItem): boolean =>
    x.hashes.ahash === y.hashes.ahash &&
    x.hashes.phash === y.hashes.phash &&
    x.hashes.dhash === y.hashes.dhash &&
    x.hashes.whash === y.hashes.whash;
  const pairs: MatchedPair[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (all256(items[a]!, items[b]!)) pairs.push({ a, b, phashDistance: 0, dhashDistance: 0, mirrored: false, similarity: 1 });
    }
  }
  const q = scorePairs(n, pairs, planted);
  log(`  baseline all 256 bits equal: recall ${q.recall.toFixed(3)}, false ${(q.falsePairRate * 100).toFixed(1)}% of ${q.reported}`);
  const p10 = scorePairs(n, matchPairs(items, { phash: 10, mirror: false, similarity: 0 }), planted);
  log(`  baseline pHash ≤ 10 alone: recall ${p10.recall.toFixed(3)}, false ${(p10.falsePairRate * 100).toFixed(1)}% of ${p10.reported}`);
}

function describePair(paths: readonly string[], items: readonly MatchItem[], a: number, b: number): string {
  const x = items[a]!;
  const y = items[b]!;
  const pd = hamming64(x.hashes.phash, y.hashes.phash);
  const pm = hamming64(x.hashes.phash, y.features.phashMirror);
  const dd = hamming64(x.hashes.dhash, y.hashes.dhash);
  return `${paths[a]} ~ ${paths[b]} (pHash ${pd}, mirrored ${pm}, dHash ${dd})`;
}

export async function benchDupsQuality(opts: { corpusDir: string; log: (s: string) => void }): Promise<Figure[]> {
  const { log } = opts;
  const { paths, items, planted, hashMs } = await loadCorpus(opts.corpusDir);
  const n = items.length;
  log(`dups quality: ${n} images, ${planted.length} planted pairs (hashing + features ${(hashMs / n).toFixed(2)} ms/image, one thread)`);
  baselines(items, planted, log);
  const figures: Figure[] = [];
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    const rule: MatchRule = PRESETS[name];
    matchPairs(items, rule); // warm-up: JIT and the wasm kernel
    const started = performance.now();
    const pairs = matchPairs(items, rule);
    const ms = performance.now() - started;
    const q = scorePairs(n, pairs, planted);
    const isDefault = name === DEFAULT_PRESET;
    log(`  ${name}${isDefault ? ' (default)' : ''}: ${describeRule(rule)}`);
    log(
      `    recall ${q.recall.toFixed(3)}, false pairs ${q.falsePairs.length} of ${q.reported} (${(q.falsePairRate * 100).toFixed(1)}%), ${ms.toFixed(0)} ms`,
    );
    figures.push(
      { name: `dups_recall_${name}`, value: round(q.recall, 3), unit: `of ${planted.length} planted pairs (${name} preset)` },
      { name: `dups_false_pair_rate_${name}`, value: round(q.falsePairRate, 3), unit: `of ${q.reported} reported pairs (${name} preset)` },
    );
    if (!isDefault) continue;
    figures.unshift(
      { name: 'dups_recall', value: round(q.recall, 3), unit: `of ${planted.length} planted pairs (default preset, ${name})` },
      { name: 'dups_false_pair_rate', value: round(q.falsePairRate, 3), unit: `of ${q.reported} reported pairs (default preset)` },
    );
    for (const [t, r] of [...q.recallByTransform].sort()) {
      log(`    ${t.padEnd(28)} ${r.found}/${r.total}`);
      figures.push({
        name: `dups_transform_recall_${t.replace(/[^a-z0-9]+/gi, '_')}`,
        value: round(r.found / r.total, 3),
        unit: `of ${r.total} pairs (default preset)`,
      });
    }
    for (const p of q.missed.slice(0, 12)) log(`    missed ${p.transform}: ${describePair(paths, items, p.a, p.b)}`);
    for (const p of q.falsePairs.slice(0, 12)) {
      log(`    false: ${describePair(paths, items, p.a, p.b)}, similarity ${p.similarity.toFixed(3)}${p.mirrored ? ', mirrored' : ''}`);
    }
    figures.push({ name: 'dups_match_ms', value: round(ms, 1), unit: `ms for matchPairs over ${n} images (default preset)` });
  }
  return figures;
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/bench/dups-quality.ts CORPUS_DIR');
  const figures = await benchDupsQuality({ corpusDir: dir, log: (s) => console.log(s) });
  for (const f of figures) console.log(`${f.name.padEnd(36)} ${String(f.value).padStart(8)} ${f.unit}`);
}
