// Shards out: the export job, the export form's preview / estimate / name check and remembered
// settings, opening the last export's folder, and cancelling any job.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportReport } from '../../core/export/export.ts';
import type { HostContext, Handlers } from '../context.ts';
import { HostError } from '../errors.ts';
import { ExportForm } from '../export-preview.ts';
import { exportSettings, formSettings, sameExportReport } from '../export-settings.ts';
import { rememberedExportSettings, rememberExportSettings } from '../../core/export/remembered.ts';
import { runInThread } from '../threaded.ts';

type TransferMethods =
  'export.start' | 'export.preview' | 'export.estimate' | 'export.template' | 'export.lastSettings' | 'export.reveal' | 'job.cancel';

export function transferHandlers(host: HostContext): { handlers: Handlers<TransferMethods>; close(): Promise<void> } {
  /** The only folder `export.reveal` may open: where this host's last export was written. */
  let lastExportDir: string | null = null;
  const form = new ExportForm();

  const handlers: Handlers<TransferMethods> = {
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
        return {
          opened: false,
          path,
          unsupported: 'The browser host cannot open folders on your computer (it may be another machine); copy the path instead.',
        };
      }
      const error = await host.opts.revealFolder(path);
      if (error) throw new HostError(`Could not open ${path}: ${error}`);
      return { opened: true, path };
    },
    'job.cancel': async ({ jobId }) => ({ cancelled: await host.jobs.cancel(jobId) }),
  };
  return { handlers, close: () => form.close() };
}
