import { statSync } from 'node:fs';
import { isMethodName, validateArgs } from '../../shared/contract.ts';
import { openCatalog } from '../core/catalog/catalog.ts';
import { expandPath } from './complete.ts';
import type { Catalog, HandlerMap, HostContext, HostOptions } from './context.ts';
import type { DupsHost } from './dups-host.ts';
import { HostError, toUserError } from './errors.ts';
import { catalogHandlers } from './handlers/catalog.ts';
import { dupsHandlers } from './handlers/dups.ts';
import { foldsHandlers } from './handlers/folds.ts';
import { sourcesHandlers } from './handlers/sources.ts';
import { transferHandlers } from './handlers/transfer.ts';
import { viewerHandlers } from './handlers/viewer.ts';
import { JobRunner } from './jobs.ts';
import { WriteLock } from './lock.ts';
import { stderrLog, type HostLog } from './log.ts';
import { defaultConfigDir, RecentCatalogs } from './recent.ts';
import { Thumbnails } from './thumbs.ts';

// One Host (as in Actual Budget: one handler map, split by domain in handlers/) serves every shell:
// Electron IPC and the browser host build one with their own event sink and dialogs, then route every
// call through dispatch(). Writes are serialised by one lock, long operations are jobs, and every
// error goes through one policy (errors.ts).

export type { HandlerMap, HostOptions };
export { HostError };

interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

/** Device and inode of the file a path names now (bigint: inodes may exceed 2^53), or null when it is gone. */
function fileIdentity(path: string): FileIdentity | null {
  try {
    const st = statSync(path, { bigint: true });
    return { dev: st.dev, ino: st.ino };
  } catch (err) {
    // Gone, or a folder on its path replaced by a file; anything else (EIO…) is not proof it went.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

export class Host implements HostContext {
  readonly handlers: HandlerMap;
  readonly thumbs: Thumbnails;
  readonly recent: RecentCatalogs | null;
  readonly opts: HostOptions;
  readonly lock = new WriteLock();
  readonly jobs: JobRunner;
  readonly log: HostLog;
  private catalogNow: Catalog | null = null;
  /** The open catalog file's identity at open (dev + inode), to notice it being deleted or replaced. */
  private openedAs: FileIdentity | null = null;
  /** The catalog whose file went away under us, until another one is opened. */
  private lostPath: string | null = null;
  private readonly dups: DupsHost;
  private readonly closeTransfer: () => Promise<void>;

  constructor(opts: HostOptions) {
    this.opts = opts;
    this.log = opts.log ?? stderrLog();
    this.jobs = new JobRunner(opts.emit, this.lock, this.log);
    this.thumbs = new Thumbnails(() => this.checked());
    this.recent = opts.recent === undefined ? new RecentCatalogs(defaultConfigDir()) : opts.recent;
    const transfer = transferHandlers(this);
    const dups = dupsHandlers(this);
    this.dups = dups.dups;
    this.closeTransfer = transfer.close;
    this.handlers = {
      ...catalogHandlers(this),
      ...sourcesHandlers(this),
      ...transfer.handlers,
      ...dups.handlers,
      ...foldsHandlers(this),
      ...viewerHandlers(),
    };
    if (opts.catalog) {
      // Open first: `recent?.add(...)` would skip evaluating its argument when there is no list.
      const { path } = this.open(opts.catalog);
      this.recent?.add(path);
    }
  }

  /** Validates and runs one call from an untrusted side (IPC, WebSocket); errors follow the host's policy. */
  async dispatch(method: unknown, args: unknown): Promise<unknown> {
    try {
      if (!isMethodName(method)) throw new HostError(`Unknown method: ${String(method).slice(0, 60)}`);
      const valid = validateArgs(method, args);
      return await (this.handlers[method] as (a: unknown) => Promise<unknown>)(valid);
    } catch (err) {
      throw toUserError(err, `${typeof method === 'string' ? method.slice(0, 60) : 'call'}`, this.log);
    }
  }

  get catalogPath(): string | null {
    return this.catalogNow?.path ?? null;
  }

  /** The open catalog, or null when none is; refuses, as catalog() does, when its file went away. */
  get current(): Catalog | null {
    const c = this.checked();
    if (!c && this.lostPath) throw this.lostError();
    return c;
  }

  catalog(): Catalog {
    const c = this.checked();
    if (c) return c;
    if (this.lostPath) throw this.lostError();
    throw new HostError('No catalog is open: open or create one first.');
  }

  private lostError(): HostError {
    return new HostError(`The catalog ${this.lostPath} was deleted or replaced while open; reopen it.`);
  }

  /**
   * The open catalog if its path still names the file opened. Deleted or replaced under us, our
   * handle would write into a file nobody sees while workers (which open by path) create or read
   * another: so it is closed — after stopping any job still using it — and every caller refused.
   */
  private checked(): Catalog | null {
    const c = this.catalogNow;
    if (!c) return null;
    const now = fileIdentity(c.path);
    if (now && this.openedAs && now.dev === this.openedAs.dev && now.ino === this.openedAs.ino) return c;
    this.catalogNow = null;
    this.openedAs = null;
    this.lostPath = c.path;
    this.thumbs.clear();
    void this.jobs.stopAll().finally(() => c.db.close());
    return null;
  }

  /** Cancels running jobs, waits for them to keep what they wrote, then closes the catalog. */
  async close(): Promise<void> {
    await this.closeTransfer();
    await this.dups.close();
    await this.jobs.stopAll();
    this.catalogNow?.db.close();
    this.catalogNow = null;
  }

  open(file: string): Catalog {
    const path = expandPath(file);
    if (this.catalogNow?.path === path && this.checked()) return this.catalogNow;
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // a new catalog: openCatalog creates it
    }
    if (isDir) throw new HostError(`${path} is a folder; give a catalog file name, e.g. ${path.replace(/\/$/, '')}/dataset.winnow`);
    // A repair made at open (decisions re-applied) is logged; the catalog then opens as usual.
    const db = openCatalog(path, { create: true, onNotice: (sentence) => this.log.error('catalog.open', sentence) });
    this.catalogNow?.db.close();
    this.thumbs.clear();
    const opened = { db, path };
    this.catalogNow = opened;
    this.openedAs = fileIdentity(path);
    this.lostPath = null;
    this.dups.warmUp(
      () => (this.catalogNow === opened ? opened : null),
      () => this.lock.held === null,
    );
    return opened;
  }
}
