// The Duplicates screen's calls. Clustering is a job (progress, cancel); decisions, undo / redo and
// trash are short writes under the host's lock; the sweep is a read that only blocks a catalog switch.
import type { HostContext, Handlers } from '../context.ts';
import { DupsHost } from '../dups-host.ts';

type DupsMethods = 'dups.sweep' | 'dups.load' | 'dups.find' | 'dups.decide' | 'dups.trash' | 'dups.undo' | 'dups.redo';

export function dupsHandlers(host: HostContext): { handlers: Handlers<DupsMethods>; dups: DupsHost } {
  const dups = new DupsHost();
  const service = () => dups.get(host.catalog());
  const handlers: Handlers<DupsMethods> = {
    'dups.sweep': async ({ max }) => {
      const s = service();
      return host.lock.read(() => s.sweep(max));
    },
    // A read of the run in memory (and a few statuses): no lock needed.
    'dups.load': async () => service().load(),
    'dups.find': async (args) => {
      const s = service();
      return { jobId: host.jobs.start('clusters', async (ctx) => ({ report: await s.find(args, ctx) })) };
    },
    'dups.decide': async (args) => host.lock.run('decision', () => service().decide(args)),
    'dups.trash': async ({ id }) => host.lock.run('trash', () => service().trash(id, host.opts.trashItem)),
    'dups.undo': async () => host.lock.run('decision', () => service().step('undo')),
    'dups.redo': async () => host.lock.run('decision', () => service().step('redo')),
  };
  return { handlers, dups };
}
