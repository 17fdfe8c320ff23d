import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../catalog/catalog.ts';
import { fromSqlInt } from '../catalog/images.ts';
import type { DupMember } from '../../../shared/contract-types.ts';
import { clearClustersOwed } from '../catalog/owed.ts';
import { clusterState } from '../decisions/cluster-state.ts';
import { pairKey, replay, type DecisionState } from '../decisions/journal.ts';
import { fromBigInts, popcount32, type HashArray } from './hamming.ts';
import { thresholdSweep, type ThresholdSweep } from './sweep.ts';
import type { KeeperCriterion } from './keeper.ts';
import {
  decodeInputs,
  decodePairs,
  encodeInputs,
  encodePairs,
  fingerprint,
  searchPairs,
  type RunMemory,
  type SearchStats,
} from './incremental.ts';
import { describeRule, type MatchItem, type MatchRule } from './match.ts';
import { UnionFind } from './union-find.ts';
import { ProgressThrottle, type Progress } from '../jobs.ts';

/** What the Duplicates screen shows of a member (DupMember), plus what the keeper rules weigh. */
export interface ClusterMember extends DupMember {
  source: string;
  mtimeMs: number;
}

export interface Cluster {
  /** 1-based, in display order: mixed-label clusters first, then larger ones. */
  id: number;
  /** The suggested keeper first, then by distance to it. */
  members: ClusterMember[];
  /** Image id of the member a bulk accept would keep (see decisions/cluster-state.ts). */
  suggested: number;
  suggestedPath: string;
  reason: string;
  mixedLabels: boolean;
  /** At most one member is still active, or the user said these are not duplicates. */
  resolved: boolean;
  notDuplicates: boolean;
}

export interface ClusterRun {
  runId: number;
  rule: string;
  images: number;
  /** Rows indexed before matching features existed; only exact copies of them are found. */
  needReindex: number;
  clusters: Cluster[];
  /** How the pairs were found (absent for a loaded run). */
  search?: SearchStats;
}

interface Row extends Omit<ClusterMember, 'distance'> {
  ahash: bigint;
  phash: bigint;
  dhash: bigint;
  whash: bigint;
  blockhash: bigint;
  phashMirror: bigint | null;
  dhashMirror: bigint | null;
  thumb: Buffer | null;
}

const FROM_SQL = `
  FROM images i JOIN sources s ON s.id = i.source_id JOIN hashes h ON h.image_id = i.id
  LEFT JOIN labels l ON l.id = i.label_id
  WHERE i.status IN ('active', 'excluded')`;
const MEMBER_COLUMNS = `i.id, i.rel_path AS path, s.root AS source, i.sha256, l.name AS label, i.status, i.width, i.height,
  i.size, i.format, i.mtime_ms AS mtimeMs, h.phash, h.phash_mirror AS phashMirror`;
/** Everything matching needs. */
const ROWS_SQL = `SELECT ${MEMBER_COLUMNS}, h.ahash, h.dhash, h.whash, h.blockhash, h.dhash_mirror AS dhashMirror, h.thumb ${FROM_SQL}`;
// Showing clusters needs no thumbnails or other hashes: 10,000 clusters load in about half the time.
const DISPLAY_SQL = `SELECT ${MEMBER_COLUMNS} ${FROM_SQL}`;

function loadRows(db: Database.Database, where = '', sql = ROWS_SQL): Row[] {
  const rows = db.prepare(`${sql} ${where} ORDER BY s.root, i.path_bytes`).safeIntegers(true).all() as Record<string, unknown>[];
  return rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const k of ['id', 'width', 'height', 'size', 'mtimeMs']) out[k] = Number(r[k]);
    for (const k of ['ahash', 'phash', 'dhash', 'whash', 'blockhash', 'phashMirror', 'dhashMirror']) {
      if (k in r) out[k] = r[k] === null ? null : fromSqlInt(r[k] as bigint);
    }
    return out as unknown as Row;
  });
}

/**
 * Finds near-duplicate clusters among active and excluded images: exact copies (same sha256)
 * always, plus pairs the rule matches, minus pairs the user said are not duplicates. Persists the
 * membership as a new run (replacing older runs) so later decisions can name clusters by number.
 */
