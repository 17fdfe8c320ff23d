import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/main/core/scan/csv.ts';
import { LabelResolver, LabelSourceError, readLabelMap } from '../../src/main/core/scan/labels.ts';
import { tempDir } from '../helpers/fixtures.ts';

const dir = tempDir();
afterAll(() => dir.cleanup());
const file = (name: string, text: string): string => {
  const p = join(dir.path, name);
  writeFileSync(p, text);
  return p;
};

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and blank lines, keeping line numbers', () => {
    const rows = parseCsv('\ufeffimage_id,label\r\n"a,1.jpg","say ""hi"""\r\n\r\nb.jpg,2\n"multi\nline",3');
    expect(rows).toEqual([
      { line: 1, fields: ['image_id', 'label'] },
      { line: 2, fields: ['a,1.jpg', 'say "hi"'] },
      { line: 4, fields: ['b.jpg', '2'] },
      { line: 5, fields: ['multi\nline', '3'] },
    ]);
  });
});

describe('labels from folders', () => {
  it('uses the first sub-folder name and leaves files at the root unlabelled', () => {
    const r = new LabelResolver({ mode: 'folders' });
    expect(r.labelFor('cats/a.jpg')).toEqual({ name: 'cats', code: null });
    expect(r.labelFor('cats/deep/b.jpg')).toEqual({ name: 'cats', code: null });
    expect(r.labelFor('c.jpg')).toBeNull();
  });

  it('maps numbered folders through a label map', () => {
    const map = readLabelMap(file('map.json', '{"0": "Cassava Bacterial Blight (CBB)", "1": "Healthy"}'));
    const r = new LabelResolver({ mode: 'folders' }, map);
    expect(r.labelFor('0/x.jpg')).toEqual({ name: 'Cassava Bacterial Blight (CBB)', code: 0 });
    expect(r.labelFor('7/y.jpg')).toEqual({ name: '7', code: 7 });
    r.finish();
    expect(r.problems).toEqual(['label "7" (1 image(s)) is not in the label map; kept as "7"']);
  });
});

describe('labels from a CSV', () => {
  it('matches Kaggle image_id rows by file name and reports unknown, missing and bad rows', () => {
    const csv = file('train.csv', 'image_id,label\n1000.jpg,0\n1001.jpg,3\nghost.jpg,1\n,2\n1002.jpg\n1000.jpg,4\n1003,2\n');
    const r = new LabelResolver(
      { mode: 'csv', file: csv },
      new Map([
        ['0', 'CBB'],
        ['3', 'CMD'],
        ['2', 'CGM'],
      ]),
    );
    expect(r.labelFor('train_images/1000.jpg')).toEqual({ name: 'CBB', code: 0 });
    expect(r.labelFor('1001.jpg')).toEqual({ name: 'CMD', code: 3 });
    expect(r.labelFor('x/1003.jpg')).toEqual({ name: 'CGM', code: 2 }); // id without extension
    expect(r.labelFor('unlisted.jpg')).toBeNull();
    r.finish();
    expect(r.problems).toEqual([
      '3 bad row(s) in train.csv skipped: line 5: empty image name; line 6: expected 2 fields, found 1; line 7: 1000.jpg repeats line 2 (first kept)',
      '1 row(s) in train.csv name no image in the folder (e.g. ghost.jpg)',
      '1 image(s) have no row in train.csv and stay unlabelled (e.g. unlisted.jpg)',
    ]);
  });

  it('accepts filename and path columns, preferring the full relative path', () => {
    const csv = file('paths.csv', 'path,class\nsplit/a/img.png,dog\nsplit/b/img.png,cat\n');
    const r = new LabelResolver({ mode: 'csv', file: csv });
    expect(r.labelFor('split/a/img.png')?.name).toBe('dog');
    expect(r.labelFor('split/b/img.png')?.name).toBe('cat');
    const csv2 = file('names.csv', 'filename,label\nimg.png,bird\n');
    expect(new LabelResolver({ mode: 'csv', file: csv2 }).labelFor('deep/img.png')?.name).toBe('bird');
  });

  it('refuses a CSV without recognisable columns, with what it found', () => {
    const csv = file('bad.csv', 'name;label\na.jpg;1\n');
    expect(() => new LabelResolver({ mode: 'csv', file: csv })).toThrow(LabelSourceError);
    expect(() => new LabelResolver({ mode: 'csv', file: csv })).toThrow(/must name an image column .* found: name;label/);
    expect(() => new LabelResolver({ mode: 'csv', file: join(dir.path, 'absent.csv') })).toThrow(/^Label CSV not found: .*absent\.csv$/);
  });

  it('refuses a label map that is not an object of strings', () => {
    expect(() => readLabelMap(file('m1.json', '["a", "b"]'))).toThrow(/expected a JSON object/);
    expect(() => readLabelMap(file('m2.json', '{"0": 5}'))).toThrow(/value for "0" must be a non-empty string/);
    expect(() => readLabelMap(file('m3.json', '{"0": '))).toThrow(/Label map .*m3.json/);
  });

  it('with no label source, nothing is labelled', () => {
    expect(new LabelResolver({ mode: 'none' }).labelFor('cats/a.jpg')).toBeNull();
  });
});
