// Worker-thread side of threaded.ts: runs one catalog job (an import, an export, clustering, folds,
// removing a source) on its own SQLite connection, so the host's main thread (Electron's main
// process, the browser host's event loop) keeps answering while it runs. WAL lets the host read meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalog } from '../core/catalog/catalog.ts';
import { removeSource } from '../core/catalog/sources.ts';
import { computeClusters, loadPHashes, refreshClusters } from '../core/dups/clusters.ts';
import type { MatchRule } from '../core/dups/match.ts';
import { runExport } from '../core/export/export.ts';
import { computeFolds, loadFolds, type FoldParams } from '../core/folds/catalog-folds.ts';
import type { ExportSettings } from '../core/export/settings.ts';
import { UserError } from '../core/errors.ts';
import { runImport } from '../core/scan/import.ts';
import type { LabelSpec } from '../core/scan/labels.ts';

export type ThreadJob =
  | { kind: 'import'; catalog: string; root: string; labels: LabelSpec; labelMapFile?: string }
  | { kind: 'clusters'; catalog: string; rule: MatchRule }
  | { kind: 'refresh-clusters'; catalog: string }
  | { kind: 'phashes'; catalog: string }
  | { kind: 'export'; catalog: string; settings: ExportSettings }
  | { kind: 'folds'; catalog: string; params: FoldParams }
  | { kind: 'load-folds'; catalog: string }
  | { kind: 'remove-source'; catalog: string; id: number };

export type ThreadMessage =
  | { type: 'progress'; progress: unknown }
  | { type: 'done'; result: unknown }
  /** `known`: a UserError, whose message is for the user; otherwise a bug, with its stack for the log. */
  | { type: 'error'; message: string; known: boolean; stack?: string };

async function run(job: ThreadJob, signal: AbortSignal, post: (m: ThreadMessage) => void): Promise<unknown> {
  const db = openCatalog(job.catalog);
  try {
    switch (job.kind) {
      case 'import':
        return await runImport(
          { db, root: job.root, labels: job.labels, ...(job.labelMapFile ? { labelMapFile: job.labelMapFile } : {}) },
          { signal, onProgress: (progress) => post({ type: 'progress', progress }) },
        );
      case 'clusters':
        return computeClusters(db, job.rule, undefined, { onProgress: (progress) => post({ type: 'progress', progress }) });
      case 'refresh-clusters':
        return refreshClusters(db);
      case 'export':
        return await runExport(db, job.settings, { signal, onProgress: (progress) => post({ type: 'progress', progress }) });
      case 'folds':
        post({ type: 'progress', progress: { phase: 'assign', done: 0, total: 0, ratePerSec: 0, etaSec: null } });
        return computeFolds(db, job.params);
      case 'load-folds':
        return loadFolds(db);
      case 'remove-source':
        return removeSource(db, job.id);
      case 'phashes':
        // Reading a million rows takes a while; the search itself runs in the host's SearchPool.
        return loadPHashes(db);
    }
  } finally {
    db.close();
  }
}

if (parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  port.on('message', (m: { type: 'abort' }) => {
    if (m.type === 'abort') controller.abort();
  });
  run(workerData as ThreadJob, controller.signal, (m) => port.postMessage(m)).then(
    (result) => port.postMessage({ type: 'done', result } satisfies ThreadMessage),
    (err: unknown) =>
      port.postMessage({
        type: 'error',
        message: err instanceof Error ? err.message : String(err),
        known: err instanceof UserError,
        ...(err instanceof Error && err.stack ? { stack: err.stack } : {}),
      } satisfies ThreadMessage),
  );
}
