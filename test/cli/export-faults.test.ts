// Exports that meet a missing source, a pseudo-file system, a kill or a full disk (issue 11):
// the out folder only ever shows a complete export or the previous one, and every refusal is a sentence.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, WINNOW_BIN } from '../helpers/cli.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-faults-');
afterAll(() => dir.cleanup());

/** A labelled folder of `n` small JPEGs per label, indexed, with 2 folds. */
async function dataset(name: string, n: number): Promise<{ root: string; catalog: string }> {
  const root = join(dir.path, name);
  for (const label of ['a', 'b'])
    for (let i = 0; i < n; i++) await writeJpeg(join(root, label, `${i}.jpg`), label.charCodeAt(0) * 1000 + i, 48, 36);
  const catalog = join(dir.path, `${name}.winnow`);
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
  expect(winnow('folds', '--catalog', catalog, '--k', '2').code).toBe(0);
  return { root, catalog };
}

describe('export: source folder gone', () => {
  let set: { root: string; catalog: string };
  beforeAll(async () => {
    set = await dataset('gone', 4);
  }, 60_000);

  it('refuses with one sentence naming the missing folder, rc 1, and writes nothing', () => {
    renameSync(set.root, `${set.root}-moved`);
    const out = join(dir.path, 'gone-out');
    const run = winnow('export', '--catalog', set.catalog, '--out', out, '--size', 'none');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `winnow: Source folder ${set.root} is missing (moved or unmounted?): nothing was written. Reconnect it or remove it with \`winnow sources --remove\`.\n`,
    );
    expect(run.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    renameSync(`${set.root}-moved`, set.root);
    expect(winnow('export', '--catalog', set.catalog, '--out', out, '--size', 'none').code).toBe(0);
  });
});

/** The CLI with a hang guard: a run still going after 60 s is killed and reported as code null. */
function guarded(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [WINNOW_BIN, ...args], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('export: out folder holding the images', () => {
  it.each([
    ['the source folder itself', ''],
    ['a folder that holds it', '..'],
  ])(
    'refuses %s: the swap would move the images',
    async (_what, up) => {
      const set = await dataset(`holds${up ? '-parent' : ''}`, 2);
      const out = join(set.root, up);
      const before = readdirSync(set.root).sort();
      const run = winnow('export', '--catalog', set.catalog, '--out', out, '--size', 'none');
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `winnow: ${out} holds the source folder ${set.root} of the images being exported: choose an export folder outside it.\n`,
      );
      expect(readdirSync(set.root).sort()).toEqual(before);
    },
    60_000,
  );
});

describe('export: out folder on a pseudo-file system', () => {
  let set: { root: string; catalog: string };
  beforeAll(async () => {
    set = await dataset('pseudo', 2);
  }, 60_000);

  it.each([
    ['/proc/x', '/proc'],
    ['/proc/x/y/z', '/proc'],
    ['/sys/x', '/sys'],
    ['/dev/winnow-export-test', '/dev'],
  ])('refuses --out %s with a sentence, rc 1, and creates nothing', (out, fs) => {
    const run = guarded('export', '--catalog', set.catalog, '--out', out, '--size', 'none');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`winnow: ${out} is on ${fs}, a system pseudo-file system that cannot hold an export: choose another folder.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('follows symlinks: a folder reached through a link into /proc is refused too', () => {
    const link = join(dir.path, 'to-proc');
    symlinkSync('/proc/self', link);
    const run = guarded('export', '--catalog', set.catalog, '--out', join(link, 'x'), '--size', 'none');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /to-proc\/x is on \/proc, a system pseudo-file system that cannot hold an export: choose another folder\.\n$/,
    );
  });

  it('creates missing folders level by level, up to a bound', () => {
    const nested = join(dir.path, 'n1', 'n2', 'n3');
    expect(guarded('export', '--catalog', set.catalog, '--out', nested, '--size', 'none').code).toBe(0);
    expect(existsSync(join(nested, 'manifest.json'))).toBe(true);
    const deep = join(dir.path, ...Array.from({ length: 40 }, (_, i) => `d${i}`));
    const run = guarded('export', '--catalog', set.catalog, '--out', deep, '--size', 'none');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `winnow: ${deep} would need 40 new folders (at most 32 are created): create the folder first or choose a shallower one.\n`,
    );
    expect(existsSync(join(dir.path, 'd0'))).toBe(false);
  });
});
