// Folders in, shards out: the import and export jobs, the export form's preview / estimate / name
// check, opening the last export's folder, cancelling a job, and the last import's failures.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport as ContractImportReport } from '../../../shared/contract.ts';
import { failedImages } from '../../core/catalog/queries.ts';
import type { ExportReport } from '../../core/export/export.ts';
import type { ImportReport } from '../../core/scan/import.ts';
import type { LabelSpec } from '../../core/scan/labels.ts';
import { expandPath } from '../complete.ts';
import type { HostContext, Handlers } from '../context.ts';
import { HostError } from '../errors.ts';
import { ExportForm } from '../export-preview.ts';
import { exportSettings, formSettings, sameExportReport } from '../export-settings.ts';
import { rememberedExportSettings, rememberExportSettings } from '../../core/export/remembered.ts';
import { runInThread } from '../threaded.ts';

// The contract restates core types for the renderer; these lines fail to compile if they drift apart.
const sameImportReport = (r: ImportReport): ContractImportReport => r;

type TransferMethods =
  | 'import.start' | 'images.failures' | 'export.start' | 'export.preview' | 'export.estimate' | 'export.template' | 'export.lastSettings'
  | 'export.reveal' | 'job.cancel';

export function transferHandlers(host: HostContext): { handlers: Handlers<TransferMethods>; close(): Promise<void> } {
  /** Problems of the last import that have no catalog row (unreadable folders, symlink loops). */
  let walkProblems: { path: string; error: string; source: string }[] = [];
  let walkProblemsFor: string | null = null;
  /** The only folder `export.reveal` may open: where this host's last export was written. */
  let lastExportDir: string | null = null;
  const form = new ExportForm();

  const handlers: Handlers<TransferMethods> = {
    'import.start': async (args) => {
      const { db, path } = host.catalog();
      const labels: LabelSpec = typeof args.labels === 'string' ? { mode: args.labels } : { mode: 'csv', file: expandPath(args.labels.csv) };
      const labelMapFile = typeof args.labels === 'object' && args.labels.labelMap ? expandPath(args.labels.labelMap) : undefined;
      const jobId = host.jobs.start('import', async (ctx) => {
        const job = { kind: 'import' as const, catalog: path, root: expandPath(args.folder), labels, ...(labelMapFile ? { labelMapFile } : {}) };
        const report = await runInThread<ImportReport>(job, ctx);
        const rows = new Set(failedImages(db).map((f) => f.path));
        walkProblems = report.failures.filter((f) => !rows.has(f.path)).map((f) => ({ ...f, source: report.root }));
        walkProblemsFor = path;
        return { report: sameImportReport(report) };
      });
      return { jobId };
    },
    'images.failures': async () => {
      const { db, path } = host.catalog();
      const walked = walkProblemsFor === path ? walkProblems : [];
      return [...failedImages(db), ...walked.map((p) => ({ id: null, path: p.path, source: p.source, error: p.error }))];
    },
    'export.start': async (args) => {
      const { db, path } = host.catalog();
      const settings = exportSettings(args);
      const jobId = host.jobs.start('export', async (ctx) => {
        // The form shows these again next time this catalog is open (export.lastSettings).
        rememberExportSettings(db, settings);
        // Settings problems (a folder holding another export, a bad template) come back as the job's error.
        const report = await runInThread<ExportReport>({ kind: 'export', catalog: path, settings }, ctx);
        if (report.cancelled) return { report: sameExportReport(report) };
        lastExportDir = report.outDir;
        const readExample = await readFile(join(report.outDir, 'read_example.py'), 'utf8').catch(() => undefined);
        return { report: sameExportReport(report), ...(readExample ? { readExample } : {}) };
      });
      return { jobId };
    },
    'export.preview': async (args) => form.preview(host.catalog().db, args),
    'export.estimate': async (args) => form.estimate(host.catalog().db, args),
    'export.template': async (args) => form.template(host.catalog().db, args),
    'export.lastSettings': async () => formSettings(rememberedExportSettings(host.catalog().db)),
    'export.reveal': async () => {
      const path = lastExportDir;
      if (path === null) return { opened: false, path, unsupported: 'No export has finished in this window yet.' };
      if (!host.opts.revealFolder) {
        return { opened: false, path, unsupported: 'The browser host cannot open folders on your computer (it may be another machine); copy the path instead.' };
      }
      const error = await host.opts.revealFolder(path);
      if (error) throw new HostError(`Could not open ${path}: ${error}`);
      return { opened: true, path };
    },
    'job.cancel': async ({ jobId }) => ({ cancelled: await host.jobs.cancel(jobId) }),
  };
  return { handlers, close: () => form.close() };
}
