// Issue 11 from the command line: content changes that keep size and mtime, which files are
// accepted as catalogs, two imports at once, a full disk. Every fault is made outside the product.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WINNOW_BIN, winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';
import { testHost } from '../helpers/host.ts';

const dir = tempDir('winnow-catalog-faults-');
afterAll(() => dir.cleanup());

async function folder(name: string, n: number, seed: number): Promise<string> {
  const root = join(dir.path, name);
  mkdirSync(join(root, 'a'), { recursive: true });
  mkdirSync(join(root, 'b'), { recursive: true });
  for (let i = 0; i < n; i++)
    await (await syntheticImage(seed + 7 * i, 160, 120)).jpeg({ quality: 90 }).toFile(join(root, i % 2 ? 'a' : 'b', `img${i}.jpg`));
  return root;
}

describe('a file changed in place with the same size and mtime', () => {
  it('is found by index --rehash; export marks it so that a plain index re-reads it, and says so', async () => {
    const root = await folder('rehash', 6, 100);
    const catalog = join(dir.path, 'rehash.winnow');
    const file = join(root, 'a', 'img1.jpg');
    utimesSync(file, 1_700_000_000, 1_700_000_000); // whole seconds: restored exactly below
    expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
    expect(winnow('folds', '--catalog', catalog, '--k', '2').code).toBe(0);
    // Same length, other bytes: flip one byte inside the entropy-coded data, then put the mtime back.
    const st = statSync(file);
    const bytes = readFileSync(file);
    const at = bytes.length - 100;
    bytes[at] = bytes[at]! ^ 0x55;
    writeFileSync(file, bytes);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file).mtimeMs).toBe(st.mtimeMs);

    expect(json('index', root, '--catalog', catalog)).toMatchObject({ changed: 0, unchanged: 6 });
    const exported = json('export', '--catalog', catalog, '--out', join(dir.path, 'rehash-out'), '--size', 'none');
    expect(exported.failures).toEqual([
      {
        path: 'a/img1.jpg',
        error: 'its content differs from when it was indexed; the next `winnow index` reads it again',
      },
    ]);
    // The export's finding is kept: a plain index (no --rehash) re-reads exactly that file.
    expect(json('index', root, '--catalog', catalog)).toMatchObject({ changed: 1, unchanged: 5, added: 0 });
    // And --rehash, which reads every file, finds nothing more.
    const rehashed = json('index', root, '--catalog', catalog, '--rehash');
    expect(rehashed).toMatchObject({ changed: 0, unchanged: 6, added: 0 });
    const again = json('export', '--catalog', catalog, '--out', join(dir.path, 'rehash-out2'), '--size', 'none');
    expect(again.failures).toEqual([]);
    expect(again.records).toBe(6);
  }, 60_000);
});

const tables = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
};
const lastLine = (s: string): string => s.trim().split('\n').pop()!;

