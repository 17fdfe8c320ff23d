// The Host's side of importing and of the Library's sources list: an import (new folder or re-scan
// with the stored spec) runs as the one import job; removing a source runs in a thread (deleting a
// large source's rows and bringing clusters up to date takes seconds) and blocks other writes meanwhile.
import type Database from 'better-sqlite3';
import type { Failure, ImportReport as ContractReport, Methods, SourceRemoval } from '../../shared/contract.ts';
import { failedImages } from '../core/catalog/queries.ts';
import { findSource, type RemovedSource } from '../core/catalog/sources.ts';
import type { ImportReport } from '../core/scan/import.ts';
import type { LabelSpec } from '../core/scan/labels.ts';
import { expandPath } from './complete.ts';
import { HostError } from './errors.ts';
import type { JobBody, JobKind } from './jobs.ts';
import { runInThread } from './threaded.ts';

// The contract restates core types for the renderer; these lines fail to compile if they drift apart.
const sameReport = (r: ImportReport): ContractReport => r;
const sameRemoval = (r: RemovedSource): SourceRemoval => r;

type Catalog = { db: Database.Database; path: string };

export interface SourcesHostOptions {
  current: () => Catalog;
  startJob: (kind: JobKind, body: JobBody) => string;
  onImported: (jobId: string, report: ContractReport) => void;
  /** Why nothing else may write the catalog now (a job, clustering), or null. */
  writerBusy: () => string | null;
}

export class SourcesHost {
  private readonly opts: SourcesHostOptions;
  private removing = false;
  /** Problems of the last import that have no catalog row (unreadable folders, symlink loops). */
  private walkProblems: { path: string; error: string; source: string }[] = [];

  constructor(opts: SourcesHostOptions) {
    this.opts = opts;
  }

  /** A removal is deleting rows: jobs and clustering wait for it. */
  get busy(): boolean {
    return this.removing;
  }

  /** Another catalog was opened: the last import's problems were about the previous one. */
  clear(): void {
    this.walkProblems = [];
  }

  failures(db: Database.Database): Failure[] {
    return [...failedImages(db), ...this.walkProblems.map((p) => ({ id: null, path: p.path, source: p.source, error: p.error }))];
  }

  startImport(args: Methods['import.start']['args']): string {
    const labels: LabelSpec =
      typeof args.labels === 'string' ? { mode: args.labels } : { mode: 'csv', file: expandPath(args.labels.csv) };
    const labelMapFile = typeof args.labels === 'object' && args.labels.labelMap ? expandPath(args.labels.labelMap) : undefined;
    return this.importFolder(expandPath(args.folder), labels, labelMapFile);
  }

  /** The source's folder again, with the label spec (and label map) it was last imported with. */
  rescan(id: number): string {
    const source = findSource(this.opts.current().db, id);
    if (!source) throw new HostError(`No source ${id} in this catalog (removed meanwhile?).`);
    return this.importFolder(source.root, source.labels, source.labelMap ?? undefined);
  }

  async remove(id: number): Promise<SourceRemoval> {
    const { db, path } = this.opts.current();
    const busy = this.removing ? 'Another source is being removed' : this.opts.writerBusy();
    if (busy) throw new HostError(`${busy}; remove the source when it is done.`);
    if (!findSource(db, id)) throw new HostError(`No source ${id} in this catalog (removed meanwhile?).`);
    this.removing = true;
    try {
      const removed = await runInThread<RemovedSource | null>({ kind: 'remove-source', catalog: path, id });
      if (!removed) throw new HostError(`No source ${id} in this catalog (removed meanwhile?).`);
      this.walkProblems = this.walkProblems.filter((p) => p.source !== removed.root);
      return sameRemoval(removed);
    } finally {
      this.removing = false;
    }
  }

  private importFolder(root: string, labels: LabelSpec, labelMapFile: string | undefined): string {
    const { db, path } = this.opts.current();
    if (this.removing) throw new HostError('A source is being removed; start the import when it is done.');
    return this.opts.startJob('import', async (ctx, jobId) => {
      const report = await runInThread<ImportReport>({ kind: 'import', catalog: path, root, labels, ...(labelMapFile ? { labelMapFile } : {}) }, ctx);
      const rows = new Set(failedImages(db).map((f) => f.path));
      this.walkProblems = report.failures.filter((f) => !rows.has(f.path)).map((f) => ({ ...f, source: report.root }));
      this.opts.onImported(jobId, sameReport(report));
    });
  }
}
