// How big the export would be, before running it. Images that the export ships byte for byte (a
// 3-channel JPEG already at the target size, with passthrough on) are counted exactly from the
// catalog's file sizes; the rest are estimated from a seeded random sample run through the export's
// own worker, so the figure follows the quality / chroma / size being edited. Records are framed
// with the chosen features exactly as the export frames them, and which records there are comes from
// the export's own plan (with its unlabelled policy), so the count is the export's.
import type Database from 'better-sqlite3';
import type { ExportEstimate, Methods } from '../../shared/contract.ts';
import { activeImageInfo, type StoredImageInfo } from '../core/catalog/active-images.ts';
import { features } from '../core/export/export.ts';
import { ExportPlanError, planExport, writtenFeatures, type ExportPlan, type PlannedRecord } from '../core/export/plan.ts';
import type { TransformSettings } from '../core/export/transform.ts';
import { mulberry32, seedOf } from '../core/folds/rng.ts';
import { encodeExample } from '../core/tfrecord/example.ts';
import type { RunTasks } from './export-preview.ts';
import { ExportArgsError, featureNames, transformSettings } from './export-settings.ts';

export const DEFAULT_SAMPLE = 32;
const SAMPLE_SEED = 42;
/** Records framed in a TFRecord file: length, its CRC and the data's CRC. */
const FRAMING = 16;
/** Stand-in image length when framing an exact record: varints only grow past 64 KiB by a byte or two. */
const STUB_MAX = 1 << 16;
/** When the uniform draw holds no re-encoded image, this many are drawn from them on purpose. */
const MIN_REENCODED = 8;

/** Mirrors the transform's passthrough rule with what the catalog knows (format, channels, size). */
function shipsAsIs(img: StoredImageInfo, t: TransformSettings): boolean {
  if (!t.passthrough || img.format !== 'jpeg' || (img.channels !== 3 && img.channels !== 1)) return false;
  return t.size === null || t.mode === 'none' || (img.width === t.size.width && img.height === t.size.height);
}

/** k distinct indices below n, seeded (a partial Fisher–Yates over the index range). */
function draw(n: number, k: number, seed: number): number[] {
  const next = mulberry32(seedOf(seed));
  const idx = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + Math.floor(next() * (n - i));
    out.push(idx.get(j) ?? j);
    idx.set(j, idx.get(i) ?? i);
  }
  return out;
}

const median = (v: number[]): number => {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (v: number[]): number => (v.length === 0 ? 0 : v.reduce((a, b) => a + b, 0) / v.length);

/**
 * Shards as the export cuts them: one per fold, split further after `maxRecords` records or before a
 * record would pass `maxBytes` (projected with the mean record size).
 */
export function projectShards(
  perFold: Iterable<number>,
  recordBytes: number,
  limits: { maxRecords: number | null; maxBytes: number | null } = { maxRecords: null, maxBytes: null },
): number {
  let shards = 0;
  for (const n of perFold) {
    if (n === 0) continue;
    let per = limits.maxRecords ?? n;
    if (limits.maxBytes !== null && recordBytes > 0) per = Math.min(per, Math.max(1, Math.floor(limits.maxBytes / recordBytes)));
    shards += Math.ceil(n / per);
  }
  return shards;
}

export async function estimateExport(
  db: Database.Database,
  args: Methods['export.estimate']['args'],
  run: RunTasks,
  superseded?: () => boolean,
): Promise<ExportEstimate> {
  const started = performance.now();
  const transform = transformSettings(args);
  const plan = exportPlan(db, args);
  const { records, numClasses, folded } = plan;
  const names = { features: writtenFeatures(featureNames(args.features), plan.labelling) };
  const infoOf = activeImageInfo(db);
  const info = (rec: PlannedRecord): StoredImageInfo => infoOf.get(rec.imageId)!;
  const exact = records.filter((r) => shipsAsIs(info(r), transform));
  const reencoded = records.filter((r) => !shipsAsIs(info(r), transform));

  // A uniform draw gives the median; re-encoded images in it (topped up if it holds too few of
  // them) give their mean. Exact images never need a worker.
  const k = args.sample ?? DEFAULT_SAMPLE;
  const uniform = draw(records.length, k, SAMPLE_SEED).map((i) => records[i]!);
  let toEncode = uniform.filter((r) => !shipsAsIs(info(r), transform));
  if (toEncode.length < Math.min(MIN_REENCODED, reencoded.length)) {
    toEncode = draw(reencoded.length, Math.min(k, reencoded.length), SAMPLE_SEED + 1).map((i) => reencoded[i]!);
  }
  const results = await run(
    toEncode.map((r) => ({ path: r.absPath, sha256: r.sha256, settings: transform })),
    superseded,
  );
  if (superseded?.()) throw new EstimateSuperseded();

  const encodedBytes = new Map<number, number>();
  const overheads: number[] = [];
  let failed = 0;
  results.forEach((out, i) => {
    if (!out.ok) return void failed++;
    encodedBytes.set(toEncode[i]!.imageId, out.data.length);
    overheads.push(encodeExample(features(names, toEncode[i]!, out, numClasses)).length - out.data.length + FRAMING);
  });
  for (const rec of uniform.filter((r) => shipsAsIs(info(r), transform))) {
    const img = info(rec);
    const stub = new Uint8Array(Math.min(img.size, STUB_MAX));
    overheads.push(
      encodeExample(features(names, rec, { data: stub, width: img.width ?? 0, height: img.height ?? 0 }, numClasses)).length -
        stub.length +
        FRAMING,
    );
  }

  const exactBytes = exact.reduce((sum, r) => sum + info(r).size, 0);
  const imageBytes = exactBytes + reencoded.length * mean([...encodedBytes.values()]);
  const overhead = mean(overheads);
  const sampleValues = uniform.flatMap((r) =>
    shipsAsIs(info(r), transform) ? [info(r).size] : encodedBytes.has(r.imageId) ? [encodedBytes.get(r.imageId)!] : [],
  );
  const perFold = new Map<number, number>();
  for (const r of records) perFold.set(r.fold, (perFold.get(r.fold) ?? 0) + 1);
  const n = records.length;
  return {
    images: n,
    sampled: toEncode.length,
    exact: exact.length,
    meanBytes: n ? imageBytes / n : 0,
    medianBytes: median(sampleValues.length ? sampleValues : [...encodedBytes.values()]),
    totalBytes: Math.round(imageBytes + n * overhead),
    shards: folded ? projectShards(perFold.values(), n ? imageBytes / n + overhead : 0) : null,
    labelling: plan.labelling,
    features: Object.values(names.features),
    unlabelled: plan.unlabelled,
    unlabelledLeftOut: plan.unlabelledLeftOut,
    failed,
    ms: performance.now() - started,
  };
}

/** What the export would write (before folds: every active image as one fold); plan problems are the user's. */
function exportPlan(db: Database.Database, args: Methods['export.estimate']['args']): ExportPlan {
  try {
    return planExport(db, null, SAMPLE_SEED, { unlabelled: args.unlabelled, withoutFolds: 'as-fold-0' });
  } catch (err) {
    throw err instanceof ExportPlanError ? new ExportArgsError(err.message) : err;
  }
}

/** A newer estimate was asked for before this one finished; its caller drops the answer. */
export class EstimateSuperseded extends ExportArgsError {
  override name = 'EstimateSuperseded';
  constructor() {
    super('A newer estimate replaced this one.');
  }
}
