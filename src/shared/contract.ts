// The one typed API shared by the Electron IPC shell, the browser host and the renderer.
// Methods are named `domain.verb`; every argument is validated where it enters main (validateArgs).
// The renderer compiles this file too, so it must not import Node or core modules; the result
// types live in contract-types.ts (those of sources in contract-sources.ts).
import {
  arrayOf,
  bool,
  int,
  nullable,
  object,
  oneOf,
  optional,
  str,
  union,
  ValidationError,
  type Infer,
  type Validator,
} from './validate.ts';

export * from './contract-types.ts';
export * from './contract-sources.ts';
import {
  DUP_DECISIONS,
  DUP_PRESETS,
  EXPORT_OPTIONAL_FEATURES,
  IMAGE_STATUSES,
  IMAGE_SORTS,
  RESIZE_MODES,
  UNLABELLED_POLICIES,
} from './contract-types.ts';
import type {
  AppInfo,
  CatalogSummary,
  ImagePage,
  Failure,
  JobKind,
  Progress,
  ImportReport,
  RecentCatalog,
  AppCommand,
  PathEntry,
  DupRun,
  DupPatch,
  DupSweep,
  ViewerInspection,
  ViewerPage,
  FoldsResult,
  ExportReport,
  ExportPreview,
  ExportEstimate,
  UnlabelledPolicy,
} from './contract-types.ts';
import type { SourceRemoval } from './contract-sources.ts';
import { MAX_IMAGE_SIDE, MAX_SEED } from './limits.ts';

const exportTransform = {
  size: nullable(object({ width: int(1, MAX_IMAGE_SIDE), height: int(1, MAX_IMAGE_SIDE) })),
  mode: oneOf(RESIZE_MODES),
  quality: int(1, 100),
  chroma: oneOf(['420', '444'] as const),
  passthrough: bool(),
};
const exportFeatures = arrayOf(oneOf(EXPORT_OPTIONAL_FEATURES), EXPORT_OPTIONAL_FEATURES.length);

const path = str({ min: 1, max: 4096, path: true });
const none = object({});

/** Argument validators: the single source of truth for what each method accepts. */
export const ARGS = {
  'app.info': none,
  'catalog.open': object({ path }),
  'catalog.summary': none,
  'catalog.recent': none,
  'images.list': object({
    offset: int(0, 1e9),
    limit: int(1, 1000),
    // '' selects unlabelled images
    label: optional(str({ max: 1024 })),
    status: optional(oneOf(IMAGE_STATUSES)),
    sort: optional(oneOf(IMAGE_SORTS)),
  }),
  'images.failures': none,
  'import.start': object({
    folder: path,
    labels: union(oneOf(['folders', 'none'] as const), object({ csv: path, labelMap: optional(path) })),
  }),
  'sources.rescan': object({ id: int(1, Number.MAX_SAFE_INTEGER) }),
  'sources.remove': object({ id: int(1, Number.MAX_SAFE_INTEGER) }),
  'export.start': object({
    outDir: path,
    ...exportTransform,
    features: exportFeatures,
    gzip: bool(),
    overwrite: bool(),
    nameTemplate: optional(str({ min: 1, max: 255 })),
    /** Unlabelled images next to labelled ones; default 'skip' (left out). */
    unlabelled: optional(oneOf(UNLABELLED_POLICIES)),
  }),
  'export.preview': object({ ...exportTransform, imageId: optional(int(1, Number.MAX_SAFE_INTEGER)), index: optional(int(0, 1e9)) }),
  'export.estimate': object({
    ...exportTransform,
    features: exportFeatures,
    sample: optional(int(1, 256)),
    unlabelled: optional(oneOf(UNLABELLED_POLICIES)),
  }),
  'export.template': object({ template: str({ max: 255 }), unlabelled: optional(oneOf(UNLABELLED_POLICIES)), gzip: optional(bool()) }),
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
    member: optional(int(1, Number.MAX_SAFE_INTEGER)),
    includeMixed: optional(bool()),
    label: optional(str({ min: 1, max: 200 })),
  }),
  'dups.trash': object({ id: int(1, Number.MAX_SAFE_INTEGER) }),
  'dups.undo': none,
  'dups.redo': none,
  'folds.compute': object({ k: int(2, 100), seed: int(0, MAX_SEED), stratify: bool(), groups: bool() }),
  'folds.load': none,
  'viewer.inspect': object({ path, record: optional(int(0, 1e9)) }),
  'viewer.samples': object({ path, offset: int(0, 1e9), limit: int(1, 48) }),
  'dialog.open': object({ kind: oneOf(['folder', 'file', 'catalog'] as const), title: optional(str({ max: 200 })) }),
  'export.reveal': none,
  'export.lastSettings': none,
} satisfies Record<string, Validator<object>>;

type Args<M extends keyof typeof ARGS> = Infer<(typeof ARGS)[M]>;

/** The export form as last started on a catalog: export.start's arguments without overwrite, defaults filled in. */
export type ExportFormSettings = Omit<Args<'export.start'>, 'overwrite' | 'nameTemplate' | 'unlabelled'> & {
  nameTemplate: string;
  unlabelled: UnlabelledPolicy;
};

