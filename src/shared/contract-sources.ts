// The contract's types for sources (imported folders) and what an import took over from overlapping
// ones; contract.ts re-exports them. Plain types: the renderer compiles this file too.

/** Where a source's labels come from (what a re-scan uses again). */
export type SourceLabels = { mode: 'folders' } | { mode: 'none' } | { mode: 'csv'; file: string };

/** One imported folder. */
export interface SourceSummary {
  id: number;
  /** Absolute, symlinks resolved, no trailing '/'. */
  root: string;
  labels: SourceLabels;
  /** The JSON label map the CSV's values go through, if any. */
  labelMap: string | null;
  /** Rows of any status. */
  images: number;
  /** ms since the epoch; null if no import of it finished. */
  lastImportAt: number | null;
}

/** What `sources.remove` forgot (no file is touched). */
export interface SourceRemoval {
  root: string;
  images: number;
  /** Near-duplicate clusters afterwards; null when the catalog was never clustered. */
  clusters: number | null;
}

/** Rows an import took over from an overlapping source (see core/scan/source-overlap.ts). */
export interface SourceMerge {
  /** contained: that source lay inside the imported folder and is now part of it; enclosing: the folder lies inside that source. */
  kind: 'contained' | 'enclosing';
  /** contained: relative to the imported folder ('plants/'); enclosing: that source's absolute folder. */
  from: string;
  files: number;
  relabelled: number;
  /** Second rows for the same files (catalogs from before this rule), dropped. */
  duplicates: number;
}
