// Publishing an export (issue 11): whatever happens — SIGKILL at the moment the out folder first
// changes, a full disk, a leftover from an interrupted run — the out folder shows a complete export
// or the previous one, and re-run / --overwrite / verify say what they found.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  statSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, WINNOW_BIN } from '../helpers/cli.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-publish-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'data');
const catalog = join(dir.path, 'c.winnow');
const beside = (out: string): string[] => readdirSync(dirname(out)).filter((e) => e.startsWith(`.${basename(out)}.`));
// Export A: original bytes, one shard per fold. Export B: re-encoded, one record per shard (many files).
const A = ['--size', 'none'];
const B = ['--size', '40x30', '--max-records', '1', '--name', 'b-{shard:03}-{count}.tfrec'];

beforeAll(async () => {
  for (const label of ['a', 'b'])
    for (let i = 0; i < 20; i++) await writeJpeg(join(root, label, `${i}.jpg`), label.charCodeAt(0) * 100 + i, 64, 48);
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
  expect(winnow('folds', '--catalog', catalog, '--k', '2').code).toBe(0);
}, 120_000);

function exportA(out: string): Map<string, string> {
  expect(winnow('export', '--catalog', catalog, '--out', out, ...A).code).toBe(0);
  return snapshotTree(out);
}

/** The folder's names, or null when it is not there (it can be renamed away between two calls). */
function list(folder: string): string[] | null {
  try {
    return readdirSync(folder);
  } catch {
    return null;
  }
}

