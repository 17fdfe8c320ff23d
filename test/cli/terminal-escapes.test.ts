// File names (and labels, folder names, record contents) may hold terminal control sequences: Linux
// allows any byte but '/' and NUL. Printed raw, "a\x1b]0;pwned\x07.png" sets the terminal's title and
// "\x1b[2J.jpg" clears the screen. Every command's output shows them as visible escapes instead.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { WINNOW_BIN } from '../helpers/cli.ts';

const dir = tempDir('winnow-escapes-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'ph\x1b]0;t\x07otos');
const cat = 'cat\x1b[1m';
const title = 'a\x1b]0;pwned\x07.png';
const clear = '\x1b[2J.jpg';
const catalog = join(dir.path, 'c.winnow');
const out = join(dir.path, 'out\x1b[2J');

// Any C0 control but the newline, DEL, C1 controls, and bidi overrides/isolates.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function winnow(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [WINNOW_BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command and checks that nothing raw reached either stream. */
function clean(...args: string[]): string {
  const r = winnow(...args);
  expect(r.stdout).not.toMatch(RAW);
  expect(r.stderr).not.toMatch(RAW);
  expect(r.code).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  const bytes = await writeJpeg(join(root, cat, title), 1);
  writeFileSync(join(root, cat, clear), bytes); // an exact copy: dups prints both names
  await writeJpeg(join(root, 'dog', 'b\u202egpj.jpg'), 2);
  await writeJpeg(join(root, 'dog', 'c\u009b2J.jpg'), 3);
  writeFileSync(join(root, 'dog', '\x1b[31mbad.jpg'), 'not an image');
});

describe('control characters in names', () => {
  it("index shows a failed file's name escaped and prints nothing raw", () => {
    const text = clean('index', root, '--catalog', catalog);
    expect(text).toContain('  dog/\\x1b[31mbad.jpg: ');
    expect(text).toContain('ph\\x1b]0;t\\x07otos');
    clean('index', root, '--catalog', catalog, '--json');
  });

  it('list --csv and --json print nothing raw; --json keeps the exact names', () => {
    const csv = clean('list', '--catalog', catalog, '--csv');
    expect(csv).toContain('cat\\x1b[1m/a\\x1b]0;pwned\\x07.png,cat\\x1b[1m,');
    expect(csv).toContain('dog/b\\u202egpj.jpg,dog,');
    const rows = JSON.parse(clean('list', '--catalog', catalog, '--json')) as { path: string }[];
    expect(rows.map((r) => r.path).sort()).toEqual(
      [`${cat}/${clear}`, `${cat}/${title}`, 'dog/\x1b[31mbad.jpg', 'dog/b\u202egpj.jpg', 'dog/c\u009b2J.jpg'].sort(),
    );
  });

  it('dups, resolve, folds and sources print nothing raw', () => {
    const dups = clean('dups', '--catalog', catalog);
    expect(dups).toContain('cat\\x1b[1m/\\x1b[2J.jpg');
    expect(dups).toContain('cat\\x1b[1m/a\\x1b]0;pwned\\x07.png');
    clean('dups', '--catalog', catalog, '--json');
    expect(clean('resolve', '--catalog', catalog, '--keep', `${cat}/${title}`)).toContain('kept cat\\x1b[1m/a\\x1b]0;pwned\\x07.png');
    expect(clean('folds', '--catalog', catalog, '--k', '2')).toContain('cat\\x1b[1m');
    expect(clean('sources', '--catalog', catalog)).toContain('ph\\x1b]0;t\\x07otos/');
    clean('sources', '--catalog', catalog, '--json');
  });

  it('export, inspect and verify print nothing raw, though the shards hold the names', () => {
    expect(clean('export', '--catalog', catalog, '--out', out, '--size', 'none')).toContain('out\\x1b[2J');
    const shard = readdirSync(out).find((f) => f.endsWith('.tfrec'))!;
    // inspect shows a name it cannot print as its length (that was already so): "<23 bytes>".
    for (let record = 0; record < 2; record++)
      expect(clean('inspect', join(out, shard), '--record', String(record))).toMatch(/^ {2}image_name +\S/m);
    clean('inspect', join(out, shard), '--json');
    clean('verify', out);
  });

  it('an error naming a file prints it escaped on stderr', () => {
    const r = winnow('index', join(dir.path, 'no\x1b[2Jsuch'), '--catalog', join(dir.path, 'e.winnow'));
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('no\\x1b[2Jsuch');
    expect(r.code).not.toBe(0);
  });
});
