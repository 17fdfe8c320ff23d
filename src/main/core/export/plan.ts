import type Database from 'better-sqlite3';
import { mulberry32, seedOf, shuffleInPlace } from '../folds/rng.ts';
import { UserError } from '../errors.ts';

export interface PlannedRecord {
  imageId: number;
  absPath: Buffer;
  relPath: string;
  sha256: string;
  label: string | null;
  /** -1 for unlabelled images. */
  target: number;
  fold: number;
}

export interface ExportPlan {
  /** Records in write order: folds ascending, each fold shuffled with the seed. */
  records: PlannedRecord[];
  /** target → label name, as written to label_map.json. */
  labelMap: Map<number, string>;
  numClasses: number;
  folds: number[];
  unlabelled: number;
}

export class ExportPlanError extends UserError {
  override name = 'ExportPlanError';
}

/**
 * Which images go where: active images with a fold, in a deterministic order. Targets are the
 * dataset's own class numbers when every label has one (a Kaggle CSV with a label map), otherwise
 * the index of the label name in sorted order.
 */
export function planExport(db: Database.Database, folds: number[] | null, seed: number): ExportPlan {
  const rows = db
    .prepare(
      `SELECT i.id, s.root, i.path_bytes AS pathBytes, i.rel_path AS relPath, i.sha256, l.name AS label, l.code, f.fold
       FROM fold_assignments f JOIN images i ON i.id = f.image_id JOIN sources s ON s.id = i.source_id
       LEFT JOIN labels l ON l.id = i.label_id
       WHERE i.status = 'active' ORDER BY s.root, i.path_bytes`,
    )
    .all() as { id: number; root: string; pathBytes: Buffer; relPath: string; sha256: string; label: string | null; code: number | null; fold: number }[];
  if (rows.length === 0) {
    const any = db.prepare('SELECT 1 FROM fold_assignments').get();
    throw new ExportPlanError(any ? 'No active image has a fold: nothing to export' : 'No folds assigned yet: run `winnow folds` first');
  }
  const allFolds = [...new Set(rows.map((r) => r.fold))].sort((a, b) => a - b);
  const chosen = folds ?? allFolds;
  for (const f of chosen) if (!allFolds.includes(f)) throw new ExportPlanError(`Fold ${f} does not exist (folds: ${allFolds.join(', ')})`);

  const labelled = rows.filter((r) => r.label !== null);
  const names = [...new Set(labelled.map((r) => r.label!))].sort();
  const codeOf = new Map(labelled.map((r) => [r.label!, r.code]));
  const codes = names.map((n) => codeOf.get(n));
  const useCodes = codes.every((c) => c !== null && c !== undefined && c >= 0) && new Set(codes).size === codes.length;
  const targetOf = new Map(names.map((n, i) => [n, useCodes ? codeOf.get(n)! : i]));
  const labelMap = new Map([...targetOf.entries()].map(([n, t]) => [t, n] as [number, string]).sort((a, b) => a[0] - b[0]));

  const records: PlannedRecord[] = [];
  for (const fold of chosen) {
    const inFold = rows.filter((r) => r.fold === fold).map((r) => ({
      imageId: r.id,
      absPath: Buffer.concat([Buffer.from(r.root), Buffer.from('/'), r.pathBytes]),
      relPath: r.relPath,
      sha256: r.sha256,
      label: r.label,
      target: r.label === null ? -1 : targetOf.get(r.label)!,
      fold,
    }));
    shuffleInPlace(inFold, mulberry32(seedOf(seed * 1000 + fold)));
    records.push(...inFold);
  }
  return {
    records,
    labelMap,
    numClasses: labelMap.size === 0 ? 0 : Math.max(...labelMap.keys()) + 1,
    folds: chosen,
    unlabelled: records.filter((r) => r.target < 0).length,
  };
}
