// A CSV cell that starts with =, +, -, @, a tab or a carriage return is run as a formula by
// spreadsheets (OWASP "CSV injection"); a folder or file name is enough to plant one. Such cells get a
// leading ' inside a quoted cell, in `list --csv` and `folds --csv`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/main/cli/csv-out.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { winnow } from '../helpers/cli.ts';

const dir = tempDir('winnow-csv-inj-');
afterAll(() => dir.cleanup());
const root = join(dir.path, 'photos');
const catalog = join(dir.path, 'c.winnow');
const formula = "=cmd|' -C calc'!A0";

beforeAll(async () => {
  await writeJpeg(join(root, '=1+1.jpg'), 11);
  await writeJpeg(join(root, '@SUM(A1).jpg'), 12);
  await writeJpeg(join(root, '\tb.jpg'), 13);
  await writeJpeg(join(root, formula, 'x.jpg'), 14);
  await writeJpeg(join(root, '-2', '+y.jpg'), 15);
  await writeJpeg(join(root, 'plain', 'ok.jpg'), 16);
  expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
});

describe('CSV cells that a spreadsheet would run', () => {
  it('csvField quotes and prefixes exactly those, and nothing else', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', '\rx', 'a=b', 'ok', '', 'say "hi"', 'a,b', -1, 42, null].map(csvField)).toEqual([
      `"'=1+1"`,
      `"'+1"`,
      `"'-1"`,
      `"'@A1"`,
      `"'\tx"`,
      `"'\rx"`,
      'a=b',
      'ok',
      '',
      '"say ""hi"""',
      '"a,b"',
      '-1',
      '42',
      '',
    ]);
  });

  it('list --csv prefixes path and label cells (exact bytes)', () => {
    const run = winnow('list', '--catalog', catalog, '--csv');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    // The tab itself is shown as \x09 on the terminal (a control character); the cell is still quoted and prefixed.
    for (const start of [
      `"'=1+1.jpg",,active,160,120,jpeg,`,
      `"'@SUM(A1).jpg",,active,160,120,jpeg,`,
      `"'\\x09b.jpg",,active,160,120,jpeg,`,
      `"'=cmd|' -C calc'!A0/x.jpg","'=cmd|' -C calc'!A0",active,160,120,jpeg,`,
      `"'-2/+y.jpg","'-2",active,160,120,jpeg,`,
      'plain/ok.jpg,plain,active,160,120,jpeg,',
    ]) {
      expect(
        lines.filter((l) => l.startsWith(start)),
        start,
      ).toHaveLength(1);
    }
  });

  it('folds --csv prefixes image_id and label cells (exact bytes)', () => {
    const csv = join(dir.path, 'folds.csv');
    expect(winnow('folds', '--catalog', catalog, '--k', '2', '--csv', csv).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').split('\n');
    expect(lines[0]).toBe('image_id,label,fold');
    expect(lines.at(-1)).toBe('');
    const cells = lines.slice(1, -1).map((l) => {
      expect(l).toMatch(/,[01]$/);
      return l.slice(0, -2);
    });
    expect(cells.sort()).toEqual(
      [
        `"'=1+1.jpg",`,
        `"'@SUM(A1).jpg",`,
        `"'\tb.jpg",`,
        `"'=cmd|' -C calc'!A0/x.jpg","'=cmd|' -C calc'!A0"`,
        `"'-2/+y.jpg","'-2"`,
        'plain/ok.jpg,plain',
      ].sort(),
    );
  });
});
