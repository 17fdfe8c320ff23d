import { absolutePath } from '../catalog/images.ts';
import { UNLABELLED_POLICIES, type Labelling, type UnlabelledPolicy } from '../../../shared/contract-types.ts';
import type Database from 'better-sqlite3';
import { mulberry32, seedOf, shuffleInPlace } from '../folds/rng.ts';
import { UserError } from '../errors.ts';
import type { FeatureId } from './settings.ts';

export interface PlannedRecord {
  imageId: number;
  absPath: Buffer;
  relPath: string;
  sha256: string;
  label: string | null;
  /** -1 for unlabelled images (written only with the 'include' policy). */
  target: number;
  fold: number;
}

/**
 * Unlabelled images next to labelled ones: 'skip' leaves them out (a sparse-categorical loss fails or
 * learns garbage on target -1), 'include' writes them with target -1.
 */
export type { Labelling, UnlabelledPolicy };
export { UNLABELLED_POLICIES };

export interface PlanOptions {
  /** Default 'skip'. No effect when no image has a label: then every image is written. */
  unlabelled?: UnlabelledPolicy | undefined;
  /**
   * Before folds exist: 'refuse' (the export) or plan every active image as fold 0 (the size estimate,
   * which must count what the export will write once folds are assigned). Default 'refuse'.
   */
  withoutFolds?: 'refuse' | 'as-fold-0';
}

export interface ExportPlan {
  /** Records in write order: folds ascending, each fold shuffled with the seed. */
  records: PlannedRecord[];
  /** target → label name, as written to label_map.json. */
  labelMap: Map<number, string>;
  numClasses: number;
  folds: number[];
  /** False when planned with withoutFolds 'as-fold-0' and no folds are assigned. */
  folded: boolean;
  labelling: Labelling;
  /** Records written with target -1. */
  unlabelled: number;
  /** Unlabelled images of the chosen folds left out by the 'skip' policy. */
  unlabelledLeftOut: number;
  /** Source folders the planned records are read from, each once. */
  roots: string[];
}

export class ExportPlanError extends UserError {
  override name = 'ExportPlanError';
}

interface PlanRow {
  id: number;
  root: string;
  pathBytes: Buffer;
  relPath: string;
  sha256: string;
  label: string | null;
  code: number | null;
  fold: number;
}

const COLUMNS = `i.id, s.root, i.path_bytes AS pathBytes, i.rel_path AS relPath, i.sha256, l.name AS label, l.code`;

/**
 * Which images go where: active images with a fold, in a deterministic order. Targets are the
 * dataset's own class numbers when every label has one (a Kaggle CSV with a label map), otherwise
 * the index of the label name in sorted order.
 */
