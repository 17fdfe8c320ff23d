// The one typed API shared by the Electron IPC shell, the browser host and the renderer.
// Methods are named `domain.verb`; every argument is validated where it enters main (validateArgs).
// The renderer compiles this file too, so it must not import Node or core modules: the result
// types below mirror the core's and handlers.ts checks they still match.
import { bool, int, object, oneOf, optional, str, union, ValidationError, type Infer, type Validator } from './validate.ts';

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

export const DUP_PRESETS = ['strict', 'balanced', 'loose'] as const;
export type DupPreset = (typeof DUP_PRESETS)[number];
export const DUP_DECISIONS = ['keep', 'not-duplicates', 'exclude-all', 'accept-suggestions'] as const;
export type DupDecisionKind = (typeof DUP_DECISIONS)[number];

export interface DupMember {
  id: number;
  path: string;
  sha256: string;
  label: string | null;
  status: ImageStatus;
  width: number;
  height: number;
  /** Bytes on disk. */
  size: number;
  format: string;
  /** pHash distance to the suggested keeper. */
  distance: number;
}

export interface DupCluster {
  /** 1-based, in display order (mixed-label clusters first, then larger ones); decisions name it. */
  id: number;
  /** The suggested keeper comes first. */
  members: DupMember[];
  suggested: string;
  reason: string;
  mixedLabels: boolean;
  /** At most one member active, or the user said these are not duplicates. */
  resolved: boolean;
  notDuplicates: boolean;
}

export interface DupCounts {
  clusters: number;
  resolved: number;
  remaining: number;
  mixedLabels: number;
  /** Images excluded in the whole catalog. */
  excluded: number;
  undoable: number;
  redoable: number;
}

export interface DupRun {
  rule: string;
  images: number;
  /** Images indexed before matching features existed: only their exact copies are found. */
  needReindex: number;
  clusters: DupCluster[];
  counts: DupCounts;
}

/** What a decision, undo or redo changed: only the touched members and clusters, so 10,000 clusters stay cheap. */
export interface DupPatch {
  counts: DupCounts;
  members: { id: number; status: ImageStatus }[];
  clusters: { id: number; resolved: boolean; notDuplicates: boolean }[];
  /** False when there was nothing to undo / redo / accept. */
  changed: boolean;
  message: string;
}

export interface DupSweep {
  /** pHash pairs at each distance 0..max. */
  histogram: number[];
  /** Clusters by pHash alone at each threshold 0..max (the full rule adds dHash and thumbnail checks). */
  clusters: number[];
  presets: Record<DupPreset, number>;
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
  'dups.sweep': object({ max: int(1, 32) }),
  'dups.load': none,
  'dups.find': object({
    preset: optional(oneOf(DUP_PRESETS)),
    phash: optional(int(0, 32)),
    dhash: optional(int(0, 64)),
    mirror: optional(bool()),
  }),
  'dups.decide': object({
    kind: oneOf(DUP_DECISIONS),
    cluster: optional(int(1, 1e9)),
    sha256: optional(str({ min: 64, max: 64 })),
    includeMixed: optional(bool()),
  }),
  'dups.undo': none,
  'dups.redo': none,
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
  /** pHash histogram and cluster count per threshold from one search: the slider needs no further calls. */
  'dups.sweep': { args: Args<'dups.sweep'>; result: DupSweep };
  /** The clusters of the last run (this screen's or the CLI's); null if clusters were never computed. */
  'dups.load': { args: Args<'dups.load'>; result: DupRun | null };
  /** Computes clusters with a preset, optionally overriding thresholds; replaces the last run. */
  'dups.find': { args: Args<'dups.find'>; result: DupRun };
  /** One user action = one journal batch = one undo step. keep needs cluster + sha256; accept-suggestions skips mixed-label clusters unless includeMixed. */
  'dups.decide': { args: Args<'dups.decide'>; result: DupPatch };
  'dups.undo': { args: Args<'dups.undo'>; result: DupPatch };
  'dups.redo': { args: Args<'dups.redo'>; result: DupPatch };
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
