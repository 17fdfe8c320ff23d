import type Database from 'better-sqlite3';

// Decisions about near-duplicates, naming images by catalog row id: identical copies are told apart,
// and an id survives renames and moves (the import gives a moved file its old row). The journal is
// append-only: undo and redo are entries too, and the current state is a replay, so nothing a user
// decided is lost.

export type Decision =
  | { op: 'keep'; keep: number; exclude: number[] }
  | { op: 'not-duplicates'; ids: number[] }
  | { op: 'exclude'; ids: number[] }
  | { op: 'relabel'; ids: number[]; label: string };

export interface DecisionState {
  excluded: Set<number>;
  /** Images a keep chose (and nothing excluded since): a bulk accept never excludes them. */
  kept: Set<number>;
  /** image id → label name chosen by the user. */
  labels: Map<number, string>;
  /** "a|b" (a < b) for pairs the user said are not duplicates. */
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

export const pairKey = (a: number, b: number): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

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
  const state = emptyState();
  state.undoable = applied.length;
  state.redoable = undone.length;
  for (const batch of applied) for (const d of batch) applyDecision(state, d);
  return state;
}

export function emptyState(): DecisionState {
  return { excluded: new Set(), kept: new Set(), labels: new Map(), notDuplicates: new Set(), undoable: 0, redoable: 0 };
}

export function cloneState(s: DecisionState): DecisionState {
  return {
    excluded: new Set(s.excluded),
    kept: new Set(s.kept),
    labels: new Map(s.labels),
    notDuplicates: new Set(s.notDuplicates),
    undoable: s.undoable,
    redoable: s.redoable,
  };
}

/** One decision's effect on the state (replay, and the planner's what-if). */
export function applyDecision(state: DecisionState, d: Decision): void {
  switch (d.op) {
    case 'keep': {
      state.excluded.delete(d.keep);
      state.kept.add(d.keep);
      const group = [d.keep, ...d.exclude];
      for (const id of d.exclude) {
        if (id === d.keep) continue;
        state.excluded.add(id);
        state.kept.delete(id);
      }
      // Keeping one says these are duplicates after all: an earlier "not duplicates" among them goes.
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++) state.notDuplicates.delete(pairKey(group[i]!, group[j]!));
      break;
    }
    case 'not-duplicates':
      for (const id of d.ids) state.excluded.delete(id);
      for (let i = 0; i < d.ids.length; i++) {
        for (let j = i + 1; j < d.ids.length; j++) state.notDuplicates.add(pairKey(d.ids[i]!, d.ids[j]!));
      }
      break;
    case 'exclude':
      for (const id of d.ids) {
        state.excluded.add(id);
        state.kept.delete(id);
      }
      break;
    case 'relabel':
      for (const id of d.ids) state.labels.set(id, d.label);
      break;
  }
}
