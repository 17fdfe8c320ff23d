import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Events, EventName, FoldsResult, MethodName, Methods } from '../../shared/contract.ts';
import { isMethodName, validateArgs } from '../../shared/contract.ts';
import { openCatalog } from '../core/catalog/catalog.ts';
import type { ExportReport } from '../core/export/export.ts';
import type { FoldResult } from '../core/folds/catalog-folds.ts';
import { WINNOW_VERSION } from '../core/version.ts';
import { completePath, expandPath } from './complete.ts';
import { ExportArgsError, exportSettings, sameExportReport } from './export-settings.ts';
import { ExportForm } from './export-preview.ts';
import type { DupsService } from './dups-service.ts';
import { DupsHost } from './dups-host.ts';
import { HostError } from './errors.ts';
import { runInThread } from './threaded.ts';
import { JobRunner, type JobBody, type JobKind } from './jobs.ts';
import { catalogSummary, listImagePage } from '../core/catalog/queries.ts';
import { defaultConfigDir, RecentCatalogs } from './recent.ts';
import { SourcesHost } from './sources-host.ts';
import { Thumbnails } from './thumbs.ts';
import { inspect as inspectTfrecord, samples as tfrecordSamples, ViewerError } from './viewer.ts';

// One handler map (as in Actual Budget) serves every shell: Electron IPC and the browser host build a
// Host with their own event sink and dialog, then route every call through dispatch().

// The contract restates core types for the renderer; this fails to compile if they drift apart.
const sameFolds = (r: FoldResult): FoldsResult => r;

type Handler<M extends MethodName> = (args: Methods[M]['args']) => Promise<Methods[M]['result']>;
export type HandlerMap = { [M in MethodName]: Handler<M> };

export interface HostOptions {
  shell: 'electron' | 'browser';
  emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Native picker; absent in the browser host. */
  openDialog?: (args: Methods['dialog.open']['args']) => Promise<string | null>;
  /** Shows a folder in the OS file manager (Electron: shell.openPath); resolves to an error text or ''. */
  revealFolder?: (path: string) => Promise<string>;
  /** The platform trash (Electron's shell.trashItem on macOS / Windows); else the freedesktop.org one. */
  trashItem?: (path: string) => Promise<void>;
  catalog?: string;
  /** Where opened catalogs are remembered; default ~/.config/winnow (WINNOW_CONFIG_DIR); null = nowhere. */
  recent?: RecentCatalogs | null;
}

export { HostError };

export class Host {
  readonly handlers: HandlerMap;
  readonly thumbs: Thumbnails;
  readonly recent: RecentCatalogs | null;
  private catalog: { db: Database.Database; path: string } | null = null;
  private readonly dupsHost: DupsHost;
  /** The only folder `export.reveal` may open: where this host's last export was written. */
  private lastExportDir: string | null = null;
  private readonly jobs: JobRunner;
  private readonly sources: SourcesHost;
  private readonly opts: HostOptions;
  private readonly exportForm = new ExportForm();

  constructor(opts: HostOptions) {
    this.opts = opts;
    this.jobs = new JobRunner(opts.emit);
    // A source removal deletes rows: clustering and decisions wait for it as they wait for a job.
    this.dupsHost = new DupsHost(() => this.jobs.running || this.sources.busy);
    this.sources = new SourcesHost({
      current: () => this.current(),
      startJob: (kind, body) => this.startJob(kind, body),
      onImported: (jobId, report) => this.opts.emit('job.done', { jobId, kind: 'import', report }),
      writerBusy: () =>
        this.jobs.running ? 'An import or export is running' : this.dupsHost.computing ? 'Clusters are being computed' : null,
    });
    this.thumbs = new Thumbnails(() => this.catalog);
    this.recent = opts.recent === undefined ? new RecentCatalogs(defaultConfigDir()) : opts.recent;
    if (opts.catalog) {
      // Open first: `recent?.add(...)` would skip evaluating its argument when there is no list.
      const { path } = this.open(opts.catalog);
      this.recent?.add(path);
    }
    this.handlers = this.createHandlers();
  }

  /** Validates and runs one call from an untrusted side (IPC, WebSocket). */
  async dispatch(method: unknown, args: unknown): Promise<unknown> {
    if (!isMethodName(method)) throw new HostError(`Unknown method: ${String(method).slice(0, 60)}`);
    const valid = validateArgs(method, args);
    return (this.handlers[method] as (a: unknown) => Promise<unknown>)(valid);
  }

  get catalogPath(): string | null {
    return this.catalog?.path ?? null;
  }

  /** Cancels running jobs, waits for them to keep what they wrote, then closes the catalog. */
  async close(): Promise<void> {
    await this.exportForm.close();
    await this.dupsHost.close();
    await this.jobs.stopAll();
    this.catalog?.db.close();
    this.catalog = null;
  }

