import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ProgressThrottle, type JobContext } from '../jobs.ts';
import { libvipsVersion } from '../media.ts';
import { WorkerPool, workerEntry } from '../scan/pool.ts';
import { encodeExample, type FeatureValue } from '../tfrecord/example.ts';
import { formatIdx } from '../tfrecord/framing.ts';
import { TFRecordWriter, type TFRecordWriteResult } from '../tfrecord/writer.ts';
import { WINNOW_VERSION } from '../version.ts';
import type { ExportReport, ShardSummary } from '../../../shared/contract-types.ts';
import { markForReread } from '../catalog/images.ts';
import { readExamplePy, shardGlob } from './artifacts.ts';
import type { ExportTask, ExportTaskResult } from './export-worker.ts';
import { UserError } from '../errors.ts';
import { makeOutFolder } from './out-folder.ts';
import { checkTarget, makeStaging, publish, recoverInterrupted } from './publish.ts';
import { checkOutsideSources, checkSourceFolders } from './sources-check.ts';
import { planExport, writtenFeatures, type PlannedRecord } from './plan.ts';
import { checkTemplate, compressedName, shardName, type ExportSettings } from './settings.ts';

export type { ExportReport, ShardSummary };

/**
 * Images in flight per worker (results are written in plan order, so the window only decides how far
 * ahead the workers may run). 4 left the workers idle ~30 % of the time; 32 measured 0.82× the time of
 * a whole `winnow export --size 256x256` on the shared corpus (2.72 s vs 3.30 s, 6 interleaved runs,
 * 178 % vs 151 % CPU) with byte-identical shards. At most 32 results per worker wait in memory.
 */
const WINDOW_PER_WORKER = 32;

/** The export's worker script, for anything else that must transform exactly as the export does. */
export function exportWorkerUrl(): URL {
  return workerEntry('export-worker', import.meta.url);
}

/**
 * Writes the active images of the chosen folds as TFRecord shards, with manifest.json,
 * label_map.json, a .idx per shard and read_example.py. All of it is finished in a staging folder
 * beside the out folder and swapped in whole (publish.ts): the out folder only ever shows a complete
 * export or what it held before; a cancel, failure or kill leaves the latter.
 */
