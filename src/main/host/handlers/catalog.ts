// Catalog-level calls: which app answers, opening catalogs, the summary, the image grid's pages, the
// failures list, path completion and native pickers.
import { catalogSummary, listImagePage } from '../../core/catalog/queries.ts';
import { WINNOW_VERSION } from '../../core/version.ts';
import { completePath } from '../complete.ts';
import type { HostContext, Handlers } from '../context.ts';

type CatalogMethods = 'app.info' | 'catalog.open' | 'catalog.recent' | 'catalog.summary' | 'images.list' | 'fs.complete' | 'dialog.open';

export function catalogHandlers(host: HostContext): Handlers<CatalogMethods> {
  return {
    'app.info': async () => ({
      name: 'Winnow',
      version: WINNOW_VERSION,
      node: process.versions.node,
      platform: process.platform,
      shell: host.opts.shell,
    }),
    'catalog.open': async ({ path }) => {
      const c = await host.lock.run('open', () => host.open(path));
      host.recent?.add(c.path);
      return catalogSummary(c.db, c.path);
    },
    'catalog.recent': async () => host.recent?.list() ?? [],
    'catalog.summary': async () => (host.current ? catalogSummary(host.current.db, host.current.path) : null),
    'images.list': async (args) => listImagePage(host.catalog().db, args),
    'fs.complete': async ({ prefix, kind }) => ({ entries: await completePath(prefix, kind) }),
    'dialog.open': async (args) => {
      if (!host.opts.openDialog) return { path: null, unsupported: 'No file dialog in the browser: type the path (Tab completes).' };
      return { path: await host.opts.openDialog(args) };
    },
  };
}
