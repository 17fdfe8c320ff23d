import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { serveBatches } from '../scan/pool.ts';
import { describeFsError } from '../scan/walk.ts';
import { transformImage, type TransformSettings } from './transform.ts';

export interface ExportTask {
  path: Uint8Array;
  /** The content the catalog indexed; a file changed since is refused, so the manifest stays true. */
  sha256: string;
  settings: TransformSettings;
}

export type ExportTaskResult =
  | { ok: true; data: Uint8Array; width: number; height: number; passthrough: boolean }
  /** changed: the file's bytes are not those indexed (same size and mtime, or the index would have seen it). */
  | { ok: false; error: string; changed?: true };

export const CHANGED_SINCE_INDEX = 'its content differs from when it was indexed; run `winnow index DIR --rehash` to read every file again';

export async function processExportTask(task: ExportTask): Promise<ExportTaskResult> {
  let src: Buffer;
  try {
    // Synchronous: this thread only does this work, and a promise-based read costs a libuv hop.
    src = readFileSync(Buffer.from(task.path.buffer, task.path.byteOffset, task.path.byteLength));
  } catch (err) {
    return { ok: false, error: `cannot read: ${describeFsError(err)}` };
  }
  if (createHash('sha256').update(src).digest('hex') !== task.sha256) {
    return { ok: false, changed: true, error: CHANGED_SINCE_INDEX };
  }
  try {
    const r = await transformImage(src, task.settings);
    return { ok: true, data: r.data, width: r.width, height: r.height, passthrough: r.passthrough };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

if (parentPort) {
  serveBatches<ExportTask, ExportTaskResult>(parentPort, processExportTask, (err) => ({
    ok: false,
    error: `internal error: ${String(err)}`,
  }));
}
