// Folders in: importing one (a job), re-scanning a source with the label spec it was imported with
// (the same job), removing a source (its rows, never its files: in a thread, under the write lock,
// seconds for a large source while clusters are brought up to date), and the last import's failures.
import type { ImportReport as ContractImportReport, SourceRemoval } from '../../../shared/contract.ts';
import { failedImages } from '../../core/catalog/queries.ts';
import { findSource, type RemovedSource } from '../../core/catalog/sources.ts';
import type { ImportReport } from '../../core/scan/import.ts';
import type { LabelSpec } from '../../core/scan/labels.ts';
import { expandPath } from '../complete.ts';
import type { HostContext, Handlers } from '../context.ts';
import { HostError } from '../errors.ts';
import { runInThread } from '../threaded.ts';

// The contract restates core types for the renderer; these lines fail to compile if they drift apart.
const sameImportReport = (r: ImportReport): ContractImportReport => r;
const sameRemoval = (r: RemovedSource): SourceRemoval => r;

type SourcesMethods = 'import.start' | 'sources.rescan' | 'sources.remove' | 'images.failures';

export function sourcesHandlers(host: HostContext): Handlers<SourcesMethods> {
  /** Problems of the last import that have no catalog row (unreadable folders, symlink loops), per catalog. */
  let walkProblems: { path: string; error: string; source: string }[] = [];
  let walkProblemsFor: string | null = null;

  const importFolder = (root: string, labels: LabelSpec, labelMapFile: string | undefined): string => {
    const { db, path } = host.catalog();
    return host.jobs.start('import', async (ctx) => {
      const report = await runInThread<ImportReport>(
        { kind: 'import', catalog: path, root, labels, ...(labelMapFile ? { labelMapFile } : {}) },
        ctx,
      );
      const rows = new Set(failedImages(db).map((f) => f.path));
      walkProblems = report.failures.filter((f) => !rows.has(f.path)).map((f) => ({ ...f, source: report.root }));
      walkProblemsFor = path;
      return { report: sameImportReport(report) };
    });
  };
  const source = (id: number) => {
    const found = findSource(host.catalog().db, id);
    if (!found) throw new HostError(`No source ${id} in this catalog (removed meanwhile?).`);
    return found;
  };

  return {
    'import.start': async (args) => {
      const labels: LabelSpec =
        typeof args.labels === 'string' ? { mode: args.labels } : { mode: 'csv', file: expandPath(args.labels.csv) };
      const labelMapFile = typeof args.labels === 'object' && args.labels.labelMap ? expandPath(args.labels.labelMap) : undefined;
      return { jobId: importFolder(expandPath(args.folder), labels, labelMapFile) };
    },
    'sources.rescan': async ({ id }) => {
      const s = source(id);
      return { jobId: importFolder(s.root, s.labels, s.labelMap ?? undefined) };
    },
    'sources.remove': async ({ id }) =>
      host.lock.run('sources', async () => {
        const { path } = host.catalog();
        source(id);
        const removed = await runInThread<RemovedSource | null>({ kind: 'remove-source', catalog: path, id });
        if (!removed) throw new HostError(`No source ${id} in this catalog (removed meanwhile?).`);
        walkProblems = walkProblems.filter((p) => p.source !== removed.root);
        return sameRemoval(removed);
      }),
    'images.failures': async () => {
      const { db, path } = host.catalog();
      const walked = walkProblemsFor === path ? walkProblems : [];
      return [...failedImages(db), ...walked.map((p) => ({ id: null, path: p.path, source: p.source, error: p.error }))];
    },
  };
}
