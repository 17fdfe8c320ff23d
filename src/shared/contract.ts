// The one typed API shared by the Electron IPC shell, the browser host and the renderer.
// Methods are named `domain.verb`; every argument is validated where it enters main (validateArgs).
// The renderer compiles this file too, so it must not import Node or core modules: the result
// types below mirror the core's and handlers.ts checks they still match.
import { int, object, oneOf, optional, str, union, ValidationError, type Infer, type Validator } from './validate.ts';

export type ImageStatus = 'active' | 'excluded' | 'missing' | 'error';
export const IMAGE_STATUSES = ['active', 'excluded', 'missing', 'error'] as const;

export interface AppInfo {
  name: string;
  version: string;
  node: string;
  platform: string;
  /** Which shell answers: decides whether native dialogs exist and how images are addressed. */
  shell: 'electron' | 'browser';
}

export interface CatalogSummary {
  path: string;
  images: number;
  statuses: Record<ImageStatus, number>;
  /** Per label (any status; `active` is what trains), largest first; `name` null = unlabelled. */
  labels: { name: string | null; active: number; total: number }[];
  sources: { root: string; labelMode: string; images: number; lastImportAt: number | null }[];
}

export interface ImageItem {
  id: number;
  path: string;
  label: string | null;
  status: ImageStatus;
  width: number | null;
  height: number | null;
  format: string | null;
}

export interface ImagePage {
  total: number;
  offset: number;
  items: ImageItem[];
}

export interface Failure {
  /** Catalog row id; null for problems found while walking the folder (no row exists). */
  id: number | null;
  path: string;
  source: string | null;
  error: string;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
  ratePerSec: number;
  etaSec: number | null;
  detail?: { label: string; done: number; total: number | null };
}

export interface ImportReport {
  root: string;
  found: number;
  added: number;
  changed: number;
  unchanged: number;
  moved: number;
  missing: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
  failures: { path: string; error: string }[];
  labelProblems: string[];
  seconds: number;
  hashedPerSec: number;
  clusters?: number;
}

export interface PathEntry {
  /** Absolute; folders end with '/'. */
  path: string;
  dir: boolean;
}

const path = str({ min: 1, max: 4096, path: true });
const none = object({});

/** Argument validators: the single source of truth for what each method accepts. */
export const ARGS = {
  'app.info': none,
  'catalog.open': object({ path }),
  'catalog.summary': none,
  'images.list': object({
    offset: int(0, 1e9),
    limit: int(1, 1000),
    // '' selects unlabelled images
    label: optional(str({ max: 1024 })),
    status: optional(oneOf(IMAGE_STATUSES)),
  }),
  'images.failures': none,
  'import.start': object({
    folder: path,
    labels: union(oneOf(['folders', 'none'] as const), object({ csv: path, labelMap: optional(path) })),
  }),
  'job.cancel': object({ jobId: str({ min: 1, max: 64 }) }),
  'fs.complete': object({ prefix: str({ max: 4096, path: true }), kind: optional(oneOf(['dir', 'any'] as const)) }),
  'dialog.open': object({ kind: oneOf(['folder', 'file', 'catalog'] as const), title: optional(str({ max: 200 })) }),
} satisfies Record<string, Validator<object>>;

type Args<M extends keyof typeof ARGS> = Infer<(typeof ARGS)[M]>;

export interface Methods {
  'app.info': { args: Args<'app.info'>; result: AppInfo };
  /** Opens (creating if needed) a catalog file; it becomes the current catalog of this host. */
  'catalog.open': { args: Args<'catalog.open'>; result: CatalogSummary };
  /** null while no catalog is open. */
  'catalog.summary': { args: Args<'catalog.summary'>; result: CatalogSummary | null };
  'images.list': { args: Args<'images.list'>; result: ImagePage };
  'images.failures': { args: Args<'images.failures'>; result: Failure[] };
  'import.start': { args: Args<'import.start'>; result: { jobId: string } };
  'job.cancel': { args: Args<'job.cancel'>; result: { cancelled: boolean } };
  /** Server-side path completion (the browser has no file system): folders first, then files. */
  'fs.complete': { args: Args<'fs.complete'>; result: { entries: PathEntry[] } };
  /** A native picker; `unsupported` explains why there is none (the browser host: use the path field). */
  'dialog.open': { args: Args<'dialog.open'>; result: { path: string | null; unsupported?: string } };
}

export type MethodName = keyof Methods;
export const METHOD_NAMES = Object.keys(ARGS) as MethodName[];

export interface Events {
  'job.progress': { jobId: string; kind: 'import'; progress: Progress };
  /** Exactly one per job: the report (possibly `cancelled`), or the error that ended it. */
  'job.done': { jobId: string; kind: 'import'; report?: ImportReport; error?: string };
}

export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'job.done'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(ARGS, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/** Checks a call from an untrusted side; missing args count as `{}`. Throws ValidationError. */
export function validateArgs<M extends MethodName>(method: M, args: unknown): Methods[M]['args'] {
  const check = ARGS[method] as Validator<Methods[M]['args']>;
  return check(args ?? {}, method);
}

export { ValidationError };

/** What every transport (IPC, WebSocket) offers the renderer. */
export interface Api {
  invoke<M extends MethodName>(method: M, args: Methods[M]['args']): Promise<Methods[M]['result']>;
  on<E extends EventName>(event: E, callback: (payload: Events[E]) => void): () => void;
  /** URL of a catalog image's thumbnail, by id only. */
  imageUrl(id: number, size: ThumbSize): string;
}

export const THUMB_SIZES = [128, 256, 512] as const;
export type ThumbSize = (typeof THUMB_SIZES)[number];
