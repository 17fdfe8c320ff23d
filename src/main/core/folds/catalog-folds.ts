import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../catalog/catalog.ts';
import { loadClusters } from '../dups/clusters.ts';
import { UnionFind } from '../dups/union-find.ts';
import { GROUP_VALUE, LabelResolver, LabelSourceError } from '../scan/labels.ts';
import { assignFolds, type FoldAssignment, type FoldItem } from './assign.ts';
import { foldReport, leakageMatrix, leakedPairs, type FoldReport } from './report.ts';

export interface FoldParams {
  k: number;
  seed: number;
  stratify: boolean;
  /** Keep each near-duplicate cluster (of the last `dups` run) in one fold. */
  groups: boolean;
  /** Optional CSV of user groups (image_id/filename/path + group column), e.g. the source photo. */
  groupCsv?: string | undefined;
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

/** What an assignment is computed from (and reported on), every image keyed by its canonical rank. */
interface FoldInputs {
  /** Active images in canonical order: rows[rank]. */
  rows: ActiveRow[];
  items: FoldItem[];
  /** Near-duplicate pairs, as ranks. */
  pairs: [number, number][];
  groupProblems: string[];
}

/**
 * Assigns every active image a fold, stratified by label, keeping near-duplicate clusters (and user
 * groups) together, and stores it in the catalog. Excluded, missing and failed images get none.
 */
export function computeFolds(db: Database.Database, params: FoldParams): FoldResult {
  const inputs = foldInputs(db, params);
  const assignment = assignFolds(inputs.items, { k: params.k, seed: params.seed, stratify: params.stratify, groups: params.groups });
  db.transaction(() => {
    db.prepare('DELETE FROM fold_assignments').run();
    const add = db.prepare('INSERT INTO fold_assignments(image_id, fold) VALUES (?, ?)');
    for (const [rank, fold] of assignment.foldOf) add.run(inputs.rows[rank]!.id, fold);
    setSetting(db, PARAMS_SETTING, JSON.stringify({ ...params, createdAt: new Date().toISOString() }));
  })();
  return foldResult(params, inputs, assignment);
}

/**
 * The stored assignment as computeFolds reported it, without assigning anything: balance and leakage
 * of the folds as stored, over the catalog's current labels and clusters (images added since count
 * as unassigned). null when folds were never assigned.
 */
export function loadFolds(db: Database.Database): FoldResult | null {
  const stored = storedFoldParams(db);
  if (!stored) return null;
  const foldOfId = new Map(
    (db.prepare('SELECT image_id AS id, fold FROM fold_assignments').all() as { id: number; fold: number }[]).map((r) => [r.id, r.fold]),
  );
  if (foldOfId.size === 0) return null;
  const params: FoldParams = {
    k: stored.k,
    seed: stored.seed,
    stratify: stored.stratify,
    groups: stored.groups,
    ...(stored.groupCsv ? { groupCsv: stored.groupCsv } : {}),
  };
  const inputs = foldInputs(db, params, { csvMayBeGone: true });
  const foldOf = new Map<number, number>();
  inputs.rows.forEach((r, rank) => {
    const fold = foldOfId.get(r.id);
    if (fold !== undefined) foldOf.set(rank, fold);
  });
  return foldResult(params, inputs, { k: params.k, foldOf });
}

function foldResult(params: FoldParams, inputs: FoldInputs, assignment: FoldAssignment): FoldResult {
  const leakage = leakageMatrix(inputs.pairs, assignment, params.k);
  return {
    params,
    report: foldReport(inputs.items, assignment),
    leakage,
    leakedPairs: leakedPairs(leakage),
    images: inputs.rows.length,
    groupProblems: inputs.groupProblems,
  };
}

/**
 * The active images in canonical order, with labels and merged groups. Row ids follow import order
 * and, within an import, which hashing worker finished first, so they must not decide anything: the
 * order is by content (sha256), then the exact path bytes relative to the source folder (two copies
 * of one file), then the source root (one relative path in two sources). An image's rank in that order
 * is its fold key, and each merged group is named after its lowest rank.
 */
function foldInputs(db: Database.Database, params: FoldParams, opts: { csvMayBeGone?: boolean } = {}): FoldInputs {
  const rows = db
    .prepare(
      `SELECT i.id, i.rel_path AS path, l.name AS label
       FROM images i JOIN sources s ON s.id = i.source_id LEFT JOIN labels l ON l.id = i.label_id
       WHERE i.status = 'active' ORDER BY i.sha256, i.path_bytes, s.root`,
    )
    .all() as ActiveRow[];
  const rankOf = new Map(rows.map((r, rank) => [r.id, rank]));
  const clusterOf = clusterGroups(db, rankOf);
  const groupProblems: string[] = [];
  let userGroups: LabelResolver | null = null;
  try {
    userGroups = params.groupCsv ? new LabelResolver({ mode: 'csv', file: params.groupCsv }, null, GROUP_VALUE) : null;
  } catch (err) {
    // Reporting stored folds must not fail because the groups file has moved since they were assigned.
    if (!(opts.csvMayBeGone && err instanceof LabelSourceError)) throw err;
    groupProblems.push(`${err.message}: its groups are not checked for splits`);
  }
  // A cluster and a user group that share an image must end in one fold together, and so on
  // transitively: union-find over both kinds of group gives each image its merged group.
  const uf = new UnionFind(rows.length);
  const firstWith = new Map<string, number>();
  const grouped = rows.map((r, rank) => {
    const user = userGroups?.labelFor(r.path)?.name;
    const cluster = clusterOf.get(rank);
    const keys = [user === undefined ? null : `g:${user}`, cluster === undefined ? null : `c:${cluster}`].filter((k) => k !== null);
    for (const key of keys) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, rank);
      else uf.union(first, rank);
    }
    return keys.length > 0;
  });
  const lowestRank = new Map<number, number>();
  const items: FoldItem[] = rows.map((r, rank) => {
    if (!grouped[rank]) return { key: rank, label: r.label, group: null };
    const root = uf.find(rank);
    if (!lowestRank.has(root)) lowestRank.set(root, rank);
    return { key: rank, label: r.label, group: `group-${lowestRank.get(root)}` };
  });
  userGroups?.finish();
  groupProblems.push(...(userGroups?.problems ?? []));
  return { rows, items, pairs: clusterPairs(clusterOf), groupProblems };
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

/** Active image's rank → cluster number, from the last near-duplicate run (none if never run). */
function clusterGroups(db: Database.Database, rankOf: Map<number, number>): Map<number, number> {
  const run = loadClusters(db);
  const out = new Map<number, number>();
  for (const c of run?.clusters ?? []) {
    for (const m of c.members) {
      const rank = rankOf.get(m.id);
      if (m.status === 'active' && rank !== undefined) out.set(rank, c.id);
    }
  }
  return out;
}

function clusterPairs(clusterOf: Map<number, number>): [number, number][] {
  const members = new Map<number, number[]>();
  for (const [id, c] of clusterOf) members.set(c, [...(members.get(c) ?? []), id]);
  const pairs: [number, number][] = [];
  for (const ids of members.values())
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push([ids[i]!, ids[j]!]);
  return pairs;
}
