// The sentences the CLI and the Library screen print for source merges and label specs.
import { describe, expect, it } from 'vitest';
import { describeLabels, describeMerge } from '../../src/shared/source-text.ts';

const merge = { kind: 'contained', from: 'plants/', files: 516, relabelled: 516, duplicates: 0 } as const;

describe('describeMerge', () => {
  it('says what happened to the files of a source inside the imported folder, by label mode', () => {
    expect(describeMerge(merge, 'folders')).toBe('516 files already in the catalog from plants/ were re-labelled from sub-folder names.');
    expect(describeMerge(merge, 'csv')).toBe('516 files already in the catalog from plants/ were re-labelled from the CSV.');
    expect(describeMerge(merge, 'none')).toBe(
      '516 files already in the catalog from plants/ were left without labels (this import reads none).',
    );
    expect(describeMerge({ ...merge, files: 1, relabelled: 1 }, 'folders')).toBe(
      '1 file already in the catalog from plants/ was re-labelled from sub-folder names.',
    );
    expect(describeMerge({ ...merge, relabelled: 0 }, 'none')).toBe(
      '516 files already in the catalog from plants/ now belong to this source; their labels did not change.',
    );
    expect(describeMerge({ ...merge, files: 1200, relabelled: 3 }, 'folders')).toBe(
      '1,200 files already in the catalog from plants/ now belong to this source; 3 of them were re-labelled from sub-folder names.',
    );
    expect(describeMerge({ ...merge, files: 0, relabelled: 0, duplicates: 516 }, 'folders')).toBe(
      'The source plants/ is now part of this one; 516 second rows for the same files (from an older Winnow) were dropped.',
    );
  });

  it('says where the files of the source around the imported folder went', () => {
    const enclosing = { kind: 'enclosing', from: '/data/', files: 516, relabelled: 516, duplicates: 0 } as const;
    expect(describeMerge(enclosing, 'folders')).toBe(
      '516 files already in the catalog were moved from source /data/ to this new source and re-labelled from sub-folder names.',
    );
    expect(describeMerge({ ...enclosing, relabelled: 10 }, 'csv')).toBe(
      '516 files already in the catalog were moved from source /data/ to this new source; 10 of them were re-labelled from the CSV.',
    );
  });
});

describe('describeLabels', () => {
  it('names the label source in a few words', () => {
    expect(describeLabels({ mode: 'folders' }, null)).toBe('sub-folder names');
    expect(describeLabels({ mode: 'none' }, null)).toBe('none');
    expect(describeLabels({ mode: 'csv', file: '/d/train.csv' }, '/d/map.json')).toBe('CSV /d/train.csv + map /d/map.json');
  });
});
