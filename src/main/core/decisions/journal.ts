import type Database from 'better-sqlite3';

// Decisions about near-duplicates, keyed by content (sha256). The journal is append-only: undo
// and redo are entries too, and the current state is a replay, so nothing a user decided is lost.

export type Decision =
  | { op: 'keep'; keep: string; exclude: string[] }
  | { op: 'not-duplicates'; shas: string[] }
  | { op: 'exclude'; shas: string[] }
  | { op: 'relabel'; shas: string[]; label: string };

export interface DecisionState {
  excluded: Set<string>;
  /** sha256 → label name chosen by the user. */
  labels: Map<string, string>;
  /** "shaA|shaB" (sorted) for pairs the user said are not duplicates. */
  notDuplicates: Set<string>;
  /** Batches that `undo` / `redo` would act on. */
  undoable: number;
  redoable: number;
}

interface Row {
  batch: number;
  op: Decision['op'] | 'undo' | 'redo';
  data: string;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Appends one user action (one or more decisions, undone together); returns its batch number. */
export function record(db: Database.Database, decisions: Decision[]): number {
  if (decisions.length === 0) throw new Error('nothing to record');
  const batch = nextBatch(db);
  const insert = db.prepare('INSERT INTO journal(batch, op, data, created_at) VALUES (?, ?, ?, ?)');
  const now = Date.now();
  db.transaction(() => {
    for (const d of decisions) {
      const { op, ...data } = d;
      insert.run(batch, op, JSON.stringify(data), now);
    }
  })();
  return batch;
}

/** Undoes the latest applied action; false when there is none. */
export function undo(db: Database.Database): boolean {
  return marker(db, 'undo', (s) => s.undoable > 0);
}

/** Re-applies the latest undone action; false when there is none (or a new action came since). */
export function redo(db: Database.Database): boolean {
  return marker(db, 'redo', (s) => s.redoable > 0);
}

function marker(db: Database.Database, op: 'undo' | 'redo', allowed: (s: DecisionState) => boolean): boolean {
  return db.transaction(() => {
    if (!allowed(replay(db))) return false;
    db.prepare('INSERT INTO journal(batch, op, data, created_at) VALUES (?, ?, ?, ?)').run(nextBatch(db), op, '{}', Date.now());
    return true;
  })();
}

function nextBatch(db: Database.Database): number {
  return ((db.prepare('SELECT max(batch) AS b FROM journal').get() as { b: number | null }).b ?? 0) + 1;
}

type Action = { kind: 'undo' } | { kind: 'redo' } | { kind: 'decide'; batch: number; decisions: Decision[] };

/** The state the journal describes: applied batches in order, undo/redo as a stack. */
export function replay(db: Database.Database): DecisionState {
  const rows = db.prepare('SELECT batch, op, data FROM journal ORDER BY seq').all() as Row[];
  const actions: Action[] = [];
  for (const row of rows) {
    if (row.op === 'undo' || row.op === 'redo') {
      actions.push({ kind: row.op });
      continue;
    }
    const decision = { op: row.op, ...JSON.parse(row.data) } as Decision;
    const last = actions.at(-1);
    if (last?.kind === 'decide' && last.batch === row.batch) last.decisions.push(decision);
    else actions.push({ kind: 'decide', batch: row.batch, decisions: [decision] });
  }
  const applied: Decision[][] = [];
  const undone: Decision[][] = [];
  for (const a of actions) {
    if (a.kind === 'undo') undone.push(applied.pop()!);
    else if (a.kind === 'redo') applied.push(undone.pop()!);
    else {
      applied.push(a.decisions);
      undone.length = 0; // a new action ends the redo chain, as in every editor
    }
  }
  const state: DecisionState = {
    excluded: new Set(),
    labels: new Map(),
    notDuplicates: new Set(),
    undoable: applied.length,
    redoable: undone.length,
  };
  for (const batch of applied) for (const d of batch) apply(state, d);
  return state;
}

function apply(state: DecisionState, d: Decision): void {
  switch (d.op) {
    case 'keep':
      state.excluded.delete(d.keep);
      for (const sha of d.exclude) if (sha !== d.keep) state.excluded.add(sha);
      break;
    case 'not-duplicates':
      for (const sha of d.shas) state.excluded.delete(sha);
      for (let i = 0; i < d.shas.length; i++) {
        for (let j = i + 1; j < d.shas.length; j++) state.notDuplicates.add(pairKey(d.shas[i]!, d.shas[j]!));
      }
      break;
    case 'exclude':
      for (const sha of d.shas) state.excluded.add(sha);
      break;
    case 'relabel':
      for (const sha of d.shas) state.labels.set(sha, d.label);
      break;
  }
}