  private open(file: string): { db: Database.Database; path: string } {
    const path = expandPath(file);
    if (this.catalog?.path === path) return this.catalog;
    if (this.jobs.running) throw new HostError('An import or export is running; cancel it or wait before opening another catalog.');
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a new catalog: openCatalog creates it
    }
    if (isDir) throw new HostError(`${path} is a folder; give a catalog file name, e.g. ${path.replace(/\/$/, '')}/dataset.winnow`);
    const db = openCatalog(path);
    this.catalog?.db.close();
    this.thumbs.clear();
    this.sources.clear();
    this.catalog = { db, path };
    this.dupsHost.warmUp(() => (this.catalog?.path === path ? this.catalog : null));
    return this.catalog;
  }

  private current(): { db: Database.Database; path: string } {
    if (!this.catalog) throw new HostError('No catalog is open: open or create one first.');
    return this.catalog;
  }

  private dups(): DupsService {
    return this.dupsHost.get(this.current());
  }

  private dupsWrite<T>(run: (d: DupsService) => T | Promise<T>): Promise<T> {
    return this.dupsHost.write(this.current(), run);
  }

  /** The export form's preview, estimate and name check: settings problems are the user's to fix. */
  private async form<T>(run: (f: ExportForm, db: Database.Database) => Promise<T>): Promise<T> {
    try {
      return await run(this.exportForm, this.current().db);
    } catch (err) {
      throw err instanceof ExportArgsError ? new HostError(err.message) : err;
    }
  }

  private async viewer<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw err instanceof ViewerError ? new HostError(err.message) : err;
    }
  }

  /** One job at a time: it writes the catalog (import) or reads it whole (export) while the UI waits. */
  private startJob(kind: JobKind, body: JobBody): string {
    if (this.jobs.running) throw new HostError('An import or export is already running; wait for it or cancel it.');
    if (this.dupsHost.computing) throw new HostError('Clusters are being computed; start the job when they are shown.');
    if (this.sources.busy) throw new HostError('A source is being removed; start the job when it is done.');
    return this.jobs.start(kind, body);
  }

  private startExport(args: Methods['export.start']['args']): string {
    const { path } = this.current();
    let settings;
    try {
      settings = exportSettings(args);
    } catch (err) {
      throw err instanceof ExportArgsError ? new HostError(err.message) : err;
    }
    return this.startJob('export', async (ctx, jobId) => {
      // Settings problems (a folder holding another export, a bad template) come back as the job's error.
      const report = await runInThread<ExportReport>({ kind: 'export', catalog: path, settings }, ctx);
      if (!report.cancelled) this.lastExportDir = report.outDir;
      const readExample = report.cancelled ? undefined : await readFile(join(report.outDir, 'read_example.py'), 'utf8').catch(() => undefined);
      this.opts.emit('job.done', { jobId, kind: 'export', report: sameExportReport(report), ...(readExample ? { readExample } : {}) });
    });
  }

  private createHandlers(): HandlerMap {
    return {
      'app.info': async () => ({
        name: 'Winnow',
        version: WINNOW_VERSION,
        node: process.versions.node,
        platform: process.platform,
        shell: this.opts.shell,
      }),
      'catalog.open': async ({ path }) => {
        const c = this.open(path);
        this.recent?.add(c.path);
        return catalogSummary(c.db, c.path);
      },
      'catalog.recent': async () => this.recent?.list() ?? [],
      'catalog.summary': async () => (this.catalog ? catalogSummary(this.catalog.db, this.catalog.path) : null),
      'images.list': async (args) => listImagePage(this.current().db, args),
      'images.failures': async () => this.sources.failures(this.current().db),
      'import.start': async (args) => ({ jobId: this.sources.startImport(args) }),
      'sources.rescan': async ({ id }) => ({ jobId: this.sources.rescan(id) }),
      'sources.remove': async ({ id }) => this.sources.remove(id),
      'export.start': async (args) => ({ jobId: this.startExport(args) }),
      'export.preview': async (args) => this.form((f, db) => f.preview(db, args)),
      'export.estimate': async (args) => this.form((f, db) => f.estimate(db, args)),
      'export.template': async ({ template }) => this.form(async (f, db) => f.template(db, template)),
      'job.cancel': async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      'fs.complete': async ({ prefix, kind }) => ({ entries: await completePath(prefix, kind) }),
      'dups.sweep': async ({ max }) => this.dups().sweep(max),
      'dups.load': async () => this.dups().load(),
      'dups.find': async (args) => this.dupsWrite((d) => d.find(args)),
      'dups.decide': async (args) => this.dupsWrite((d) => d.decide(args)),
      'dups.trash': async ({ id }) => this.dupsWrite((d) => d.trash(id, this.opts.trashItem)),
      'dups.undo': async () => this.dupsWrite((d) => d.step('undo')),
      'dups.redo': async () => this.dupsWrite((d) => d.step('redo')),
      'folds.compute': async (args) => {
        // Folds are rewritten in the catalog: not while an import is adding rows to it.
        if (this.jobs.running) throw new HostError('An import or export is running; wait for it to finish before assigning folds.');
        // Seconds at a million images: off the host's thread, like clustering.
        return sameFolds(await runInThread<FoldResult>({ kind: 'folds', catalog: this.current().path, params: args }));
      },
      'viewer.inspect': async (args) => this.viewer(() => inspectTfrecord(args)),
      'viewer.samples': async (args) => this.viewer(() => tfrecordSamples(args)),
      'export.reveal': async () => {
        const path = this.lastExportDir;
        if (path === null) return { opened: false, path, unsupported: 'No export has finished in this window yet.' };
        if (!this.opts.revealFolder) {
          return { opened: false, path, unsupported: 'The browser host cannot open folders on your computer (it may be another machine); copy the path instead.' };
        }
        const error = await this.opts.revealFolder(path);
        if (error) throw new HostError(`Could not open ${path}: ${error}`);
        return { opened: true, path };
      },
      'dialog.open': async (args) => {
        if (!this.opts.openDialog) return { path: null, unsupported: 'No file dialog in the browser: type the path (Tab completes).' };
        return { path: await this.opts.openDialog(args) };
      },
    };
  }
}
