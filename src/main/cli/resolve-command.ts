import { resolve as resolvePath } from 'node:path';
import { openForCli } from './open-catalog.ts';
import { decide, excludedCount } from '../core/decisions/decide.ts';
import type { DecisionRequest } from '../core/decisions/plan.ts';
import { stepDecisions } from '../core/decisions/sync.ts';
import { loadClusters, type Cluster, type ClusterRun } from '../core/dups/clusters.ts';
import { parse, requireString, UsageError } from './args.ts';
import { plural, printText } from './text-out.ts';

export const RESOLVE_USAGE = `winnow resolve --catalog FILE (--accept-suggestions [--include-mixed] | --keep PATH|SHA ...
               | --not-duplicates N ... | --exclude-all N ... | --relabel N --label NAME)
  Records decisions about the clusters of the last \`winnow dups\` run (N = cluster number), one file
  at a time: keep one member (every other member, identical copies included, is excluded from folds
  and exports; files are never touched), mark a cluster as not duplicates (never shown again),
  exclude all, or relabel all members. --keep names a member by its path (relative to its folder),
  or by its SHA-256 when no identical copy shares it. The kept file must still be there.
  --accept-suggestions keeps each open cluster's suggested member; it never undoes "not duplicates"
  or an image you excluded or kept earlier, and leaves mixed-label clusters for review unless
  --include-mixed. One call is one undo step; a call that would change nothing records nothing.
  Decisions follow a file that is renamed or moved (the next \`winnow index\` recognises it).
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
  const db = openForCli(resolvePath(requireString(values, 'catalog')));
  try {
    const run = loadClusters(db);
    if (!run) throw new UsageError('No clusters yet: run `winnow dups --catalog FILE` first');
    const list = (name: string): string[] => (values[name] as string[] | undefined) ?? [];
    const requests: DecisionRequest[] = [];
    if (values['accept-suggestions']) requests.push({ kind: 'accept-suggestions', includeMixed: Boolean(values['include-mixed']) });
    for (const ref of list('keep')) requests.push({ kind: 'keep', ...memberByReference(run, ref) });
    for (const n of list('not-duplicates')) requests.push({ kind: 'not-duplicates', cluster: byNumber(run, n).id });
    for (const n of list('exclude-all')) requests.push({ kind: 'exclude-all', cluster: byNumber(run, n).id });
    const relabel = list('relabel');
    if (relabel.length && !values.label) throw new UsageError('--relabel needs --label NAME');
    for (const n of relabel) requests.push({ kind: 'relabel', cluster: byNumber(run, n).id, label: values.label as string });
    if (requests.length === 0)
      throw new UsageError('Say what to decide: --accept-suggestions, --keep, --not-duplicates, --exclude-all or --relabel');

    const done = decide(db, run, requests, '--include-mixed to accept them too');
    const tail = done.changed
      ? ` ${plural(excludedCount(db), 'image')} now excluded; undo with \`winnow undo\` (${steps(done.state.undoable)} to undo).`
      : ' Nothing was recorded.';
    printText(`${done.message}${tail}\n`);
    return 0;
  } finally {
    db.close();
  }
}

const steps = (n: number): string => `${n} ${n === 1 ? 'step' : 'steps'}`;

function byNumber(run: ClusterRun, text: string): Cluster {
  const c = run.clusters.find((x) => String(x.id) === text);
  if (!c) throw new UsageError(`No cluster #${text} in the last dups run (it has ${run.clusters.length})`);
  return c;
}

/** A member by its path (relative to its source folder) or, when no identical copy shares it, its SHA-256. */
function memberByReference(run: ClusterRun, ref: string): { cluster: number; member: number } {
  const hits = run.clusters.flatMap((c) => c.members.filter((m) => m.path === ref || m.sha256 === ref).map((m) => ({ c, m })));
  if (hits.length === 0) throw new UsageError(`${ref} is not a member of any cluster of the last dups run`);
  const byPath = hits.filter((h) => h.m.path === ref);
  if (byPath.length > 1) {
    throw new UsageError(
      `${ref} names ${byPath.length} files (in ${[...new Set(byPath.map((h) => h.m.source))].join(', ')}); Winnow cannot tell which to keep`,
    );
  }
  const [hit] = byPath.length ? byPath : hits;
  if (byPath.length === 0 && hits.length > 1) {
    throw new UsageError(`${hits.length} files share that content (${hits.map((h) => h.m.path).join(', ')}): name one by its path`);
  }
  return { cluster: hit!.c.id, member: hit!.m.id };
}

export function undoRedoCommand(which: 'undo' | 'redo'): (argv: string[]) => Promise<number> {
  return async (argv) => {
    const { values } = parse(argv, { catalog: { type: 'string' } }, 0);
    const db = openForCli(resolvePath(requireString(values, 'catalog')));
    try {
      const { done, state } = stepDecisions(db, which);
      if (!done) process.stdout.write(`Nothing to ${which}.\n`);
      else {
        process.stdout.write(
          `${which === 'undo' ? 'Undone' : 'Redone'}: ${plural(excludedCount(db), 'image')} now excluded; ` +
            `${steps(state.undoable)} to undo, ${state.redoable} to redo.\n`,
        );
      }
      return 0;
    } finally {
      db.close();
    }
  };
}