export function computeClusters(
  db: Database.Database,
  rule: MatchRule,
  criteria?: readonly KeeperCriterion[],
  opts: { memory?: RunMemory | null; onProgress?: (p: Progress) => void } = {},
): ClusterRun {
  const report = (phase: string, done: number, total: number): void =>
    opts.onProgress?.({ phase, done, total, ratePerSec: 0, etaSec: null });
  report('load', 0, 0);
  const rows = loadRows(db);
  const state = replay(db);
  const uf = new UnionFind(rows.length);
  const bySha = new Map<string, number>();
  rows.forEach((r, i) => {
    const first = bySha.get(r.sha256);
    if (first === undefined) bySha.set(r.sha256, i);
    else uf.union(first, i);
  });
  const matchable: number[] = [];
  rows.forEach((r, i) => r.thumb && r.phashMirror !== null && matchable.push(i));
  const items: MatchItem[] = matchable.map((i) => {
    const r = rows[i]!;
    return {
      hashes: { ahash: r.ahash, phash: r.phash, dhash: r.dhash, whash: r.whash, blockhash: r.blockhash },
      features: { phashMirror: r.phashMirror!, dhashMirror: r.dhashMirror!, thumb: new Uint8Array(r.thumb!) },
    };
  });
  const ids = matchable.map((i) => rows[i]!.id);
  const fps = matchable.map((i) => fingerprint(rows[i]!.sha256, rows[i]!.source, rows[i]!.path));
  // Verifying candidate pairs is the long part: its progress is what a user waits on.
  const verify = new ProgressThrottle('compare', 0, opts.onProgress);
  const { pairs, pairIds, stats } = searchPairs(items, ids, fps, rule, opts.memory ?? null, (done, total) =>
    verify.update(done, done === total, undefined, total),
  );
  // "Not duplicates" applies at union time, so the remembered pairs stay valid when it changes.
  for (const [pa, pb] of pairs) {
    const a = rows[matchable[pa]!]!;
    const b = rows[matchable[pb]!]!;
    if (!state.notDuplicates.has(pairKey(a.id, b.id))) uf.union(matchable[pa]!, matchable[pb]!);
  }
  const groups = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const root = uf.find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const memberSets = [...groups.values()].filter((g) => g.length > 1).map((g) => g.map((i) => rows[i]!));
  const clusters = orderClusters(memberSets.map((m) => describeCluster(m, state, criteria)));

  const ruleText = describeRule(rule);
  report('save', clusters.length, clusters.length);
  const runId = db.transaction(() => {
    db.prepare('DELETE FROM cluster_runs').run();
    clearClustersOwed(db);
    setSetting(db, RULE_SETTING, JSON.stringify({ rule, criteria: criteria ?? null }));
    const id = Number(
      db
        .prepare('INSERT INTO cluster_runs(rule, created_at, image_count, inputs, pairs) VALUES (?, ?, ?, ?, ?)')
        .run(ruleText, Date.now(), rows.length, encodeInputs(ids, fps), encodePairs(pairIds)).lastInsertRowid,
    );
    const add = db.prepare('INSERT INTO cluster_members(run_id, cluster, image_id, distance) VALUES (?, ?, ?, ?)');
    for (const c of clusters) for (const m of c.members) add.run(id, c.id, m.id, m.distance);
    return id;
  })();
  return { runId, rule: ruleText, images: rows.length, needReindex: rows.length - matchable.length, clusters, search: stats };
}

const RULE_SETTING = 'dups.lastRule';

/**
 * Brings the clusters up to date with the rule of the last run, if there was one (after an import
 * added or changed images): incrementally from that run's memory, or in full with `full`. Returns
 * null when clusters were never computed for this catalog.
 */
