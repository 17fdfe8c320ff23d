import { availableParallelism } from 'node:os';
import { absolutePath, ImageWriter, knownImages, type ImageRecord, type KnownImage } from '../catalog/images.ts';
import { withImportLock } from '../catalog/import-lock.ts';
import { clustersOwed, markClustersOwed } from '../catalog/owed.ts';
import { saveSource } from '../catalog/sources.ts';
import { syncDecisions } from '../decisions/sync.ts';
import { refreshClusters } from '../dups/clusters.ts';
import { ProgressThrottle, type JobContext } from '../jobs.ts';
import { catalogBlockhashMode, resolveFolder, type ImportParams, type ImportReport } from './import-inputs.ts';
import type { FileResult, FileTask } from './import-worker.ts';
import { LabelResolver, readLabelMap } from './labels.ts';
import { assignMoves } from './moves.ts';
import { WorkerPool, workerEntry } from './pool.ts';
import { applyOverlap, finishMerges, planOverlap, type PendingMerge } from './source-overlap.ts';
import { show, walk, type WalkedFile } from './walk.ts';

export type { ImportFailure, ImportParams, ImportReport } from './import-inputs.ts';
// Part of the import's interface: its input errors and the catalog's mode check.
export { catalogBlockhashMode, ImportInputError } from './import-inputs.ts';

export const DEFAULT_MAX_PIXELS = 100_000_000;
const FLUSH_EVERY = 256;
const key = (b: Buffer): string => b.toString('latin1'); // 1:1 on bytes, so usable as a map key
/** A re-read file whose row already says all there is (--rehash found the same content). */
const sameAsStored = (old: KnownImage, f: WalkedFile, sha256: string): boolean =>
  old.sha256 === sha256 &&
  old.size === f.size &&
  old.mtimeMs === f.mtimeMs &&
  old.hasFeatures &&
  (old.status === 'active' || old.status === 'excluded');

/**
 * Imports (or re-imports) one folder. Only files whose size or mtime changed are read again; files
 * that vanished become `missing`, unless the same content turns up under a new path (a move). A file
 * already held by an overlapping source keeps its row (source-overlap.ts). The user's folder is only
 * ever read. Cancelling keeps every result already written.
 */
export async function runImport(params: ImportParams, ctx: JobContext = {}): Promise<ImportReport> {
  return withImportLock(params.db, () => importFolder(params, ctx));
}