export async function runExport(db: Database.Database, settings: ExportSettings, ctx: JobContext = {}): Promise<ExportReport> {
  const started = performance.now();
  const plan = planExport(db, settings.folds, settings.seed, { unlabelled: settings.unlabelled });
  const written = { features: writtenFeatures(settings.features, plan.labelling) };
  checkTemplate(settings.nameTemplate, settings.maxRecordsPerShard !== null || settings.maxBytesPerShard !== null);
  await checkSourceFolders(plan.roots);
  await checkOutsideSources(settings.outDir, plan.roots);
  const target = await makeOutFolder(settings.outDir, { exceptLast: true });
  const recovered = await recoverInterrupted(target);
  try {
    await checkTarget(target, settings.overwrite);
  } catch (err) {
    // What was found beside the folder comes first: the user should know it was handled.
    if (recovered.length && err instanceof Error) err.message = `${recovered.join(' ')} ${err.message}`;
    throw err;
  }
  const staging = await makeStaging(target);

  const report: ExportReport = {
    outDir: settings.outDir,
    shards: [],
    records: 0,
    passthrough: 0,
    reencoded: 0,
    failures: [],
    unlabelled: 0,
    unlabelledLeftOut: plan.unlabelledLeftOut,
    labelling: plan.labelling,
    features: Object.values(written.features),
    cancelled: false,
    seconds: 0,
    recordsPerSec: 0,
    recovered,
  };
  const manifestRecords: object[] = [];
  const finished: { summary: ShardSummary; result: TFRecordWriteResult }[] = [];
  const workers = availableParallelism();
  const pool = new WorkerPool<ExportTask, ExportTaskResult>(exportWorkerUrl(), workers);
  const progress = new ProgressThrottle('export', plan.records.length, ctx.onProgress);
  let writer: TFRecordWriter | null = null;
  let shard = { index: -1, fold: -1, part: -1, records: 0, rawBytes: 0 };
  // Records the current shard can still receive, for its progress: unknown when split by bytes.
  const foldLeft = new Map<number, number>();
  for (const r of plan.records) foldLeft.set(r.fold, (foldLeft.get(r.fold) ?? 0) + 1);
  let shardTotal: number | null = null;

  const closeShard = async (): Promise<void> => {
    if (!writer) return;
    const result = await writer.close();
    writer = null;
    const file = compressedName(
      shardName(settings.nameTemplate, { shard: shard.index, fold: shard.fold, part: shard.part, count: result.records }),
      settings.compression,
    );
    await rename(result.path, join(staging, file));
    finished.push({ summary: { file, fold: shard.fold, records: result.records, bytes: result.bytes, sha256: result.sha256 }, result });
  };
  const write = async (rec: PlannedRecord, out: Extract<ExportTaskResult, { ok: true }>): Promise<void> => {
    const example = encodeExample(features(written, rec, out, plan.numClasses));
    const full =
      writer !== null &&
      (shard.fold !== rec.fold ||
        (settings.maxRecordsPerShard !== null && shard.records >= settings.maxRecordsPerShard) ||
        (settings.maxBytesPerShard !== null && shard.records > 0 && shard.rawBytes + example.length + 16 > settings.maxBytesPerShard));
    if (full) await closeShard();
    if (!writer) {
      shard = { index: shard.index + 1, fold: rec.fold, part: shard.fold === rec.fold ? shard.part + 1 : 0, records: 0, rawBytes: 0 };
      writer = await TFRecordWriter.open(join(staging, `shard-${shard.index}.tfrec`), { compression: settings.compression });
      const left = foldLeft.get(rec.fold)!;
      shardTotal = settings.maxBytesPerShard !== null ? null : Math.min(left, settings.maxRecordsPerShard ?? left);
    }
    await writer.write(example);
    shard.records++;
    shard.rawBytes += example.length + 16;
    report.records++;
    if (out.passthrough) report.passthrough++;
    else report.reencoded++;
    manifestRecords.push({
      shard: shard.index,
      path: rec.relPath,
      sha256: rec.sha256,
      label: rec.label,
      ...(plan.labelling === 'none' ? {} : { target: rec.target }),
      fold: rec.fold,
      width: out.width,
      height: out.height,
      passthrough: out.passthrough,
    });
  };

  const window: { rec: PlannedRecord; result: Promise<ExportTaskResult> }[] = [];
  const changed: { imageId: number; failure: { error: string } }[] = [];
  try {
    let done = 0;
    const drain = async (): Promise<void> => {
      const { rec, result } = window.shift()!;
      const out = await result;
      if (out.ok) await write(rec, out);
      else {
        report.failures.push({ path: rec.relPath, error: out.error });
        if (out.changed) changed.push({ imageId: rec.imageId, failure: report.failures.at(-1)! });
      }
      foldLeft.set(rec.fold, foldLeft.get(rec.fold)! - 1);
      progress.update(
        ++done,
        false,
        writer ? { label: `shard ${shard.index} (fold ${shard.fold})`, done: shard.records, total: shardTotal } : undefined,
      );
    };
    for (const rec of plan.records) {
      if (ctx.signal?.aborted) break;
      window.push({ rec, result: pool.run({ path: rec.absPath, sha256: rec.sha256, settings: settings.transform }) });
      if (window.length >= WINDOW_PER_WORKER * workers) await drain();
    }
    while (window.length && !ctx.signal?.aborted) await drain();
    if (ctx.signal?.aborted) {
      report.cancelled = true;
      await Promise.allSettled(window.map((w) => w.result));
      await (writer as TFRecordWriter | null)?.abort();
      await rm(staging, { recursive: true, force: true });
      return finish(report, started);
    }
    await closeShard();
    progress.update(done, true);
  } catch (err) {
    // Let the workers finish what they hold: closing the pool under a native call in flight aborts
    // the whole process (libuv/Napi), and the user would never see this error.
    await Promise.allSettled(window.map((w) => w.result));
    await (writer as TFRecordWriter | null)?.abort().catch(() => {});
    await rm(staging, { recursive: true, force: true });
    throw diskFull(err, target);
  } finally {
    await pool.close();
  }

  // A file whose bytes changed under an unchanged size and mtime: the catalog is told, so the next
  // plain `winnow index` reads it again (a read-only catalog cannot be: then --rehash is the way).
  if (
    changed.length &&
    markForReread(
      db,
      changed.map((c) => c.imageId),
    )
  ) {
    for (const c of changed) c.failure.error = 'its content differs from when it was indexed; the next `winnow index` reads it again';
  }

  // Everything is complete: the files that describe the shards go beside them, then all is swapped in.
  report.shards = finished.map((w) => w.summary);
  report.unlabelled = manifestRecords.filter((r) => (r as { target?: number }).target === -1).length;
  try {
    for (const { summary, result } of finished)
      await writeFile(join(staging, `${summary.file}.idx`), formatIdx(result.offsets, result.rawBytes));
    await writeFile(join(staging, 'label_map.json'), `${JSON.stringify(Object.fromEntries(plan.labelMap), null, 2)}\n`);
    await writeFile(
      join(staging, 'read_example.py'),
      readExamplePy({
        features: written.features,
        numClasses: plan.numClasses,
        size: settings.transform.size,
        compression: settings.compression,
        pattern: compressedName(shardGlob(settings.nameTemplate), settings.compression),
      }),
    );
    const manifest = {
      winnow: WINNOW_VERSION,
      libvips: libvipsVersion(),
      settings: { ...settings, features: written.features, unlabelled: settings.unlabelled ?? 'skip', outDir: undefined },
      labelMap: Object.fromEntries(plan.labelMap),
      shards: report.shards,
      records: manifestRecords,
      failures: report.failures,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw diskFull(err, target);
  }
  await publish(staging, target);
  return finish(report, started);
}

function finish(report: ExportReport, started: number): ExportReport {
  report.seconds = (performance.now() - started) / 1000;
  report.recordsPerSec = report.seconds > 0 ? report.records / report.seconds : 0;
  return report;
}

export function features(
  s: Pick<ExportSettings, 'features'>,
  rec: PlannedRecord,
  out: { data: Uint8Array; width: number; height: number },
  numClasses: number,
): Map<string, FeatureValue> {
  const f = new Map<string, FeatureValue>();
  const name = s.features;
  if (name.image) f.set(name.image, { kind: 'bytes', value: [out.data] });
  if (name.target) f.set(name.target, { kind: 'int64', value: [rec.target] });
  // The path relative to its source: the bare file name for a flat Kaggle folder, unique otherwise.
  if (name.image_name) f.set(name.image_name, { kind: 'bytes', value: [rec.relPath] });
  if (name.label) f.set(name.label, { kind: 'bytes', value: [rec.label ?? ''] });
  if (name.height) f.set(name.height, { kind: 'int64', value: [out.height] });
  if (name.width) f.set(name.width, { kind: 'int64', value: [out.width] });
  if (name.one_hot_class)
    f.set(name.one_hot_class, { kind: 'float', value: Array.from({ length: numClasses }, (_, i) => (i === rec.target ? 1 : 0)) });
  if (name.fold) f.set(name.fold, { kind: 'int64', value: [rec.fold] });
  if (name.sha256) f.set(name.sha256, { kind: 'bytes', value: [rec.sha256] });
  return f;
}

/** A full disk is the user's to fix: say so in a sentence (the staging folder is already gone). */
function diskFull(err: unknown, target: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return err;
  const kept = existsSync(join(target, 'manifest.json'))
    ? `${target} still holds the previous export`
    : existsSync(target)
      ? `${target} was left as it was`
      : `${target} was not created`;
  return new UserError(`The disk holding ${target} is full: the export was not written and ${kept}. Free some space and export again.`);
}
