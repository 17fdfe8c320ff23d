import { readdir, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExportPlanError } from './plan.ts';

/**
 * Every source folder an export reads from must be there before anything is written: a moved or
 * unmounted folder would otherwise turn every one of its images into a "vanished" line and leave a
 * complete-looking export without them. An empty folder is what an unmounted mount point looks like.
 */
export async function checkSourceFolders(roots: readonly string[]): Promise<void> {
  for (const root of roots) {
    const isDir = await stat(root).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const state = !isDir ? 'missing (moved or unmounted?)' : (await readdir(root)).length === 0 ? 'empty (unmounted?)' : null;
    if (state) {
      throw new ExportPlanError(
        `Source folder ${root} is ${state}: nothing was written. Reconnect it or remove it with \`winnow sources --remove\`.`,
      );
    }
  }
}

/**
 * An export replaces its folder whole (publish.ts): a folder that is or holds a source folder would
 * have the images moved aside and back, so it is refused. Compared as given and with links resolved.
 */
export async function checkOutsideSources(target: string, roots: readonly string[]): Promise<void> {
  const forms = [resolve(target), await realpath(target).catch(() => null)].filter((p): p is string => p !== null);
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => root);
    const holds = forms.some((t) => [root, realRoot].some((r) => r === t || r.startsWith(t.endsWith('/') ? t : `${t}/`)));
    if (holds)
      throw new ExportPlanError(
        `${resolve(target)} holds the source folder ${root} of the images being exported: choose an export folder outside it.`,
      );
  }
}
