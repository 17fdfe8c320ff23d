import { chmod, chown, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ExportSettingsError } from './settings.ts';

// An export is finished whole in a staging folder beside its target (same file system, so renames
// are atomic), then swapped in: target → aside, staging → target, the user's own files back from
// aside, aside deleted. A kill at any moment leaves the target holding the previous export or the
// complete new one, or (between the two renames) nothing with the previous export aside — which the
// next run restores before anything else. The leftovers' names say whose they are.

export const stagingOf = (target: string): string => join(dirname(target), `.${basename(target)}.winnow-staging`);
export const asideOf = (target: string): string => join(dirname(target), `.${basename(target)}.winnow-previous`);

/** In the staging folder: the id of the process writing it (hidden, removed before the swap). */
const OWNER = '.winnow-export-owner';
const SHARD_OR_MANIFEST = /(^manifest\.json$)|(\.tfrec(ord)?(\.gz|\.zlib)?(\.idx)?$)/;
const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * Names in `folder` that belong to the export its manifest.json describes. Without a manifest, only
 * its shard files: checkTarget never swaps out a folder of shards without one, so those are what is
 * left of an export whose deletion was cut short.
 */
async function exportNames(folder: string): Promise<Set<string>> {
  const names = new Set<string>();
  let manifest: { shards?: { file: string }[] };
  try {
    manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    for (const n of await readdir(folder)) if (SHARD_OR_MANIFEST.test(n)) names.add(n);
    return names;
  }
  for (const n of ['manifest.json', 'manifest.json.tmp', 'label_map.json', 'read_example.py']) names.add(n);
  for (const s of manifest.shards ?? []) names.add(s.file).add(`${s.file}.idx`);
  return names;
}

/** Moves the entries of `aside` that are not its export back into `target`; true when aside is then only export files. */
async function returnUsersFiles(aside: string, target: string): Promise<boolean> {
  const ours = await exportNames(aside);
  let clear = true;
  for (const name of await readdir(aside)) {
    if (ours.has(name)) continue;
    if (await exists(join(target, name)))
      clear = false; // never overwrite: it stays aside, and we say so
    else await rename(join(aside, name), join(target, name));
  }
  return clear;
}

/**
 * Deletes the export in `aside` (only the user's files moved out of it before): its listed files
 * first, manifest.json last, so a kill halfway still leaves the manifest that says which are ours.
 */
async function removeAside(aside: string): Promise<void> {
  const ours = await exportNames(aside);
  for (const name of ours) if (name !== 'manifest.json') await rm(join(aside, name), { force: true });
  await rm(join(aside, 'manifest.json'), { force: true });
  // Only an empty folder goes: anything that appeared meanwhile is not ours to delete (the next
  // run finds the folder and moves such files back).
  await rmdir(aside).catch(() => {});
}

/** The process writing into `staging`, while it runs (its id is in OWNER until the swap). */
async function liveOwner(staging: string): Promise<number | null> {
  const pid = Number((await readFile(join(staging, OWNER), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Finishes or undoes what an interrupted export left beside `target`; one sentence per thing found. */
export async function recoverInterrupted(target: string): Promise<string[]> {
  const notes: string[] = [];
  const aside = asideOf(target);
  const staging = stagingOf(target);
  // A staging folder whose writer still runs is not a leftover: never pull it from under it.
  const pid = await liveOwner(staging);
  if (pid !== null)
    throw new ExportSettingsError(
      `Another export into ${target} is running (process ${pid}): wait for it to finish or stop it, then export again.`,
    );
  if (await exists(aside)) {
    if (!(await exists(target))) {
      await rename(aside, target);
      notes.push(`Found the previous export in ${aside}, set aside by an interrupted export: restored it to ${target}.`);
    } else if (await returnUsersFiles(aside, target)) {
      await removeAside(aside);
      notes.push(`Found the previous export in ${aside}, left by an export interrupted after ${target} was complete: removed it.`);
    } else {
      throw new ExportSettingsError(
        `${aside} holds files of yours that clash with names in ${target}: move them out of ${aside}, then export again.`,
      );
    }
  }
  // Older versions staged inside the target under this name.
  for (const folder of [staging, join(target, '.winnow-export-partial')]) {
    if (!(await exists(folder))) continue;
    await rm(folder, { recursive: true, force: true });
    notes.push(`Found an unfinished export in ${folder}, left by an interrupted run: removed it.`);
  }
  return notes;
}

/**
 * Whether `target` may receive an export: absent, or a folder (of the user's files, or an earlier
 * export when `overwrite`) that is not a mount point (a mount point cannot be renamed aside).
 */
export async function checkTarget(target: string, overwrite: boolean): Promise<void> {
  if (!(await exists(target))) return;
  const [t, parent] = await Promise.all([stat(target), stat(dirname(target))]);
  if (!t.isDirectory()) throw new ExportSettingsError(`${target} is a file, not a folder: choose a folder for the export.`);
  const entries = await readdir(target);
  const earlier = entries.filter((e) => SHARD_OR_MANIFEST.test(e));
  if (earlier.length > 0 && !overwrite) {
    throw new ExportSettingsError(
      `${target} already holds an export (${earlier.slice(0, 3).join(', ')}${earlier.length > 3 ? ', …' : ''}); choose an empty folder or overwrite it`,
    );
  }
  if (earlier.length > 0 && !entries.includes('manifest.json')) {
    throw new ExportSettingsError(
      `${target} holds TFRecord files but no manifest.json (an export an older Winnow left unfinished, or files it did not write), and Winnow only replaces files a manifest lists: move them away or choose another folder.`,
    );
  }
  if (t.dev !== parent.dev) {
    throw new ExportSettingsError(
      `${target} is a mount point, which cannot be swapped for a finished export: export into a folder inside it.`,
    );
  }
}

/** A fresh staging folder beside `target`, marked with this process's id. */
export async function makeStaging(target: string): Promise<string> {
  const staging = stagingOf(target);
  await mkdir(staging);
  await writeFile(join(staging, OWNER), `${process.pid}\n`);
  return staging;
}

/** Swaps the complete export in `staging` into `target` (see the top of this file). */
export async function publish(staging: string, target: string): Promise<void> {
  await rm(join(staging, OWNER));
  if (!(await exists(target))) {
    await rename(staging, target);
    return;
  }
  // The new folder takes the old one's place, so it takes its mode and owner too (a shared,
  // group-writable folder stays one); the owner only where allowed.
  const was = await stat(target);
  await chmod(staging, was.mode & 0o7777);
  await chown(staging, was.uid, was.gid).catch(() => {});
  const aside = asideOf(target);
  await rename(target, aside);
  try {
    await rename(staging, target);
  } catch (err) {
    // Put the previous export back at once rather than leave it to the next run.
    await rename(aside, target);
    await rm(staging, { recursive: true, force: true });
    throw new ExportSettingsError(
      `Cannot move the finished export into ${target} (${(err as Error).message}): ${target} still holds what it held before.`,
    );
  }
  if (await returnUsersFiles(aside, target)) await removeAside(aside);
  else
    throw new ExportSettingsError(
      `The export is in ${target}, but ${aside} still holds files of yours whose names clash with it: move them where you want them.`,
    );
}
