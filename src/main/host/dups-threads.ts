// Where the Duplicates screen's heavy work runs for a Host: clustering in a job thread (it reads and
// writes the catalog; a cancel stops the thread before it commits), the threshold sweep in the warm
// search threads of a SearchPool after a job thread has read the pHashes. The host's own thread
// only passes messages.
import type { ClusterRun } from '../core/dups/clusters.ts';
import type { HashArray } from '../core/dups/hamming.ts';
import type { MatchRule } from '../core/dups/match.ts';
import type { SearchPool } from '../core/dups/parallel.ts';
import type { DupsCompute } from './dups-service.ts';
import { runInThread } from './threaded.ts';

export function threadedDupsCompute(catalog: string, searchPool: () => SearchPool): DupsCompute {
  return {
    clusters: (rule: MatchRule, ctx) => runInThread<ClusterRun>({ kind: 'clusters', catalog, rule }, ctx, 'terminate'),
    sweep: async (max: number) => searchPool().sweep(await runInThread<HashArray>({ kind: 'phashes', catalog }), max),
  };
}