/** Starts an export and SIGKILLs it as soon as `changed()` holds (checked between event-loop turns). */
async function killWhen(args: string[], changed: () => boolean): Promise<'killed' | 'finished'> {
  const child = spawn(process.execPath, [WINNOW_BIN, ...args], { stdio: 'ignore' });
  let exited = false;
  const ended = new Promise<void>((r) => child.on('exit', () => ((exited = true), r())));
  let result: 'killed' | 'finished' = 'finished';
  while (!exited) {
    if (changed()) {
      child.kill('SIGKILL');
      result = 'killed';
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  await ended;
  return result;
}

describe('export publish', () => {
  it('verify calls a folder of Winnow shards without manifest.json incomplete (rc 1)', () => {
    const out = join(dir.path, 'no-manifest');
    exportA(out);
    rmSync(join(out, 'manifest.json'));
    const v = winnow('verify', out);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(
      `${out} holds 2 shards but no manifest.json: an incomplete export, interrupted before it finished; export again into a new folder.`,
    );
  });

  it('SIGKILL while --overwrite replaces an export leaves the previous export or the complete new one; a re-run finishes cleanly', async () => {
    const out = join(dir.path, 'kill-overwrite');
    const before = exportA(out);
    const ended = await killWhen(['export', '--catalog', catalog, '--out', out, ...B, '--overwrite'], () => {
      const now = list(out);
      return (
        now === null ||
        now.sort().join('\n') !==
          [...before.keys()]
            .map((k) => basename(k))
            .sort()
            .join('\n')
      );
    });
    const after = existsSync(out) ? snapshotTree(out) : null;
    if (after !== null && after.size === before.size && [...after].every(([k, v]) => before.get(k) === v)) {
      expect(winnow('verify', out).code).toBe(0); // exactly the previous export
    } else if (after !== null) {
      expect(readdirSync(out)).toContain('manifest.json'); // the complete new one
      expect(winnow('verify', out).code).toBe(0);
      expect(readdirSync(out).filter((f) => f.endsWith('.tfrec'))).toHaveLength(40);
    } else {
      expect(beside(out)).toContain(`.${basename(out)}.winnow-previous`); // between the two renames
    }
    const again = winnow('export', '--catalog', catalog, '--out', out, ...B, '--overwrite');
    expect(again.code, `${ended}: ${again.stderr}`).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.tfrec'))).toHaveLength(40);
    expect(winnow('verify', out).code).toBe(0);
    expect(beside(out)).toEqual([]);
  });

  it('SIGKILL when the first shard shows in a new out folder leaves no folder or a complete export', async () => {
    const out = join(dir.path, 'kill-new');
    await killWhen(['export', '--catalog', catalog, '--out', out, ...B], () => (list(out) ?? []).some((f) => f.endsWith('.tfrec')));
    if (existsSync(out)) {
      expect(readdirSync(out)).toContain('manifest.json');
      expect(winnow('verify', out).code).toBe(0);
    }
    const again = winnow('export', '--catalog', catalog, '--out', out, ...B, '--overwrite');
    expect(again.code, again.stderr).toBe(0);
    expect(winnow('verify', out).code).toBe(0);
    expect(beside(out)).toEqual([]);
  });

  it('SIGKILL when the first shard is written leaves the previous export exactly; the re-run says what it found', async () => {
    const out = join(dir.path, 'kill-writing');
    const before = exportA(out);
    const staging = join(dir.path, `.${basename(out)}.winnow-staging`);
    const ended = await killWhen(['export', '--catalog', catalog, '--out', out, ...B, '--overwrite'], () =>
      (list(staging) ?? []).some((f) => f.startsWith('b-')),
    );
    expect(ended).toBe('killed');
    expect(snapshotTree(out)).toEqual(before);
    expect(winnow('verify', out).code).toBe(0);
    const again = winnow('export', '--catalog', catalog, '--out', out, ...B, '--overwrite');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`Found an unfinished export in ${staging}, left by an interrupted run: removed it.`);
    expect(readdirSync(out).filter((f) => f.endsWith('.tfrec'))).toHaveLength(40);
    expect(beside(out)).toEqual([]);
  });

  it('a staging folder whose export still runs is left alone, with a sentence naming the process', () => {
    const out = join(dir.path, 'running');
    const staging = join(dir.path, `.${basename(out)}.winnow-staging`);
    mkdirSync(staging);
    writeFileSync(join(staging, '.winnow-export-owner'), `${process.pid}\n`); // this test runner: alive
    writeFileSync(join(staging, 'train-00-3.tfrec'), 'being written');
    const run = winnow('export', '--catalog', catalog, '--out', out, ...A);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `winnow: Another export into ${out} is running (process ${process.pid}): wait for it to finish or stop it, then export again.\n`,
    );
    expect(readdirSync(staging).sort()).toEqual(['.winnow-export-owner', 'train-00-3.tfrec']);
    expect(existsSync(out)).toBe(false);
    // Once that process is gone, the folder is a leftover like any other.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(staging, '.winnow-export-owner'), `${gone}\n`);
    const after = winnow('export', '--catalog', catalog, '--out', out, ...A);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain(`Found an unfinished export in ${staging}, left by an interrupted run: removed it.`);
    expect(readdirSync(out)).not.toContain('.winnow-export-owner');
  });

  it("a re-run removes an interrupted run's unfinished staging folder and says so", () => {
    const out = join(dir.path, 'left-staging');
    const staging = join(dir.path, `.${basename(out)}.winnow-staging`);
    mkdirSync(staging);
    writeFileSync(join(staging, 'b-000-1.tfrec'), 'half a shard');
    const run = winnow('export', '--catalog', catalog, '--out', out, ...A);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Found an unfinished export in ${staging}, left by an interrupted run: removed it.`);
    expect(existsSync(staging)).toBe(false);
    expect(winnow('verify', out).code).toBe(0);
  });

  it('a previous export set aside by a run killed between its two renames is restored, and said so', () => {
    const out = join(dir.path, 'left-aside');
    const before = exportA(out);
    const aside = join(dir.path, `.${basename(out)}.winnow-previous`);
    renameSync(out, aside);
    const v = winnow('verify', out);
    expect(v.code).toBe(1);
    expect(v.stderr).toBe(
      `winnow: ${out} does not exist, but ${aside} holds the export an interrupted run set aside: run the export again, which restores it first.\n`,
    );
    const run = winnow('export', '--catalog', catalog, '--out', out, ...B);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Found the previous export in ${aside}, set aside by an interrupted export: restored it to ${out}.`);
    expect(run.stderr).toMatch(/already holds an export .*overwrite/);
    expect(snapshotTree(out)).toEqual(before);
    expect(existsSync(aside)).toBe(false);
  });

  it('an out folder given as a symlink stays a symlink: the export lands in the folder it points to', () => {
    const real = join(dir.path, 'real-target');
    exportA(real);
    const link = join(dir.path, 'link-target');
    symlinkSync(real, link);
    const run = winnow('export', '--catalog', catalog, '--out', link, ...B, '--overwrite');
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(real).filter((f) => f.endsWith('.tfrec'))).toHaveLength(40);
    expect(winnow('verify', real).code).toBe(0);
    expect([...beside(link), ...beside(real)]).toEqual([]);
  });

  it("--overwrite keeps files that are not the export's and the folder's mode, and a plain re-run refuses", () => {
    const out = join(dir.path, 'with-notes');
    exportA(out);
    chmodSync(out, 0o2750);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const refused = winnow('export', '--catalog', catalog, '--out', out, ...B);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds an export .*overwrite/);
    expect(winnow('export', '--catalog', catalog, '--out', out, ...B, '--overwrite').code).toBe(0);
    expect(readdirSync(out)).toContain('notes.txt');
    expect(readdirSync(out).filter((f) => f.endsWith('.tfrec'))).toHaveLength(40);
    expect(beside(out)).toEqual([]);
    expect(statSync(out).mode & 0o7777).toBe(0o2750);
  });
});

