import { resolve as resolvePath } from 'node:path';
import type Database from 'better-sqlite3';
import { openCatalog } from '../core/catalog/catalog.ts';
import { record, redo, undo, type Decision } from '../core/decisions/journal.ts';
import { syncDecisions } from '../core/decisions/sync.ts';
import { loadClusters, type Cluster } from '../core/dups/clusters.ts';
import { parse, requireString, UsageError } from './args.ts';

export const RESOLVE_USAGE = `winnow resolve --catalog FILE (--accept-suggestions [--include-mixed] | --keep SHA|PATH ...
               | --not-duplicates N ... | --exclude-all N ... | --relabel N --label NAME)
  Records decisions about the clusters of the last \`winnow dups\` run (N = cluster number): keep one
  member (the others are excluded from folds and exports; files are never touched), mark a cluster as
  not duplicates (never shown again), exclude all, or relabel all members. One call is one undo step.
winnow undo --catalog FILE    winnow redo --catalog FILE`;

export async function resolveCommand(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      catalog: { type: 'string' },
      'accept-suggestions': { type: 'boolean' },
      'include-mixed': { type: 'boolean' },
      keep: { type: 'string', multiple: true },
      'not-duplicates': { type: 'string', multiple: true },
      'exclude-all': { type: 'string', multiple: true },
      relabel: { type: 'string', multiple: true },
      label: { type: 'string' },
    },
    0,
  );
  const db = openCatalog(resolvePath(requireString(values, 'catalog')));
  try {
    const run = loadClusters(db);
    if (!run) throw new UsageError('No clusters yet: run `winnow dups --catalog FILE` first');
    const byNumber = (text: string): Cluster => {
      const c = run.clusters.find((x) => String(x.id) === text);
      if (!c) throw new UsageError(`No cluster #${text} in the last dups run (it has ${run.clusters.length})`);
      return c;
    };
    const decisions: Decision[] = [];
    let skippedMixed = 0;
    if (values['accept-suggestions']) {
      for (const c of run.clusters) {
        if (c.resolved) continue;
        if (c.mixedLabels && !values['include-mixed']) {
          skippedMixed++;
          continue;
        }
        decisions.push({ op: 'keep', keep: c.suggested, exclude: c.members.map((m) => m.sha256) });
      }
    }
    for (const ref of (values.keep as string[] | undefined) ?? []) {
      const c = run.clusters.find((x) => x.members.some((m) => m.sha256 === ref || m.path === ref));
      if (!c) throw new UsageError(`${ref} is not a member of any cluster of the last dups run`);
      const keep = c.members.find((m) => m.sha256 === ref || m.path === ref)!.sha256;
      decisions.push({ op: 'keep', keep, exclude: c.members.map((m) => m.sha256) });
    }
    for (const n of (values['not-duplicates'] as string[] | undefined) ?? []) {
      decisions.push({ op: 'not-duplicates', shas: [...new Set(byNumber(n).members.map((m) => m.sha256))] });
    }
    for (const n of (values['exclude-all'] as string[] | undefined) ?? []) {
      decisions.push({ op: 'exclude', shas: byNumber(n).members.map((m) => m.sha256) });
    }
    const relabel = (values.relabel as string[] | undefined) ?? [];
    if (relabel.length && !values.label) throw new UsageError('--relabel needs --label NAME');
    for (const n of relabel) decisions.push({ op: 'relabel', shas: byNumber(n).members.map((m) => m.sha256), label: values.label as string });
    if (decisions.length === 0) {
      if (values['accept-suggestions']) {
        process.stdout.write(`Nothing to accept: every cluster is resolved${skippedMixed ? ` or has mixed labels (${skippedMixed}; add --include-mixed)` : ''}.\n`);
        return 0;
      }
      throw new UsageError('Say what to decide: --accept-suggestions, --keep, --not-duplicates, --exclude-all or --relabel');
    }
    record(db, decisions);
    const state = syncDecisions(db);
    process.stdout.write(
      `Recorded ${decisions.length} decision(s) as one step; ${countExcluded(db)} images now excluded.` +
        `${skippedMixed ? ` ${skippedMixed} mixed-label cluster(s) left for review (--include-mixed to accept them too).` : ''}` +
        ` Undo with \`winnow undo\` (${state.undoable} step(s) to undo).\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

export function undoRedoCommand(which: 'undo' | 'redo'): (argv: string[]) => Promise<number> {
  return async (argv) => {
    const { values } = parse(argv, { catalog: { type: 'string' } }, 0);
    const db = openCatalog(resolvePath(requireString(values, 'catalog')));
    try {
      const done = which === 'undo' ? undo(db) : redo(db);
      const state = syncDecisions(db);
      if (!done) process.stdout.write(`Nothing to ${which}.\n`);
      else {
        process.stdout.write(
          `${which === 'undo' ? 'Undone' : 'Redone'}: ${countExcluded(db)} images now excluded; ` +
            `${state.undoable} step(s) to undo, ${state.redoable} to redo.\n`,
        );
      }
      return 0;
    } finally {
      db.close();
    }
  };
}

function countExcluded(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM images WHERE status = 'excluded'").get() as { n: number }).n;
}
