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
  /**
   * contained: that source lay inside this import's folder and is now part of it (its entry removed);
   * enclosing: this folder lies inside that source, which keeps the rest and skips this folder from now on.
   */
  kind: 'contained' | 'enclosing';
  /** contained: its folder relative to this import's root ('plants/'); enclosing: its absolute folder. */
  from: string;
  /** Rows that now belong to this import's source, ids unchanged. */
  files: number;
  /** Of those, rows whose label this import's spec changed. */
  relabelled: number;
  /** Second rows for the same files (catalogs from before this rule), dropped. */
  duplicates: number;
}