async function importFolder(params: ImportParams, ctx: JobContext): Promise<ImportReport> {
  const started = performance.now();
  const root = await resolveFolder(params.root);
  const blockhash = catalogBlockhashMode(params.db, params.blockhash);
  const labelMap = params.labelMapFile ? readLabelMap(params.labelMapFile) : null;
  const resolver = new LabelResolver(params.labels, labelMap);
  const report: ImportReport = {
    root,
    labelMode: params.labels.mode,
    found: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    moved: 0,
    missing: 0,
    failed: 0,
    skipped: 0,
    cancelled: false,
    failures: [],
    labelProblems: [],
    merged: [],
    seconds: 0,
    hashedPerSec: 0,
  };
  const overlap = planOverlap(params.db, root);

  // Start the workers now: loading the hashing code and its native modules (~150 ms) then
  // overlaps the walk instead of following it.
  const pool = new WorkerPool<FileTask, FileResult>(
    params.workerScript ?? workerEntry('import-worker', import.meta.url),
    params.workers ?? availableParallelism(),
  );
  let walked: Awaited<ReturnType<typeof walk>>;
  try {
    let lastScanEmit = 0;
    walked = await walk(
      root,
      ctx.signal,
      (n) => {
        if (performance.now() - lastScanEmit < 200) return; // the same ~5 a second as the hash phase
        lastScanEmit = performance.now();
        ctx.onProgress?.({ phase: 'scan', done: n, total: 0, ratePerSec: 0, etaSec: null });
      },
      overlap.nested.map((s) => s.root),
    ); // their files belong to those sources
  } catch (err) {
    await pool.close();
    if (ctx.signal?.aborted) return { ...report, cancelled: true, seconds: (performance.now() - started) / 1000 };
    throw err;
  }
  try {
    report.found = walked.files.length;
    report.failures.push(...walked.problems.map((p) => ({ path: p.rel, error: p.error })));

    let sourceId = 0;
    let merges: PendingMerge[] = [];
    params.db.transaction(() => {
      sourceId = saveSource(params.db, root, params.labels, params.labelMapFile ?? null);
      merges = applyOverlap(params.db, overlap, root, sourceId);
      if (merges.length) markClustersOwed(params.db);
    })();
    const writer = new ImageWriter(params.db, sourceId);
    const known = new Map(knownImages(params.db, sourceId).map((k) => [key(k.pathBytes), k]));
    const seen = new Set<string>();
    const toHash: WalkedFile[] = [];
    writer.transaction(() => {
      for (const f of walked.files) {
        const k = key(f.rel);
        seen.add(k);
        const old = known.get(k);
        const current = old && old.size === f.size && old.mtimeMs === f.mtimeMs && old.hasFeatures;
        if (current && (old.status === 'active' || old.status === 'excluded') && !params.rehash) {
          report.unchanged++;
          writer.setLabel(old.id, writer.labelId(resolver.labelFor(show(f.rel))));
        } else toHash.push(f);
      }
    });
    // Rows whose path is gone: claimed by a moved file with the same content, or marked missing at the end.
    const vanished = [...known].filter(([k, row]) => !seen.has(k) && row.sha256).map(([, row]) => row);
    const vanishedContent = new Set(vanished.map((row) => row.sha256));
    // New files with such content wait until all are hashed, so exact copies claim rows deterministically.
    const moveCandidates: { file: WalkedFile; row: ImageRecord }[] = [];

    const pending: { file: WalkedFile; result: FileResult }[] = [];
    const flush = (): void => {
      writer.transaction(() => {
        for (const { file, result } of pending.splice(0)) record(file, result);
      });
    };
    const record = (file: WalkedFile, result: FileResult): void => {
      const relPath = show(file.rel);
      if (result.kind === 'skip') {
        report.skipped++;
        return;
      }
      const old = known.get(key(file.rel));
      const base = {
        pathBytes: file.rel,
        relPath,
        size: file.size,
        mtimeMs: file.mtimeMs,
        labelId: writer.labelId(resolver.labelFor(relPath)),
      };
      let row: ImageRecord;
      if (result.kind === 'error') {
        report.failed++;
        report.failures.push({ path: relPath, error: result.error });
        row = {
          ...base,
          sha256: result.sha256,
          width: null,
          height: null,
          format: null,
          channels: null,
          status: 'error',
          error: result.error,
          hashes: null,
          features: null,
        };
      } else {
        // Exclusion is decided by content in the journal; syncDecisions() applies it after the import.
        row = {
          ...base,
          sha256: result.sha256,
          width: result.width,
          height: result.height,
          format: result.format,
          channels: result.channels,
          status: 'active',
          error: null,
          hashes: result.hashes,
          features: result.features,
        };
      }
      if (old) {
        if (params.rehash && result.kind === 'image' && sameAsStored(old, file, result.sha256)) {
          report.unchanged++;
          writer.setLabel(old.id, base.labelId);
          return;
        }
        if (result.kind === 'image') report.changed++;
        writer.write(old.id, row);
        return;
      }
      if (result.kind === 'image' && vanishedContent.has(result.sha256)) moveCandidates.push({ file, row });
      else {
        if (result.kind === 'image') report.added++;
        writer.write(null, row);
      }
    };

    const progress = new ProgressThrottle('hash', toHash.length, ctx.onProgress);
    const maxPixels = params.maxPixels ?? DEFAULT_MAX_PIXELS;
    let next = 0;
    let done = 0;
    let lastFlush = performance.now();
    // The first failure to write (a full disk) stops every lane: files still in flight are not
    // results of their own ("worker pool is closed") and nothing more can be stored anyway.
    let writeFailed: unknown = null;
    const lane = async (): Promise<void> => {
      while (next < toHash.length && !ctx.signal?.aborted && writeFailed === null) {
        const file = toHash[next++]!;
        const abs = absolutePath(root, file.rel);
        let result: FileResult;
        try {
          result = await pool.run({ path: abs, maxPixels, blockhash });
        } catch (err) {
          if (writeFailed !== null) return;
          result = { kind: 'error', size: file.size, sha256: null, error: `internal error: ${(err as Error).message}` };
        }
        if (writeFailed !== null) return;
        pending.push({ file, result });
        done++;
        if (pending.length >= FLUSH_EVERY || performance.now() - lastFlush > 250) {
          try {
            flush();
          } catch (err) {
            writeFailed = err;
            throw err;
          }
          lastFlush = performance.now();
        }
        progress.update(done);
      }
    };
    try {
      await Promise.all(Array.from({ length: 4 * (params.workers ?? availableParallelism()) }, lane));
    } finally {
      await pool.close();
      if (writeFailed === null) flush();
    }
    progress.update(done, true);
    report.cancelled = ctx.signal?.aborted ?? false;

    writer.transaction(() => {
      const moves = assignMoves(
        moveCandidates.map((c) => ({ rel: c.file.rel, sha256: c.row.sha256! })),
        vanished,
      );
      const claimed = new Set<number>();
      moveCandidates.forEach((c, i) => {
        const from = moves.get(i);
        if (from) claimed.add(from.id);
        if (from) report.moved++;
        else report.added++;
        writer.write(from?.id ?? null, c.row);
      });
      for (const [k, row] of known) {
        if (seen.has(k) || row.status === 'missing' || claimed.has(row.id)) continue;
        writer.setStatus(row.id, 'missing');
        report.missing++;
      }
      params.db.prepare('UPDATE sources SET last_import_at = ? WHERE id = ?').run(Date.now(), sourceId);
    });
    report.merged = finishMerges(params.db, merges);
    syncDecisions(params.db);
    // Clusters already reviewed in this catalog follow the new images (same rule as last time).
    // Also when an earlier import died before its refresh (owed.ts): it committed the same kind of change.
    if (report.added + report.changed + report.moved + report.missing + report.merged.length > 0 || clustersOwed(params.db)) {
      const run = refreshClusters(params.db);
      if (run) {
        report.clusters = run.clusters.length;
        if (run.search) report.clusterSearch = run.search;
      }
    }
    resolver.finish();
    report.failures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    report.labelProblems = resolver.problems;
    report.seconds = (performance.now() - started) / 1000;
    report.hashedPerSec = report.seconds > 0 ? done / report.seconds : 0;
    return report;
  } finally {
    // Idempotent: the hash phase closes it as soon as it is done; this covers early errors.
    await pool.close();
  }
}
