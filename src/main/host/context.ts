// What every domain's handlers (handlers/*.ts) get from the Host: the open catalog, the one write
// lock, the one job runner, the shell's options and event sink.
import type Database from 'better-sqlite3';
import type { EventName, Events, MethodName, Methods } from '../../shared/contract.ts';
import type { RecentCatalogs } from './recent.ts';
import type { HostLog } from './log.ts';
import type { JobRunner } from './jobs.ts';
import type { WriteLock } from './lock.ts';

export interface Catalog {
  db: Database.Database;
  path: string;
}

type Handler<M extends MethodName> = (args: Methods[M]['args']) => Promise<Methods[M]['result']>;
export type HandlerMap = { [M in MethodName]: Handler<M> };
/** One domain's share of the handler map. */
export type Handlers<M extends MethodName> = { [K in M]: Handler<K> };

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
  /** Where bugs are logged (default: stderr, as `winnow serve` wants). */
  log?: HostLog;
}

export interface HostContext {
  readonly opts: HostOptions;
  readonly lock: WriteLock;
  readonly jobs: JobRunner;
  readonly recent: RecentCatalogs | null;
  /** The open catalog; refuses with a sentence when there is none, or when its file was deleted or replaced. */
  catalog(): Catalog;
  /** The open catalog or null; refuses, as catalog() does, when its file was deleted or replaced. */
  readonly current: Catalog | null;
  /** Opens (creating if needed) a catalog and makes it current; the caller holds the lock. */
  open(file: string): Catalog;
}
