// Result types and value lists of the contract (contract.ts re-exports all of it): the one definition
// of each. The core imports the ones it produces (reports, progress, statuses) from here, so the API
// cannot drift from what the core returns. The renderer compiles this file too: no Node or core imports.

import type { SourceLabels, SourceMerge, SourceSummary } from './contract-sources.ts';

export type ImageStatus = 'active' | 'excluded' | 'missing' | 'error';
export const IMAGE_STATUSES = ['active', 'excluded', 'missing', 'error'] as const;
/** Orders of the Library grid; `label` puts unlabelled rows last; the default is `path`. */
export const IMAGE_SORTS = ['label', 'path', 'size', 'date'] as const;
export type ImageSort = (typeof IMAGE_SORTS)[number];

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
  sources: SourceSummary[];
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

/** The host's long operations: each runs as a job with progress, cancel and one job.done. */
export const JOB_KINDS = ['import', 'export', 'clusters', 'folds'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A job's progress, as every long operation in the core reports it (core/jobs.ts). */
export interface Progress {
  phase: string;
  done: number;
  total: number;
  /** Items per second over the phase so far. */
  ratePerSec: number;
  /** Seconds left at the current rate; null until there is a rate to go by. */
  etaSec: number | null;
  /** The part in progress, e.g. the shard being written. */
  detail?: { label: string; done: number; total: number | null };
}

/** A file an import could not read or hash, and why. */
export interface ImportFailure {
  path: string;
  error: string;
}

/** How an import brought the near-duplicate clusters up to date. */
export interface SearchStats {
  mode: 'full' | 'incremental';
  /** Images searched against all others (every image in a full run). */
  searched: number;
  /** Pairs carried over from the previous run without a search. */
  reused: number;
}

export interface ImportReport {
  root: string;
  /** Where this import took labels from (the spec stored for its source). */
  labelMode: SourceLabels['mode'];
  found: number;
  added: number;
  changed: number;
  unchanged: number;
  moved: number;
  missing: number;
  failed: number;
  skipped: number;
  cancelled: boolean;
  failures: ImportFailure[];
  labelProblems: string[];
  /** Rows of overlapping sources (inside this folder, or holding it) that this source took over. */
  merged: SourceMerge[];
  seconds: number;
  hashedPerSec: number;
  /** Near-duplicate clusters after the import, when the catalog had been clustered before. */
  clusters?: number;
  /** How the clusters were brought up to date (incremental: only new or changed images searched). */
  clusterSearch?: SearchStats;
}

/** A catalog opened before (either shell), most recent first; files that no longer exist are left out. */
export interface RecentCatalog {
  path: string;
  /** ms since the epoch. */
  openedAt: number;
}

/** What the Electron app menu asks the page to do (the browser host has no menu and never sends these). */
export const APP_COMMANDS = ['open-catalog', 'open-recent', 'import', 'open-records'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export interface PathEntry {
  /** Absolute; folders end with '/'. */
  path: string;
  dir: boolean;
}

export const DUP_PRESETS = ['strict', 'balanced', 'loose'] as const;
export type DupPreset = (typeof DUP_PRESETS)[number];
export const DUP_DECISIONS = ['keep', 'not-duplicates', 'exclude-all', 'relabel', 'accept-suggestions'] as const;
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
  /** pHash Hamming distance to the suggested keeper (mirrored when that is closer). */
  distance: number;
}

export interface DupCluster {
  /** 1-based, in display order (mixed-label clusters first, then larger ones); decisions name it. */
  id: number;
  /** The suggested keeper (when the cluster was found) comes first. */
  members: DupMember[];
  /** Image id of the member a bulk accept keeps now, and why. */
  suggested: number;
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
  members: { id: number; status: ImageStatus; label: string | null }[];
  clusters: { id: number; resolved: boolean; notDuplicates: boolean; mixedLabels: boolean; suggested: number; reason: string }[];
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

/** One feature of a TFRecord file as seen over all its records (FixedLen when present everywhere with one count). */
export interface ViewerSchemaFeature {
  name: string;
  kind: 'bytes' | 'float' | 'int64' | 'none' | 'mixed';
  present: number;
  minValues: number;
  maxValues: number;
  totalBytes: number;
}

export interface ViewerFeature {
  name: string;
  kind: 'bytes' | 'float' | 'int64' | 'none';
  /** Values as text (bytes: UTF-8 when printable, else their length); long lists are cut. */
  values: string[];
  count: number;
  image?: { format: string; width: number | null; height: number | null; bytes: number };
}

export interface ViewerInspection {
  file: string;
  compression: string;
  records: number;
  schema: { examples: number; features: ViewerSchemaFeature[] };
  labelHistogram: { feature: string; counts: Record<string, number> } | null;
  record: { index: number; offset: number; features: ViewerFeature[] } | null;
  /** CRC and parse problems, each naming the byte offset; empty when the file is intact. */
  errors: string[];
}

export interface ViewerSample {
  index: number;
  /** Byte offset of the record in the (decompressed) stream. */
  offset: number;
  name: string | null;
  label: string | null;
  /** A small JPEG thumbnail as a data: URL (the CSP allows data: images); null when no image decodes. */
  image: string | null;
  /** Why there is no image, or the original's format and size. */
  imageNote: string;
}

export interface ViewerPage {
  file: string;
  offset: number;
  items: ViewerSample[];
}

export interface FoldsResult {
  params: { k: number; seed: number; stratify: boolean; groups: boolean };
  report: {
    k: number;
    /** Assigned images per fold. */
    sizes: number[];
    /** One row per label (null = unlabelled): its images per fold. */
    perLabel: { label: string | null; counts: number[]; ideal: number; maxDeviation: number }[];
    maxSizeDeviation: number;
    groupsSplit: number;
    /** Folds with no images: training on one would fail. */
    emptyFolds: number[];
    unassigned: number;
  };
  /** K×K near-duplicate pairs split across folds. */
  leakage: number[][];
  leakedPairs: number;
  images: number;
  groupProblems: string[];
}

export interface ShardSummary {
  file: string;
  fold: number;
  records: number;
  bytes: number;
  sha256: string;
}

export interface ExportReport {
  outDir: string;
  shards: ShardSummary[];
  records: number;
  passthrough: number;
  reencoded: number;
  failures: { path: string; error: string }[];
  /** Records written with target -1 (the 'include' policy). */
  unlabelled: number;
  /** Unlabelled images not written (the default 'skip' policy, when other images have labels). */
  unlabelledLeftOut: number;
  /** 'none': no image has a label, so no record carries a target (a test set). */
  labelling: Labelling;
  /** Names of the features every record holds, in write order. */
  features: string[];
  cancelled: boolean;
  /** What an interrupted earlier export had left beside the folder, and what was done with it. */
  recovered: string[];
  seconds: number;
  recordsPerSec: number;
}

/** Labels among the active images with a fold: 'none' makes the export a test set without targets. */
export type Labelling = 'all' | 'mixed' | 'none';
/**
 * Unlabelled images next to labelled ones: 'skip' (default) leaves them out (a sparse-categorical loss
 * fails or learns garbage on target -1), 'include' writes them with target -1.
 */
export const UNLABELLED_POLICIES = ['skip', 'include'] as const;
export type UnlabelledPolicy = (typeof UNLABELLED_POLICIES)[number];

/** Features written besides image, target and image_name (the notebook's three). */
export const EXPORT_OPTIONAL_FEATURES = ['label', 'height', 'width', 'one_hot_class', 'fold', 'sha256'] as const;
export const RESIZE_MODES = ['fill-crop', 'stretch', 'fit-pad', 'none'] as const;
export type ResizeMode = (typeof RESIZE_MODES)[number];
/** Shard file names unless the user picks others: the notebook's pattern. */
export const DEFAULT_NAME_TEMPLATE = 'train-{shard:02}-{count}.tfrec';

/** One catalog image through the export's own transform (what the export would write for it). */
export interface ExportPreview {
  imageId: number;
  /** Position among the active images (path order) and how many there are: "next sample" steps it. */
  index: number;
  of: number;
  path: string;
  label: string | null;
  original: { width: number; height: number; bytes: number; format: string };
  width: number;
  height: number;
  bytes: number;
  passthrough: boolean;
  /** The written JPEG as a data: URL; null when too large to send (its size above is still exact). */
  dataUrl: string | null;
  ms: number;
}

/** Bytes the export would write, projected from a seeded sample run through the export's transform. */
export interface ExportEstimate {
  /** Records the export would write: its own plan (every active image as one fold before folds exist). */
  images: number;
  /** Images transformed for the estimate; the rest of the exact part is summed from catalog sizes. */
  sampled: number;
  /** Images shipped byte for byte (JPEG already at the size): counted exactly, not sampled. */
  exact: number;
  meanBytes: number;
  medianBytes: number;
  /** Shard files, records framed with every chosen feature (before GZIP). */
  totalBytes: number;
  /** null until folds are assigned. */
  shards: number | null;
  /** Labels among the images the export would write; 'mixed' is when the unlabelled policy matters. */
  labelling: Labelling;
  /** Images counted above with target -1 (unlabelled, included on request). */
  unlabelled: number;
  /** Unlabelled images the export would leave out (the default with 'mixed'). */
  unlabelledLeftOut: number;
  /** Names of the features each record would hold (no label features when no image has a label). */
  features: string[];
  failed: number;
  ms: number;
}