describe('what --catalog accepts', () => {
  it('refuses an SQLite database that is not a Winnow catalog, leaving it as it was', async () => {
    const root = await folder('foreign-data', 2, 200);
    const file = join(dir.path, 'notes.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    db.close();
    const before = readFileSync(file);
    for (const args of [['dups'], ['folds'], ['index', root], ['list', '--csv'], ['resolve', '--accept-suggestions']]) {
      const run = winnow(...args, '--catalog', file);
      expect(run.code, args[0]).toBe(1);
      expect(lastLine(run.stderr)).toBe(
        `winnow: ${file} is an SQLite database but not a Winnow catalog (it holds the table notes); refusing to change it. Give a new file name to create a catalog.`,
      );
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(tables(file)).toEqual(['notes']);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a mistyped --catalog is "Catalog not found" on every command but index, and no file is left', () => {
    const file = join(dir.path, 'typo.winnow');
    const sentence = `winnow: Catalog not found: ${file} (create one with winnow index DIR --catalog ${file})`;
    for (const args of [
      ['dups'],
      ['folds'],
      ['resolve', '--accept-suggestions'],
      ['undo'],
      ['redo'],
      ['list', '--csv'],
      ['sources'],
      ['sources', '--remove', '1'],
      ['export', '--out', join(dir.path, 'typo-out')],
      ['dups', '--histogram'],
    ]) {
      const run = winnow(...args, '--catalog', file);
      expect(run.code, args.join(' ')).toBe(1);
      expect(lastLine(run.stderr), args.join(' ')).toBe(sentence);
      expect(existsSync(file), args.join(' ')).toBe(false);
    }
  });

  it('index that fails on a bad folder leaves no catalog behind', () => {
    const file = join(dir.path, 'badfolder.winnow');
    const run = winnow('index', join(dir.path, 'no-such-folder'), '--catalog', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-such-folder');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a 0-byte file is refused by commands that need a catalog and becomes one through index', async () => {
    const root = await folder('empty-file-data', 2, 300);
    const file = join(dir.path, 'zero.winnow');
    writeFileSync(file, '');
    const run = winnow('folds', '--catalog', file);
    expect(run.code).toBe(1);
    expect(lastLine(run.stderr)).toBe(
      `winnow: ${file} is empty (0 bytes), not a catalog yet; create one with winnow index DIR --catalog ${file}`,
    );
    expect(statSync(file).size).toBe(0);
    expect(json('index', root, '--catalog', file)).toMatchObject({ added: 2 });
  });

  it('a catalog with a negative schema version is refused with a sentence', async () => {
    const root = await folder('negative-data', 2, 400);
    const file = join(dir.path, 'negative.winnow');
    expect(winnow('index', root, '--catalog', file).code).toBe(0);
    const db = new Database(file);
    db.pragma('user_version = -1');
    db.close();
    const run = winnow('dups', '--catalog', file);
    expect(run.code).toBe(1);
    expect(lastLine(run.stderr)).toBe(`winnow: ${file} is not a Winnow catalog (its schema version is -1); refusing to change it.`);
  });

  it('catalog.open refuses a device such as /dev/null with a sentence and creates nothing beside it', async () => {
    rmSync('/dev/null-journal', { force: true }); // left by the bug this test is about
    const { host } = testHost();
    await expect(host.dispatch('catalog.open', { path: '/dev/null' })).rejects.toThrow(
      '/dev/null is not a regular file; a catalog is a file, e.g. dataset.winnow.',
    );
    expect(existsSync('/dev/null-journal')).toBe(false);
    await host.close();
  });
});

/** Bind-mounts `src` read-only at `at`; false when this machine does not allow it. */
function readOnlyMount(src: string, at: string): boolean {
  mkdirSync(at, { recursive: true });
  if (spawnSync('mount', ['--bind', src, at]).status !== 0) return false;
  if (spawnSync('mount', ['-o', 'remount,ro,bind', at]).status === 0) return true;
  spawnSync('umount', [at]);
  return false;
}
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

describe('a read-only catalog', () => {
  it.skipIf(!canMount)(
    'in a read-only folder: list works, folds names the folder and the cause (skipped where bind mounts fail)',
    async (ctx) => {
      const root = await folder('ro-data', 4, 500);
      const rw = join(dir.path, 'rw');
      mkdirSync(rw);
      const file = join(rw, 'c.winnow');
      expect(winnow('index', root, '--catalog', file).code).toBe(0);
      const ro = join(dir.path, 'ro');
      if (!readOnlyMount(rw, ro)) ctx.skip(); // the mount was refused after all
      try {
        const catalog = join(ro, 'c.winnow');
        const list = winnow('list', '--catalog', catalog, '--csv');
        expect(list.stderr).toBe('');
        expect(list.stdout.trim().split('\n')).toHaveLength(5);
        expect(winnow('sources', '--catalog', catalog).code).toBe(0);
        const folds = winnow('folds', '--catalog', catalog);
        expect(folds.code).toBe(1);
        expect(lastLine(folds.stderr)).toBe(
          `winnow: Cannot write the catalog ${catalog}: its folder ${ro} is read-only (SQLite keeps its journal beside the catalog); make the folder writable or copy the catalog to one that is.`,
        );
      } finally {
        spawnSync('umount', [ro]);
      }
    },
  );

  it('that is itself read-only (chattr +i): list works, folds says the file is read-only (skipped without chattr)', async (ctx) => {
    const root = await folder('immutable-data', 4, 600);
    const file = join(dir.path, 'immutable.winnow');
    const indexed = winnow('index', root, '--catalog', file);
    expect(indexed.code, indexed.stderr).toBe(0);
    if (spawnSync('chattr', ['+i', file]).status !== 0) ctx.skip(); // no chattr on this file system
    try {
      expect(winnow('list', '--catalog', file, '--csv').stdout.trim().split('\n')).toHaveLength(5);
      const folds = winnow('folds', '--catalog', file);
      expect(folds.code).toBe(1);
      expect(lastLine(folds.stderr)).toBe(
        `winnow: Cannot write the catalog ${file}: the file is read-only; make it writable (chmod u+w, or chattr -i) or copy it.`,
      );
    } finally {
      spawnSync('chattr', ['-i', file]);
    }
  });
});

/** Runs ./bin/winnow without blocking, so two can run at once. */
function winnowAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [WINNOW_BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('two imports into one catalog at once', () => {
  it('both end well, or one is refused with a sentence naming the other; the catalog holds every file once', async () => {
    const root = await folder('twice-data', 40, 700);
    const file = join(dir.path, 'twice.winnow');
    for (const round of [0, 1]) {
      if (round === 1)
        for (let i = 0; i < 20; i++) await (await syntheticImage(900 + i, 160, 120)).jpeg().toFile(join(root, 'a', `late${i}.jpg`));
      const runs = await Promise.all([
        winnowAsync('index', root, '--catalog', file, '--json'),
        winnowAsync('index', root, '--catalog', file, '--json'),
      ]);
      for (const run of runs) {
        if (run.code === 0) continue;
        expect(run.code, run.stderr).toBe(1);
        expect(lastLine(run.stderr)).toMatch(
          new RegExp(`^winnow: Another import is running on ${file} \\(pid \\d+\\); wait for it to finish and run this one again\\.$`),
        );
      }
      expect(runs.some((r) => r.code === 0)).toBe(true);
      const ok = runs.filter((r) => r.code === 0).map((r) => JSON.parse(r.stdout));
      // Between them, each new file was added exactly once.
      expect(ok.reduce((n, r) => n + r.added, 0)).toBe(round === 0 ? 40 : 20);
      const listed = winnow('list', '--catalog', file, '--csv').stdout.trim().split('\n');
      expect(listed).toHaveLength(1 + (round === 0 ? 40 : 60));
    }
    // A holder that died without releasing (SIGKILL) does not block the next import.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const db = new Database(file);
    db.prepare("INSERT INTO settings(key, value) VALUES ('import.running', ?)").run(dead);
    db.close();
    expect(json('index', root, '--catalog', file)).toMatchObject({ added: 0, unchanged: 60 });
  }, 120_000);
});

describe('a full disk during import', () => {
  it.skipIf(!canMount)(
    'says which disk is full and stops; no image is stored as failed (skipped where tmpfs cannot be mounted)',
    async (ctx) => {
      const root = join(dir.path, 'full-data');
      mkdirSync(root);
      for (let i = 0; i < 400; i++) await (await syntheticImage(2000 + i, 64, 48)).jpeg({ quality: 80 }).toFile(join(root, `img${i}.jpg`));
      const disk = join(dir.path, 'small-disk');
      mkdirSync(disk);
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=300k', 'tmpfs', disk]).status !== 0) ctx.skip();
      try {
        const file = join(disk, 'c.winnow');
        const run = winnow('index', root, '--catalog', file, '--workers', '1');
        expect(run.code).toBe(1);
        expect(lastLine(run.stderr)).toBe(
          `winnow: The disk holding ${file} is full: free some space there (or use a catalog on another disk) and run the import again; what was imported so far is kept.`,
        );
        expect(run.stdout).toBe('');
        const db = new Database(file, { readonly: true });
        const errors = db.prepare("SELECT count(*) AS n FROM images WHERE status = 'error'").get() as { n: number };
        db.close();
        expect(errors.n).toBe(0);
      } finally {
        spawnSync('umount', [disk]);
      }
    },
    120_000,
  );
});

describe('read-only commands on a catalog whose images disagree with its decisions', () => {
  it('list and export see the decisions (repaired at open, said once on stderr)', async () => {
    const root = await folder('disagree-data', 4, 800);
    copyFileSync(join(root, 'a', 'img1.jpg'), join(root, 'a', 'img1-copy.jpg'));
    const file = join(dir.path, 'disagree.winnow');
    expect(winnow('index', root, '--catalog', file).code).toBe(0);
    expect(winnow('dups', '--catalog', file).code).toBe(0);
    expect(winnow('resolve', '--catalog', file, '--keep', 'a/img1.jpg').code).toBe(0);
    const db = new Database(file);
    db.prepare("UPDATE images SET status = 'active' WHERE rel_path = 'a/img1-copy.jpg'").run();
    db.close();
    const list = winnow('list', '--catalog', file, '--json');
    expect(list.stderr).toBe(
      `winnow: ${file}: 1 image(s) did not show the decisions recorded for them (an interrupted or outside write); they were set from the decisions again.\n`,
    );
    const rows = JSON.parse(list.stdout) as { path: string; status: string }[];
    expect(rows.find((r) => r.path === 'a/img1-copy.jpg')!.status).toBe('excluded');
    expect(winnow('folds', '--catalog', file, '--k', '2').code).toBe(0);
    const exported = json('export', '--catalog', file, '--out', join(dir.path, 'disagree-out'), '--size', 'none');
    expect(exported.records).toBe(4);
  });
});
