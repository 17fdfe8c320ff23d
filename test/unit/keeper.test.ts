import { describe, expect, it } from 'vitest';
import { parseKeeperCriteria, suggestKeeper, type KeeperCandidate } from '../../src/main/core/dups/keeper.ts';

let nextId = 1;
const m = (sha256: string, over: Partial<KeeperCandidate> = {}): KeeperCandidate => ({
  id: nextId++,
  sha256,
  label: 'cats',
  path: `${sha256}.jpg`,
  width: 100,
  height: 100,
  size: 1000,
  mtimeMs: Date.UTC(2024, 0, 1),
  ...over,
});

describe('suggestKeeper', () => {
  it('prefers the largest resolution and says so', () => {
    const r = suggestKeeper([m('a', { width: 50, height: 50, size: 9000 }), m('b', { width: 200, height: 100 })]);
    expect(r.keep.sha256).toBe('b');
    expect(r.reason).toBe('largest resolution (200×100 vs 50×50)');
  });
  it('falls through to file size, then compression, then age, then path', () => {
    expect(suggestKeeper([m('a'), m('b', { size: 2000 })]).reason).toBe('largest file (2000 vs 1000 bytes)');
    const older = suggestKeeper([m('a'), m('b', { mtimeMs: Date.UTC(2020, 5, 1) })]);
    expect([older.keep.sha256, older.reason]).toEqual(['b', 'oldest file (2020-06-01 vs 2024-01-01)']);
    const path = suggestKeeper([m('a', { path: 'long/name.jpg' }), m('b', { path: 'x.jpg' })]);
    expect([path.keep.sha256, path.reason]).toEqual(['b', 'shortest path (x.jpg)']);
  });
  it('follows an edited order of criteria', () => {
    const members = [m('small-old', { width: 10, height: 10, mtimeMs: 0 }), m('big-new', { width: 99, height: 99 })];
    expect(suggestKeeper(members).keep.sha256).toBe('big-new');
    const r = suggestKeeper(members, parseKeeperCriteria('oldest,resolution'));
    expect(r.keep.sha256).toBe('small-old');
    expect(r.reason).toMatch(/^oldest file/);
    expect(
      suggestKeeper([m('a', { width: 10, height: 10, size: 500 }), m('b', { width: 10, height: 10, size: 100 })], ['quality']).reason,
    ).toBe('least compressed (5.00 vs 1.00 bytes per pixel)');
  });
  it('prefers a labelled image over a larger unlabelled copy', () => {
    const r = suggestKeeper([m('big', { label: null, width: 400, height: 300 }), m('small', { width: 200, height: 150 })]);
    expect([r.keep.sha256, r.reason]).toEqual(['small', 'labelled (“cats”; the other is unlabelled)']);
  });
  it('rejects unknown criteria with the list of known ones', () => {
    expect(() => parseKeeperCriteria('resolution,beauty')).toThrow(
      'Unknown keeper criterion "beauty"; choose from labelled, resolution, filesize, quality, oldest, path',
    );
  });
});
