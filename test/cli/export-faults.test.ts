// Exports that meet a missing source, a pseudo-file system, a kill or a full disk (issue 11):
// the out folder only ever shows a complete export or the previous one, and every refusal is a sentence.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-export-faults-');
afterAll(() => dir.cleanup());

/** A labelled folder of `n` small JPEGs per label, indexed, with 2 folds. */
async function dataset(name: string, n: number): Promise<{ root: string; catalog: string }> {
  const root = join(dir.path, name);
  for (const label of ['a', 'b']) for (let i = 0; i < n; i++) await writeJpeg(join(root, label, `${i}.jpg`), label.charCodeAt(0) * 1000 + i, 48, 36);
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
