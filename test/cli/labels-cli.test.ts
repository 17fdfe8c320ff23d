// Label maps as people actually save them: with a UTF-8 byte-order mark (Windows editors), and with two
// codes that name one class (a typo, or classes merged on purpose) — which must not pass silently.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { winnow } from '../helpers/cli.ts';

const dir = tempDir('winnow-labels-cli-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'photos');
beforeAll(async () => {
  let seed = 1;
  for (const code of ['0', '3', '7']) for (const n of [1, 2]) await writeJpeg(join(root, code, `${n}.jpg`), seed++);
});

function labelsOf(catalog: string): Record<string, string> {
  const run = winnow('list', '--catalog', catalog, '--json');
  return Object.fromEntries((JSON.parse(run.stdout) as { path: string; label: string }[]).map((r) => [r.path, r.label]));
}

describe('index --label-map', () => {
  it('reads a label map that starts with a UTF-8 byte-order mark', () => {
    const map = join(dir.path, 'bom.json');
    writeFileSync(map, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"0": "dog", "3": "cat", "7": "bird"}')]));
    const catalog = join(dir.path, 'bom.winnow');
    const run = winnow('index', root, '--catalog', catalog, '--label-map', map);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}added +6$/m);
    expect(labelsOf(catalog)).toEqual({
      '0/1.jpg': 'dog',
      '0/2.jpg': 'dog',
      '3/1.jpg': 'cat',
      '3/2.jpg': 'cat',
      '7/1.jpg': 'bird',
      '7/2.jpg': 'bird',
    });
  });

  it('warns when two codes name one class, in the output and in the import result', () => {
    const map = join(dir.path, 'merge.json');
    writeFileSync(map, '{"0": "dog", "3": "cat", "7": "cat"}');
    const warning = "label map: codes 3 and 7 both name 'cat'; their images merge into one class";
    const catalog = join(dir.path, 'merge.winnow');
    const run = winnow('index', root, '--catalog', catalog, '--label-map', map);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Labels:\n  ${warning}\n`);
    const again = winnow('index', root, '--catalog', catalog, '--label-map', map, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).labelProblems).toEqual([warning]);
    expect(Object.values(labelsOf(catalog)).filter((l) => l === 'cat')).toHaveLength(4);
  });

  it('names every code when three or more name one class', () => {
    const map = join(dir.path, 'three.json');
    writeFileSync(map, '{"0": "cat", "3": "cat", "7": "cat"}');
    const run = winnow('index', root, '--catalog', join(dir.path, 'three.winnow'), '--label-map', map, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).labelProblems).toEqual(["label map: codes 0, 3 and 7 all name 'cat'; their images merge into one class"]);
  });
});
