import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../catalog/catalog.ts';
import { loadClusters } from '../dups/clusters.ts';
import { UnionFind } from '../dups/union-find.ts';
import { GROUP_VALUE, LabelResolver } from '../scan/labels.ts';
import { assignFolds, type FoldItem } from './assign.ts';
import { foldReport, leakageMatrix, leakedPairs, type FoldReport } from './report.ts';

export interface FoldParams {
  k: number;
  seed: number;
  stratify: boolean;
  /** Keep each near-duplicate cluster (of the last `dups` run) in one fold. */
  groups: boolean;
  /** Optional CSV of user groups (image_id/filename/path + group column), e.g. the source photo. */
  groupCsv?: string;
}

export interface FoldResult {
  params: FoldParams;
  report: FoldReport;
  /** K×K near-duplicate pairs whose members sit in different folds (0 everywhere with groups on). */
  leakage: number[][];
  leakedPairs: number;
  /** Images that took part (active ones only). */
  images: number;
  groupProblems: string[];
}

const PARAMS_SETTING = 'folds.params';

interface ActiveRow {
  id: number;
  path: string;
  label: string | null;
}

/**
 * Assigns every active image a fold, stratified by label, keeping near-duplicate clusters (and user
 * groups) together, and stores it in the catalog. Excluded, missing and failed images get none.
 */
export function computeFolds(db: Database.Database, params: FoldParams): FoldResult {
  const rows = db
    .prepare(
      `SELECT i.id, i.rel_path AS path, l.name AS label FROM images i LEFT JOIN labels l ON l.id = i.label_id
       WHERE i.status = 'active' ORDER BY i.id`,
    )
    .all() as ActiveRow[];
  const clusterOf = clusterGroups(db);
  const userGroups = params.groupCsv ? new LabelResolver({ mode: 'csv', file: params.groupCsv }, null, GROUP_VALUE) : null;
  // A cluster and a user group that share an image must end in one fold together, and so on
  // transitively: union-find over both kinds of group gives each image its merged group.
  const uf = new UnionFind(rows.length);
  const firstWith = new Map<string, number>();
  const grouped = rows.map((r, i) => {
    const user = userGroups?.labelFor(r.path)?.name;
    const cluster = clusterOf.get(r.id);
    const keys = [user === undefined ? null : `g:${user}`, cluster === undefined ? null : `c:${cluster}`].filter((k) => k !== null);
    for (const key of keys) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, i);
      else uf.union(first, i);
    }
    return keys.length > 0;
  });
  const items: FoldItem[] = rows.map((r, i) => ({ key: r.id, label: r.label, group: grouped[i] ? `group-${uf.find(i)}` : null }));
  userGroups?.finish();
  const assignment = assignFolds(items, { k: params.k, seed: params.seed, stratify: params.stratify, groups: params.groups });
  db.transaction(() => {
    db.prepare('DELETE FROM fold_assignments').run();
    const add = db.prepare('INSERT INTO fold_assignments(image_id, fold) VALUES (?, ?)');
    for (const [id, fold] of assignment.foldOf) add.run(id, fold);
    setSetting(db, PARAMS_SETTING, JSON.stringify({ ...params, createdAt: new Date().toISOString() }));
  })();
  const leakage = leakageMatrix(clusterPairs(clusterOf), assignment, params.k);
  return {
    params,
    report: foldReport(items, assignment),
    leakage,
    leakedPairs: leakedPairs(leakage),
    images: rows.length,
    groupProblems: userGroups?.problems ?? [],
  };
}

/** The stored assignment as `image_id,label,fold` rows (image_id = path relative to its source). */
export function foldRows(db: Database.Database): { image_id: string; label: string | null; fold: number }[] {
  return db
    .prepare(
      `SELECT i.rel_path AS image_id, l.name AS label, f.fold FROM fold_assignments f JOIN images i ON i.id = f.image_id
       LEFT JOIN labels l ON l.id = i.label_id ORDER BY f.fold, i.rel_path`,
    )
    .all() as { image_id: string; label: string | null; fold: number }[];
}

export function storedFoldParams(db: Database.Database): (FoldParams & { createdAt: string }) | null {
  const s = getSetting(db, PARAMS_SETTING);
  return s ? JSON.parse(s) : null;
}

/** Active image id → cluster number, from the last near-duplicate run (none if never run). */
function clusterGroups(db: Database.Database): Map<number, number> {
  const run = loadClusters(db);
  const out = new Map<number, number>();
  for (const c of run?.clusters ?? []) for (const m of c.members) if (m.status === 'active') out.set(m.id, c.id);
  return out;
}

function clusterPairs(clusterOf: Map<number, number>): [number, number][] {
  const members = new Map<number, number[]>();
  for (const [id, c] of clusterOf) members.set(c, [...(members.get(c) ?? []), id]);
  const pairs: [number, number][] = [];
  for (const ids of members.values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push([ids[i]!, ids[j]!]);
  return pairs;
}