export function refreshClusters(
  db: Database.Database,
  opts: { full?: boolean; onProgress?: (p: Progress) => void } = {},
): ClusterRun | null {
  const saved = getSetting(db, RULE_SETTING);
  const last = db.prepare('SELECT inputs, pairs FROM cluster_runs ORDER BY id DESC LIMIT 1').get() as
    { inputs: Buffer | null; pairs: Buffer | null } | undefined;
  if (!saved || !last) return null;
  const { rule, criteria } = JSON.parse(saved) as { rule: MatchRule; criteria: KeeperCriterion[] | null };
  // Runs stored before v4 of the catalog carry no memory: recompute them in full once.
  const memory = !opts.full && last.inputs && last.pairs ? { inputs: decodeInputs(last.inputs), pairs: decodePairs(last.pairs) } : null;
  return computeClusters(db, rule, criteria ?? undefined, { memory, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
}

/** The pHashes of the images clustering considers (active and excluded), for a threshold sweep. */
export function loadPHashes(db: Database.Database): HashArray {
  const rows = db
    .prepare("SELECT h.phash FROM images i JOIN hashes h ON h.image_id = i.id WHERE i.status IN ('active', 'excluded')")
    .safeIntegers(true)
    .all() as { phash: bigint }[];
  return fromBigInts(rows.map((r) => fromSqlInt(r.phash)));
}

/** pHash pairs at each distance 0..max among those images and the clusters each threshold gives (for a slider). */
export function pHashSweep(db: Database.Database, max: number): ThresholdSweep {
  return thresholdSweep(loadPHashes(db), max);
}

/** The id of the latest persisted run (another process may have replaced the one in memory); null if none. */
export function latestRunId(db: Database.Database): number | null {
  return (db.prepare('SELECT max(id) AS id FROM cluster_runs').get() as { id: number | null }).id;
}

/** The latest persisted run, with members' current labels and statuses; null if there is none. */
export function loadClusters(db: Database.Database): ClusterRun | null {
  const run = db.prepare('SELECT id, rule, image_count AS images FROM cluster_runs ORDER BY id DESC LIMIT 1').get() as
    { id: number; rule: string; images: number } | undefined;
  if (!run) return null;
  const membership = db.prepare('SELECT cluster, image_id AS imageId FROM cluster_members WHERE run_id = ?').all(run.id) as {
    cluster: number;
    imageId: number;
  }[];
  const rows = new Map(
    loadRows(db, `AND i.id IN (SELECT image_id FROM cluster_members WHERE run_id = ${run.id})`, DISPLAY_SQL).map((r) => [r.id, r]),
  );
  const byCluster = new Map<number, Row[]>();
  for (const m of membership) {
    const row = rows.get(m.imageId);
    if (row) byCluster.set(m.cluster, [...(byCluster.get(m.cluster) ?? []), row]);
  }
  const state = replay(db);
  const criteria = lastKeeperCriteria(db);
  const clusters = [...byCluster.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([id, members]) => ({ ...describeCluster(members, state, criteria), id }))
    .sort((a, b) => a.id - b.id);
  return { runId: run.id, rule: run.rule, images: run.images, needReindex: 0, clusters };
}

const popcount64 = (x: bigint): number => popcount32(Number(x & 0xffffffffn)) + popcount32(Number(x >> 32n));

function describeCluster(rows: Row[], state: DecisionState, criteria?: readonly KeeperCriterion[]): Cluster {
  const st = clusterState(rows, state, criteria);
  const keeper = rows.find((r) => r.id === st.suggested)!;
  const members = rows.map((r) => ({
    id: r.id,
    path: r.path,
    source: r.source,
    sha256: r.sha256,
    label: r.label,
    status: r.status,
    width: r.width,
    height: r.height,
    size: r.size,
    format: r.format,
    mtimeMs: r.mtimeMs,
    distance: Math.min(popcount64(r.phash ^ keeper.phash), r.phashMirror === null ? 64 : popcount64(r.phashMirror ^ keeper.phash)),
  }));
  members.sort((a, b) => (a.id === keeper.id ? -1 : b.id === keeper.id ? 1 : a.distance - b.distance || a.id - b.id));
  return {
    id: 0,
    members,
    suggested: keeper.id,
    suggestedPath: keeper.path,
    reason: st.reason,
    mixedLabels: st.mixedLabels,
    resolved: st.resolved,
    notDuplicates: st.notDuplicates,
  };
}

/** The keeper criteria the last run was made with (the CLI's --keep-by), for reloading it alike. */
export function lastKeeperCriteria(db: Database.Database): KeeperCriterion[] | undefined {
  const saved = getSetting(db, RULE_SETTING);
  return saved ? ((JSON.parse(saved) as { criteria: KeeperCriterion[] | null }).criteria ?? undefined) : undefined;
}

function orderClusters(clusters: Cluster[]): Cluster[] {
  clusters.sort(
    (a, b) =>
      Number(b.mixedLabels) - Number(a.mixedLabels) ||
      b.members.length - a.members.length ||
      (a.members[0]!.path < b.members[0]!.path ? -1 : 1),
  );
  clusters.forEach((c, i) => (c.id = i + 1));
  return clusters;
}
