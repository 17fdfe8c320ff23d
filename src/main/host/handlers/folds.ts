// Folds: assigning them is a job (seconds at a million images, in a thread; a cancel stops it
// before it stores anything); the stored assignment is read back for the screen.
import type { FoldsResult } from '../../../shared/contract.ts';
import type { FoldResult } from '../../core/folds/catalog-folds.ts';
import type { HostContext, Handlers } from '../context.ts';
import { runInThread } from '../threaded.ts';

// The contract restates the core's result; this fails to compile if they drift apart.
const sameFolds = (r: FoldResult): FoldsResult => r;

export function foldsHandlers(host: HostContext): Handlers<'folds.compute' | 'folds.load'> {
  return {
    // It reads the same rows as folds.compute (every active image, the clusters): off the host's thread too.
    'folds.load': async () => {
      const stored = await runInThread<FoldResult | null>({ kind: 'load-folds', catalog: host.catalog().path });
      return stored && sameFolds(stored);
    },
    'folds.compute': async (args) => {
      const { path } = host.catalog();
      const jobId = host.jobs.start('folds', async (ctx) => ({
        report: sameFolds(await runInThread<FoldResult>({ kind: 'folds', catalog: path, params: args }, ctx, 'terminate')),
      }));
      return { jobId };
    },
  };
}
