// Signals and `winnow serve`. Started with an older Node, ./bin/winnow re-runs itself on the pinned
// Node 22 as a child: `kill PID` (the launcher's pid, the one a shell or a supervisor knows) must stop
// that child too, and the launcher must exit as the child did. And `winnow serve` itself stops cleanly
// on SIGTERM, SIGINT and SIGHUP: the server closed, the catalog closed (SQLite removes its -wal file
// only on a clean close), exit 0.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WINNOW_BIN } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';

const SYSTEM_NODE = '/usr/bin/node';
const systemMajor = existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout)
  : NaN;
const noOldNode = !(systemMajor < 22);
const tmp = tempDir('winnow-launcher-signals-');
afterAll(() => tmp.cleanup());

interface Started {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** Starts `<node> bin/winnow serve --port 0 --catalog FILE` and resolves once it printed its URL. */
async function serve(node: string, catalog: string): Promise<Started> {
  const proc = spawn(node, [WINNOW_BIN, 'serve', '--port', '0', '--catalog', catalog], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out)) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`serve ended (${code ?? signal}) before printing its URL:\n${out}\n${err}`)));
  });
  return { proc, exited, stderr: () => err };
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** A process is gone when /proc no longer lists it, or it is a zombie nobody reaped yet. */
function gone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .startsWith('Z');
  } catch {
    return true;
  }
}

const within = async (what: string, test: () => boolean, ms = 10_000): Promise<void> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (test()) return;
  throw new Error(`${what} did not happen within ${ms} ms`);
};

describe.skipIf(noOldNode)(
  `launcher on the system Node (${SYSTEM_NODE} is Node ${systemMajor}; needs < 22 to take the re-run path)`,
  () => {
    it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
      'passes %s on to the Node 22 child, which stops; the launcher exits with its status',
      async (signal) => {
        const catalog = join(tmp.path, `fwd-${signal}.winnow`);
        const s = await serve(SYSTEM_NODE, catalog);
        const [child] = childrenOf(s.proc.pid!);
        expect(child, 'the launcher runs the CLI as a child').toBeGreaterThan(0);
        expect(readFileSync(`/proc/${child}/cmdline`, 'utf8')).toContain('serve');
        try {
          s.proc.kill(signal);
          await within(`the child (pid ${child}) ending after ${signal} to the launcher`, () => gone(child!));
          expect(await s.exited).toEqual({ code: 0, signal: null });
          expect(s.stderr()).toContain(`${signal}: stopping`);
          expect(existsSync(`${catalog}-wal`), 'the catalog was closed cleanly').toBe(false);
        } finally {
          if (!gone(child!)) process.kill(child!, 'SIGKILL');
        }
      },
    );

    it('dies of the same signal as its child', async () => {
      const s = await serve(SYSTEM_NODE, join(tmp.path, 'killed.winnow'));
      const [child] = childrenOf(s.proc.pid!);
      process.kill(child!, 'SIGKILL');
      expect(await s.exited).toEqual({ code: null, signal: 'SIGKILL' });
    });
  },
);

describe('winnow serve on a signal', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('stops cleanly on %s: exit 0, catalog closed', async (signal) => {
    const catalog = join(tmp.path, `direct-${signal}.winnow`);
    const s = await serve(process.execPath, catalog);
    expect(existsSync(`${catalog}-wal`), 'the open catalog has its WAL').toBe(true);
    s.proc.kill(signal);
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.stderr()).toContain(`${signal}: stopping`);
    expect(existsSync(`${catalog}-wal`)).toBe(false);
  });
});