// A 2 MB tmpfs: export A fits, export B at 1024×1024 does not. Mounted only when these tests run
// (hooks of a filtered-out block do not run), and each test skips itself, saying why, where mount fails.
describe('export on a full disk (2 MB tmpfs)', () => {
  const big = ['--size', '1024x1024', '--quality', '100', '--no-passthrough'];
  const small = join(dir.path, 'small');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(small, { recursive: true });
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]).status === 0;
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [small]);
  });
  const needsMount = (ctx: { skip: (note?: string) => void }): void => {
    if (!mounted) ctx.skip('mount -t tmpfs is not allowed here (needs root)');
  };

  it('--overwrite that runs out of space leaves the previous export exactly, with a sentence', (ctx) => {
    needsMount(ctx);
    const out = join(small, 'out');
    const before = exportA(out);
    const run = winnow('export', '--catalog', catalog, '--out', out, ...big, '--overwrite');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `winnow: The disk holding ${out} is full: the export was not written and ${out} still holds the previous export. Free some space and export again.\n`,
    );
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(small)).toEqual(['out']);
  });

  it('a first export that runs out of space leaves no folder', (ctx) => {
    needsMount(ctx);
    const out = join(small, 'fresh');
    const run = winnow('export', '--catalog', catalog, '--out', out, ...big);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `winnow: The disk holding ${out} is full: the export was not written and ${out} was not created. Free some space and export again.\n`,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(small)).toEqual(['out']);
  });
});

describe('export publish: recovery from a cut-short deletion of the previous export', () => {
  it("shards left in the aside folder without their manifest are deleted, not taken for the user's files", () => {
    const out = join(dir.path, 'cut-short');
    expect(winnow('export', '--catalog', catalog, '--out', out, ...B).code).toBe(0);
    const aside = join(dir.path, `.${basename(out)}.winnow-previous`);
    const other = join(dir.path, 'cut-short-a');
    exportA(other);
    mkdirSync(aside);
    for (const f of readdirSync(other).filter((f) => f.endsWith('.tfrec'))) renameSync(join(other, f), join(aside, f));
    writeFileSync(join(aside, 'notes.txt'), 'mine');
    const run = winnow('export', '--catalog', catalog, '--out', out, ...B, '--overwrite');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Found the previous export in ${aside}`);
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.tfrec'))
        .every((f) => f.startsWith('b-')),
    ).toBe(true);
    expect(readdirSync(out)).toContain('notes.txt');
    expect(existsSync(aside)).toBe(false);
  });
});
