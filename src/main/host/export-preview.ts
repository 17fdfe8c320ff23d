// The export form's live preview and name check. Images go through the export's own worker
// (export-worker.ts → transformImage, sha256 check included), so the preview shows exactly the
// bytes the export would write. The pool is kept while the form is being edited and closed when
// idle, so decoding never runs on the host's main thread and an idle host holds no threads.
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import type { ExportEstimate, ExportPreview, Methods } from '../../shared/contract.ts';
import { activeCount, activeImageAt, activeImageById, type ActiveImage } from '../core/catalog/active-images.ts';
import { absolutePath } from '../core/catalog/images.ts';
import { exportWorkerUrl } from '../core/export/export.ts';
import type { ExportTask, ExportTaskResult } from '../core/export/export-worker.ts';
import { plannedFoldSizes, type UnlabelledPolicy } from '../core/export/plan.ts';
import { compressedName, shardName } from '../core/export/settings.ts';
import { WorkerPool } from '../core/scan/pool.ts';
import { estimateExport } from './export-estimate.ts';
import { ExportArgsError, templateProblem, transformSettings } from './export-settings.ts';

const IDLE_MS = 30_000;
/** A keep-size passthrough of a big photo is not worth shipping to the page whole. */
const MAX_DATA_URL_BYTES = 4 * 1024 * 1024;

export type RunTasks = (tasks: ExportTask[], superseded?: () => boolean) => Promise<ExportTaskResult[]>;

/** Runs transform tasks on a small lazily started pool of export workers. */
export class ExportWorkers {
  private pool: WorkerPool<ExportTask, ExportTaskResult> | null = null;
  private idle: NodeJS.Timeout | null = null;
  private busy = 0;
  readonly size = Math.max(1, Math.min(4, availableParallelism()));

  /**
   * Results in task order. Tasks are fed a few at a time so that a call `superseded` by a newer
   * one (the user kept typing) stops spending CPU; its unsent tasks come back as failures.
   */
  run: RunTasks = async (tasks, superseded) => {
    if (this.idle) clearTimeout(this.idle);
    this.pool ??= new WorkerPool<ExportTask, ExportTaskResult>(exportWorkerUrl(), this.size);
    const pool = this.pool;
    this.busy++;
    try {
      const results: ExportTaskResult[] = new Array(tasks.length);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < tasks.length) {
          const i = next++;
          results[i] = superseded?.() ? { ok: false, error: 'superseded' } : await pool.run(tasks[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(tasks.length, this.size * 2) }, lane));
      return results;
    } finally {
      if (--this.busy === 0) {
        this.idle = setTimeout(() => void this.close(), IDLE_MS);
        this.idle.unref();
      }
    }
  };

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }
}

/** The image to preview: by id, else the index-th active image in path order (wrapping around). */
function pick(db: Database.Database, imageId: number | undefined, index: number): { row: ActiveImage; index: number; of: number } {
  const of = activeCount(db);
  if (of === 0) throw new ExportArgsError('No active images to preview: import a folder on the Library screen first.');
  if (imageId !== undefined) {
    const found = activeImageById(db, imageId);
    if (!found) throw new ExportArgsError(`Image ${imageId} is not an active image of this catalog.`);
    return { row: found.image, index: found.index, of };
  }
  const at = index % of;
  return { row: activeImageAt(db, at)!, index: at, of };
}

export async function previewImage(db: Database.Database, args: Methods['export.preview']['args'], run: RunTasks): Promise<ExportPreview> {
  const settings = transformSettings(args);
  const { row, index, of } = pick(db, args.imageId, args.index ?? 0);
  const started = performance.now();
  const path = absolutePath(row.root, row.pathBytes);
  const out = (await run([{ path, sha256: row.sha256, settings }]))[0]!;
  if (!out.ok) throw new ExportArgsError(`${row.relPath} cannot be exported: ${out.error}`);
  const data = Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength);
  return {
    imageId: row.id,
    index,
    of,
    path: row.relPath,
    label: row.label,
    original: { width: row.width, height: row.height, bytes: row.size, format: row.format },
    width: out.width,
    height: out.height,
    bytes: data.length,
    passthrough: out.passthrough,
    dataUrl: data.length <= MAX_DATA_URL_BYTES ? `data:image/jpeg;base64,${data.toString('base64')}` : null,
    ms: performance.now() - started,
  };
}

/** The template's problem, or the name the first shard would get with the folds as assigned now. */
export function checkNameTemplate(
  db: Database.Database,
  template: string,
  unlabelled?: UnlabelledPolicy,
): { error: string | null; first: string | null } {
  const error = templateProblem(template);
  if (error) return { error, first: null };
  // Before folds exist, the count shown is what one fold holding every image would get.
  const [first] = plannedFoldSizes(db, { unlabelled, withoutFolds: 'as-fold-0' });
  return { error: null, first: shardName(template, { shard: 0, fold: first?.[0] ?? 0, part: 0, count: first?.[1] ?? 0 }) };
}

/** The form's three calls for one host; a newer estimate makes the running one stop early. */
export class ExportForm {
  private readonly workers = new ExportWorkers();
  private estimates = 0;

  preview(db: Database.Database, args: Methods['export.preview']['args']): Promise<ExportPreview> {
    return previewImage(db, args, this.workers.run);
  }

  estimate(db: Database.Database, args: Methods['export.estimate']['args']): Promise<ExportEstimate> {
    const mine = ++this.estimates;
    return estimateExport(db, args, this.workers.run, () => mine !== this.estimates);
  }

  template(db: Database.Database, args: Methods['export.template']['args']): { error: string | null; first: string | null } {
    const checked = checkNameTemplate(db, args.template, args.unlabelled);
    return checked.first && args.gzip ? { ...checked, first: compressedName(checked.first, 'gzip') } : checked;
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}
