// Sources never hold the same file: a file (one absolute location) is one row, whichever import
// reached it. When an import's folder contains other sources or lies inside one, their rows move to
// it (same row ids, so decisions and exclusions follow; paths re-based on the new root) and the
// import then re-labels them with its own spec.
import type Database from 'better-sqlite3';
import { deleteSourceEntry, listSources, type SourceInfo } from '../catalog/sources.ts';
import { show } from './walk.ts';
import type { SourceMerge } from '../../../shared/contract-sources.ts';

export type { SourceMerge };

export interface OverlapPlan {
  /** Sources inside the folder whose rows this import takes over; their entries go. */
  absorbed: SourceInfo[];
  /** Sources inside the folder that stay: the walk skips their folders (the deepest source owns each file). */
  nested: SourceInfo[];
  /** Sources the folder lies inside: their rows below it move to this import's source. */
  enclosing: SourceInfo[];
}

/** A merge whose relabelled count is known only once the import has labelled the rows. */
export interface PendingMerge {
  merge: SourceMerge;
  /** Moved row id -> its source label before the import. */
  labelsBefore: Map<number, number | null>;
}

const SLASH = Buffer.from('/');
const isInside = (child: string, parent: string): boolean => child !== parent && child.startsWith(parent === '/' ? '/' : `${parent}/`);
const relative = (parent: string, child: string): Buffer => Buffer.from(child.slice(parent === '/' ? 1 : parent.length + 1));

type MovableRow = { id: number; pathBytes: Buffer; label: number | null };
const ROW_COLUMNS = 'SELECT id, path_bytes AS pathBytes, source_label_id AS label FROM images';
// Every path below "a/b" sorts between "a/b/" and "a/b0" ('0' follows '/' in byte order): a range on
// the (source_id, path_bytes) index.
const BELOW = 'source_id = ? AND path_bytes >= ? AND path_bytes < ?';
const below = (sourceId: number, prefix: Buffer): [number, Buffer, Buffer] => [
  sourceId,
  Buffer.concat([prefix, SLASH]),
  Buffer.concat([prefix, Buffer.from('0')]),
];

const rowsBelow = (db: Database.Database, sourceId: number, prefix: Buffer): MovableRow[] =>
  db.prepare(`${ROW_COLUMNS} WHERE ${BELOW}`).all(...below(sourceId, prefix)) as MovableRow[];
const hasRowsBelow = (db: Database.Database, sourceId: number, prefix: Buffer): boolean =>
  db.prepare(`SELECT 1 FROM images WHERE ${BELOW} LIMIT 1`).get(...below(sourceId, prefix)) !== undefined;

/** Decides, before the walk, what an import of `root` (absolute, resolved) does to overlapping sources. */
export function planOverlap(db: Database.Database, root: string): OverlapPlan {
  const all = listSources(db);
  const existing = all.find((s) => s.root === root);
  const inside = all.filter((s) => isInside(s.root, root));
  const enclosing = all.filter((s) => isInside(root, s.root));
  // A new folder absorbs the sources inside it (the last import's spec wins). A re-scan keeps them:
  // they were made inside it later, on purpose. Except where its source still holds rows inside one:
  // a catalog from before this rule, where this folder was imported after the inner one.
  const absorbed = existing ? inside.filter((s) => hasRowsBelow(db, existing.id, relative(root, s.root))) : inside;
  return { absorbed, nested: inside.filter((s) => !absorbed.includes(s)), enclosing };
}

/** Moves rows to `targetId` under re-based paths; a row whose new path the target already has is a duplicate and goes. */
function moveRows(
  db: Database.Database,
  rows: MovableRow[],
  targetId: number,
  rebase: (p: Buffer) => Buffer,
): { labelsBefore: Map<number, number | null>; duplicates: number } {
  const existing = db.prepare('SELECT 1 FROM images WHERE source_id = ? AND path_bytes = ?').pluck();
  const drop = db.prepare('DELETE FROM images WHERE id = ?');
  const move = db.prepare('UPDATE images SET source_id = ?, path_bytes = ?, rel_path = ? WHERE id = ?');
  const labelsBefore = new Map<number, number | null>();
  let duplicates = 0;
  for (const row of rows) {
    const path = rebase(row.pathBytes);
    if (existing.get(targetId, path) !== undefined) {
      drop.run(row.id);
      duplicates++;
    } else {
      move.run(targetId, path, show(path), row.id);
      labelsBefore.set(row.id, row.label);
    }
  }
  return { labelsBefore, duplicates };
}

/** Applies the plan for the source `targetId` at `root`; call inside the transaction that saved that source. */
export function applyOverlap(db: Database.Database, plan: OverlapPlan, root: string, targetId: number): PendingMerge[] {
  const pending: PendingMerge[] = [];
  // For a file an old catalog holds twice, the row already in this source is kept, then the one from
  // a source inside this folder, then the one from a source around it.
  for (const source of plan.absorbed) {
    const prefix = relative(root, source.root);
    const rows = db.prepare(`${ROW_COLUMNS} WHERE source_id = ?`).all(source.id) as MovableRow[];
    const moved = moveRows(db, rows, targetId, (p) => Buffer.concat([prefix, SLASH, p]));
    deleteSourceEntry(db, source.id);
    const merge = {
      kind: 'contained',
      from: `${show(prefix)}/`,
      files: moved.labelsBefore.size,
      relabelled: 0,
      duplicates: moved.duplicates,
    } as const;
    pending.push({ merge, labelsBefore: moved.labelsBefore });
  }
  for (const source of plan.enclosing) {
    const prefix = relative(source.root, root);
    const moved = moveRows(db, rowsBelow(db, source.id, prefix), targetId, (p) => p.subarray(prefix.length + 1));
    // Nothing there (the usual re-scan of a folder that is already a source): nothing to say.
    if (moved.labelsBefore.size === 0 && moved.duplicates === 0) continue;
    const merge = {
      kind: 'enclosing',
      from: `${source.root.replace(/\/$/, '')}/`,
      files: moved.labelsBefore.size,
      relabelled: 0,
      duplicates: moved.duplicates,
    } as const;
    pending.push({ merge, labelsBefore: moved.labelsBefore });
  }
  return pending;
}

/** Counts, after the import labelled them, the moved rows whose label changed. */
export function finishMerges(db: Database.Database, pending: readonly PendingMerge[]): SourceMerge[] {
  const labelOf = db.prepare('SELECT source_label_id FROM images WHERE id = ?').pluck();
  return pending.map(({ merge, labelsBefore }) => {
    let relabelled = 0;
    for (const [id, before] of labelsBefore) {
      const after = labelOf.get(id) as number | null | undefined;
      if (after !== undefined && after !== before) relabelled++;
    }
    return { ...merge, relabelled };
  });
}