export interface Methods {
  'app.info': { args: Args<'app.info'>; result: AppInfo };
  /** Opens (creating if needed) a catalog file; it becomes the current catalog of this host. */
  'catalog.open': { args: Args<'catalog.open'>; result: CatalogSummary };
  /** null while no catalog is open. */
  'catalog.summary': { args: Args<'catalog.summary'>; result: CatalogSummary | null };
  /** Catalogs opened before, most recent first (at most 10); catalog.open adds to it. */
  'catalog.recent': { args: Args<'catalog.recent'>; result: RecentCatalog[] };
  'images.list': { args: Args<'images.list'>; result: ImagePage };
  'images.failures': { args: Args<'images.failures'>; result: Failure[] };
  /** Imports a folder; a folder holding or inside an imported one takes over its files (one row per file). */
  'import.start': { args: Args<'import.start'>; result: { jobId: string } };
  /** Imports a source's folder again with its stored label spec: the import job, as import.start. */
  'sources.rescan': { args: Args<'sources.rescan'>; result: { jobId: string } };
  /** Forgets a source's images (rows, hashes, cluster memberships); never touches a file. */
  'sources.remove': { args: Args<'sources.remove'>; result: SourceRemoval };
  /** Writes the assigned folds as TFRecord shards (as `winnow export`); progress and the report arrive as job events. */
  'export.start': { args: Args<'export.start'>; result: { jobId: string } };
  /** One active image (by id, or the index-th in path order; default the first) as the export would write it. */
  'export.preview': { args: Args<'export.preview'>; result: ExportPreview };
  /** Bytes per image from a seeded sample (default 32) and the projected total and shard count. */
  'export.estimate': { args: Args<'export.estimate'>; result: ExportEstimate };
  /** Checks a shard name template; `first` is the first shard's file name with the current folds. */
  'export.template': { args: Args<'export.template'>; result: { error: string | null; first: string | null } };
  'job.cancel': { args: Args<'job.cancel'>; result: { cancelled: boolean } };
  /** Server-side path completion (the browser has no file system): folders first, then files. */
  'fs.complete': { args: Args<'fs.complete'>; result: { entries: PathEntry[] } };
  /** pHash histogram and cluster count per threshold from one search: the slider needs no further calls. */
  'dups.sweep': { args: Args<'dups.sweep'>; result: DupSweep };
  /** The clusters of the last run (this screen's or the CLI's); null if clusters were never computed. */
  'dups.load': { args: Args<'dups.load'>; result: DupRun | null };
  /** Starts a clustering job (a preset, optionally overriding thresholds); job.done carries the new run, which replaces the last. */
  'dups.find': { args: Args<'dups.find'>; result: { jobId: string } };
  /**
   * One user action = one journal batch = one undo step (none when nothing would change). keep needs
   * cluster + member (an image id); relabel needs cluster + label (member: that image, else all);
   * accept-suggestions skips resolved and mixed-label clusters (unless includeMixed) and never undoes
   * an earlier decision. Planned by the core exactly as `winnow resolve` plans it.
   */
  'dups.decide': { args: Args<'dups.decide'>; result: DupPatch };
  /** Moves one excluded image's file to the OS trash (never deletes it); its row becomes `missing`. Not undoable: restore from the trash. */
  'dups.trash': { args: Args<'dups.trash'>; result: DupPatch };
  'dups.undo': { args: Args<'dups.undo'>; result: DupPatch };
  'dups.redo': { args: Args<'dups.redo'>; result: DupPatch };
  /** Starts a job assigning and storing folds over the active images (as `winnow folds`); job.done carries per-fold, per-label counts and leakage. */
  'folds.compute': { args: Args<'folds.compute'>; result: { jobId: string } };
  /** The stored assignment, reported as folds.compute reports it (nothing is reassigned); null when folds were never assigned. */
  'folds.load': { args: Args<'folds.load'>; result: FoldsResult | null };
  /** Reads a .tfrec(.gz) file once: count, schema, CRC problems, label histogram, and record N in detail. */
  'viewer.inspect': { args: Args<'viewer.inspect'>; result: ViewerInspection };
  /** Records offset..offset+limit with name, label and a thumbnail of their image. */
  'viewer.samples': { args: Args<'viewer.samples'>; result: ViewerPage };
  /** A native picker; `unsupported` explains why there is none (the browser host: use the path field). */
  'dialog.open': { args: Args<'dialog.open'>; result: { path: string | null; unsupported?: string } };
  /**
   * Opens the folder of this host's last finished export in the file manager (no path argument: the
   * page can open nothing else). `unsupported` explains why it cannot (the browser host).
   */
  'export.reveal': { args: Args<'export.reveal'>; result: { opened: boolean; path: string | null; unsupported?: string } };
  /** The settings of the last export started from the app on the open catalog (stored in it); null before the first. */
  'export.lastSettings': { args: Args<'export.lastSettings'>; result: ExportFormSettings | null };
}

export type MethodName = keyof Methods;

export interface Events {
  'job.progress': { jobId: string; kind: JobKind; progress: Progress };
  /** Exactly one per job: its report, `cancelled`, or the error that ended it (a sentence for the user). */
  'job.done':
    | ({ kind: 'import'; report?: ImportReport } & JobEnd)
    /** readExample: the read_example.py written next to the shards (absent when cancelled or failed). */
    | ({ kind: 'export'; report?: ExportReport; readExample?: string } & JobEnd)
    | ({ kind: 'clusters'; report?: DupRun } & JobEnd)
    | ({ kind: 'folds'; report?: FoldsResult } & JobEnd);
  /** A menu item or shortcut of the Electron shell; `path` names the catalog for open-recent. */
  'app.command': { command: AppCommand; path?: string };
  /**
   * Files dropped on the window, as paths (Electron's preload only: a sandboxed page cannot learn where
   * a dropped file lives, so the preload tells it before the page's own drop handlers run).
   */
  'app.drop': { paths: string[] };
}

interface JobEnd {
  jobId: string;
  cancelled?: boolean;
  error?: string;
}

export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'job.done', 'app.command', 'app.drop'];

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
