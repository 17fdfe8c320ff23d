import { readdir, stat } from 'node:fs/promises';
import { ExportPlanError } from './plan.ts';

/**
 * Every source folder an export reads from must be there before anything is written: a moved or
 * unmounted folder would otherwise turn every one of its images into a "vanished" line and leave a
 * complete-looking export without them. An empty folder is what an unmounted mount point looks like.
 */
export async function checkSourceFolders(roots: readonly string[]): Promise<void> {
  for (const root of roots) {
    const isDir = await stat(root).then((s) => s.isDirectory(), () => false);
    const state = !isDir ? 'missing (moved or unmounted?)' : (await readdir(root)).length === 0 ? 'empty (unmounted?)' : null;
    if (state) {
      throw new ExportPlanError(`Source folder ${root} is ${state}: nothing was written. Reconnect it or remove it with \`winnow sources --remove\`.`);
    }
  }
}
