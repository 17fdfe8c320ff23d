import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_FAILURES, makeUnreadable, writeMixedTree } from '../helpers/bad-inputs.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';

const repo = resolve(import.meta.dirname, '../..');
const bin = join(repo, 'bin/winnow');
const dir = tempDir('winnow-cli-');
afterAll(() => dir.cleanup());

function winnow(args: string[], opts: SpawnSyncOptions = {}): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', ...opts });
  return { code: run.status, stdout: String(run.stdout), stderr: String(run.stderr) };
}

let root: string;
let catalog: string;
beforeAll(async () => {
  root = join(dir.path, 'photos');
  await writeMixedTree(root, { bombPixels: 1_000_000 });
  catalog = join(dir.path, 'photos.winnow');
});

describe('winnow index / list', () => {
  it('indexes a folder and prints counts and every problem (exit 0 despite per-file errors)', () => {
    const before = snapshotTree(root);
    const run = winnow(['index', root, '--catalog', catalog, '--max-pixels', '1000000']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Indexed .*photos into .*photos\.winnow$/m);
    expect(run.stdout).toMatch(/^ {2}added +10$/m);
    expect(run.stdout).toMatch(/^ {2}failed +5$/m);
    expect(run.stdout).toMatch(/^ {2}[\d.]+ s, 16 files read \(\d+ per second\)$/m);
    for (const path of Object.keys(EXPECTED_FAILURES)) expect(run.stdout).toContain(`  ${path}: `);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('re-indexes incrementally and reports it as JSON', () => {
    const run = winnow(['index', root, '--catalog', catalog, '--max-pixels', '1000000', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ added: 0, unchanged: 10, changed: 0, missing: 0, cancelled: false });
    expect(report.failures).toHaveLength(6);
  });

  it('lists one CSV row per image with 16-digit hashes', () => {
    const run = winnow(['list', '--catalog', catalog, '--csv']);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toBe('path,label,status,width,height,format,sha256,ahash,phash,dhash,whash,blockhash,error,source');
    expect(rows).toHaveLength(15);
    const c2 = rows.find((r) => r.startsWith('cats/c2.jpg,'))!.split(',');
    expect(c2.slice(0, 6)).toEqual(['cats/c2.jpg', 'cats', 'active', '300', '200', 'jpeg']);
    expect(c2[6]).toMatch(/^[0-9a-f]{64}$/);
    for (const h of c2.slice(7, 12)) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(rows.find((r) => r.startsWith('bad/zero.jpg,'))).toContain(',error,');
  });

  it('stops quietly when the reader of its output goes away (winnow list --csv | head -1)', async () => {
    const child = spawn(process.execPath, [bin, 'list', '--catalog', catalog, '--csv'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the first row is written: every write gets EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('lists the same as JSON', () => {
    const rows = JSON.parse(winnow(['list', '--catalog', catalog, '--json']).stdout);
    expect(rows).toHaveLength(15);
    expect(rows.find((r: { path: string }) => r.path === 'dogs/d5.avif')).toMatchObject({ format: 'avif', label: 'dogs' });
  });
});

describe('exit codes and messages', () => {
  it('2 for usage errors, with the usage', () => {
    let run = winnow(['index', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--catalog is required/);
    expect(run.stderr).toMatch(/Usage: winnow index DIR --catalog FILE/);
    run = winnow(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown command "frobnicate"/);
    run = winnow(['list', '--catalog', catalog]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exactly one of --csv or --json/);
    run = winnow(['index', root, '--catalog', catalog, '--labels', 'weird']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--labels must be folders, none or csv:FILE/);
  });

  it('1 for fatal errors, in one clear line', () => {
    let run = winnow(['index', join(dir.path, 'nope'), '--catalog', join(dir.path, 'x.winnow')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^winnow: Folder not found: .*nope \(check the path, or choose another folder\)\.\n$/);
    const future = join(dir.path, 'future.winnow');
    const db = new Database(future);
    db.pragma('user_version = 99');
    db.close();
    run = winnow(['list', '--catalog', future, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/written by a newer Winnow/);
    run = winnow(['index', root, '--catalog', join(dir.path, 'y.winnow'), '--labels', `csv:${join(dir.path, 'absent.csv')}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Cannot read label CSV .*absent\.csv: ENOENT/);
  });

  it('prints help and version', () => {
    expect(winnow(['--help']).stdout).toMatch(/index DIR --catalog FILE/);
    expect(winnow(['--version']).stdout).toMatch(/^winnow \d+\.\d+\.\d+\n$/);
  });
});

describe('unreadable files', () => {
  // Root reads everything; as root the CLI runs without the capabilities that bypass file permissions.
  const isRoot = process.getuid?.() === 0;
  it('are reported as permission denied and the rest is imported', async () => {
    const folder = join(dir.path, 'perm');
    await writeJpeg(join(folder, 'ok.jpg'), 1);
    await writeJpeg(join(folder, 'secret.jpg'), 2);
    makeUnreadable(join(folder, 'secret.jpg'));
    const args = [bin, 'index', folder, '--catalog', join(dir.path, 'perm.winnow'), '--json'];
    const run = isRoot
      ? spawnSync('setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ added: 1, failed: 1 });
    expect(report.failures).toEqual([{ path: 'secret.jpg', error: 'cannot read: permission denied' }]);
  });
});

describe('launcher', () => {
  // ./bin/winnow must work whatever Node the machine has: an older one re-runs it on the pinned Node 22.
  const systemNodes = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((d) => !d.includes('node_modules'))
    .map((d) => join(d, 'node'))
    .filter((p) => existsSync(p) && statSync(p).isFile() && isExecutable(p));
  const oldNode = systemNodes.find(
    (p) => Number(spawnSync(p, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) < 22,
  );
  it.runIf(oldNode)(`runs on the pinned Node 22 when started with an older Node (${oldNode ?? 'none found'})`, () => {
    const run = spawnSync(oldNode!, [bin, 'list', '--catalog', catalog, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(15);
    const direct = spawnSync(oldNode!, [join(repo, 'out/main/cli.js'), '--help'], { encoding: 'utf8' });
    expect(direct.status).toBe(1);
    expect(direct.stderr).toMatch(/^Winnow needs Node\.js 22 or newer; this is Node 2\d\./);
  });
  it('has a built CLI to run', () => {
    expect(readdirSync(join(repo, 'out/main'))).toEqual(expect.arrayContaining(['cli.js', 'import-worker.js', 'index.js']));
  });
});

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