export function planExport(db: Database.Database, folds: number[] | null, seed: number, opts: PlanOptions = {}): ExportPlan {
  let rows = db
    .prepare(
      `SELECT ${COLUMNS}, f.fold
       FROM fold_assignments f JOIN images i ON i.id = f.image_id JOIN sources s ON s.id = i.source_id
       LEFT JOIN labels l ON l.id = i.label_id
       WHERE i.status = 'active' ORDER BY s.root, i.path_bytes`,
    )
    .all() as PlanRow[];
  let folded = true;
  if (rows.length === 0) {
    const any = db.prepare('SELECT 1 FROM fold_assignments').get();
    if (any || opts.withoutFolds !== 'as-fold-0') {
      throw new ExportPlanError(any ? 'No active image has a fold: nothing to export' : 'No folds assigned yet: run `winnow folds` first');
    }
    folded = false;
    rows = db
      .prepare(
        `SELECT ${COLUMNS}, 0 AS fold
         FROM images i JOIN sources s ON s.id = i.source_id LEFT JOIN labels l ON l.id = i.label_id
         WHERE i.status = 'active' ORDER BY s.root, i.path_bytes`,
      )
      .all() as PlanRow[];
  }
  const allFolds = [...new Set(rows.map((r) => r.fold))].sort((a, b) => a - b);
  const chosen = folds ?? allFolds;
  for (const f of chosen) if (!allFolds.includes(f)) throw new ExportPlanError(`Fold ${f} does not exist (folds: ${allFolds.join(', ')})`);

  // Targets and the labelling come from every fold, so exporting one fold writes the same targets
  // and the same features as exporting them all.
  const labelled = rows.filter((r) => r.label !== null);
  const labelling = labellingOf(labelled.length, rows.length);
  const names = [...new Set(labelled.map((r) => r.label!))].sort();
  const codeOf = new Map(labelled.map((r) => [r.label!, r.code]));
  const codes = names.map((n) => codeOf.get(n));
  const useCodes = codes.every((c) => c !== null && c !== undefined && c >= 0) && new Set(codes).size === codes.length;
  const targetOf = new Map(names.map((n, i) => [n, useCodes ? codeOf.get(n)! : i]));
  const labelMap = new Map([...targetOf.entries()].map(([n, t]) => [t, n] as [number, string]).sort((a, b) => a[0] - b[0]));
  const skip = !writesUnlabelled(labelling, opts.unlabelled);

  const records: PlannedRecord[] = [];
  let unlabelledLeftOut = 0;
  for (const fold of chosen) {
    const inFold = rows.filter((r) => r.fold === fold);
    const kept = skip ? inFold.filter((r) => r.label !== null) : inFold;
    unlabelledLeftOut += inFold.length - kept.length;
    const planned = kept.map((r) => ({
      imageId: r.id,
      absPath: absolutePath(r.root, r.pathBytes),
      relPath: r.relPath,
      sha256: r.sha256,
      label: r.label,
      target: r.label === null ? -1 : targetOf.get(r.label)!,
      fold,
    }));
    shuffleInPlace(planned, mulberry32(seedOf(seed * 1000 + fold)));
    records.push(...planned);
  }
  return {
    records,
    labelMap,
    numClasses: labelMap.size === 0 ? 0 : Math.max(...labelMap.keys()) + 1,
    folds: chosen,
    folded,
    labelling,
    unlabelled: labelling === 'none' ? 0 : records.filter((r) => r.target < 0).length,
    unlabelledLeftOut,
    roots: [...new Set(rows.filter((r) => chosen.includes(r.fold)).map((r) => r.root))],
  };
}

/**
 * Records per fold that planExport would plan (all folds), counted in SQL: the shard-name check asks
 * on every keystroke, and reading every row for it would stall the host at a million images.
 */
export function plannedFoldSizes(db: Database.Database, opts: PlanOptions = {}): Map<number, number> {
  type Count = { fold: number; n: number; labelled: number };
  let counts = db
    .prepare(
      `SELECT f.fold, COUNT(*) AS n, COUNT(l.id) AS labelled FROM fold_assignments f JOIN images i ON i.id = f.image_id
       LEFT JOIN labels l ON l.id = i.label_id WHERE i.status = 'active' GROUP BY f.fold ORDER BY f.fold`,
    )
    .all() as Count[];
  if (counts.length === 0 && opts.withoutFolds === 'as-fold-0' && !db.prepare('SELECT 1 FROM fold_assignments').get()) {
    counts = db
      .prepare(
        `SELECT 0 AS fold, COUNT(*) AS n, COUNT(l.id) AS labelled FROM images i LEFT JOIN labels l ON l.id = i.label_id WHERE i.status = 'active'`,
      )
      .all() as Count[];
  }
  const labelling = labellingOf(
    counts.reduce((s, c) => s + c.labelled, 0),
    counts.reduce((s, c) => s + c.n, 0),
  );
  const keepAll = writesUnlabelled(labelling, opts.unlabelled);
  // A fold left with no record gets no shard, as in the export.
  return new Map(counts.map((c): [number, number] => [c.fold, keepAll ? c.n : c.labelled]).filter(([, n]) => n > 0));
}

function labellingOf(labelled: number, total: number): Labelling {
  return labelled === 0 ? 'none' : labelled === total ? 'all' : 'mixed';
}

/** The unlabelled policy: a test set (no labels) is written whole; next to labels, only on request. */
function writesUnlabelled(labelling: Labelling, policy: UnlabelledPolicy = 'skip'): boolean {
  return labelling !== 'mixed' || policy === 'include';
}

/** Features that describe a label; a test set (no image has one) carries none of them. */
const LABEL_FEATURES: readonly FeatureId[] = ['target', 'label', 'one_hot_class'];

/** The features actually written: the chosen ones, minus the label features when no image has a label. */
export function writtenFeatures(features: Partial<Record<FeatureId, string>>, labelling: Labelling): Partial<Record<FeatureId, string>> {
  if (labelling !== 'none') return features;
  return Object.fromEntries(Object.entries(features).filter(([id]) => !LABEL_FEATURES.includes(id as FeatureId)));
}
