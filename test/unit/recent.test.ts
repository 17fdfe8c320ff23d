// Recent catalogs: the JSON store in the config folder, and the Host recording every catalog.open.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Host } from '../../src/main/host/host.ts';
import { defaultConfigDir, RECENT_FILE, RecentCatalogs } from '../../src/main/host/recent.ts';
import { tempDir } from '../helpers/fixtures.ts';

const tmp = tempDir('winnow-recent-');
afterAll(() => tmp.cleanup());

let n = 0;
/** A fresh config folder and a store whose catalogs all "exist" unless listed as gone. */
function store(gone: string[] = [], max?: number) {
  const dir = join(tmp.path, `config-${++n}`);
  return { dir, recent: new RecentCatalogs(dir, { exists: (p) => !gone.includes(p), ...(max ? { max } : {}) }) };
}

describe('RecentCatalogs', () => {
  it('keeps the most recent first, without duplicates, at most max', () => {
    const { recent } = store([], 3);
    expect(recent.list()).toEqual([]);
    recent.add('/d/a.winnow', 1);
    recent.add('/d/b.winnow', 2);
    recent.add('/d/a.winnow', 3);
    expect(recent.list()).toEqual([
      { path: '/d/a.winnow', openedAt: 3 },
      { path: '/d/b.winnow', openedAt: 2 },
    ]);
    recent.add('/d/c.winnow', 4);
    recent.add('/d/d.winnow', 5);
    expect(recent.list().map((r) => r.path)).toEqual(['/d/d.winnow', '/d/c.winnow', '/d/a.winnow']);
  });

  it('defaults to 10 entries', () => {
    const { recent } = store();
    for (let i = 0; i < 14; i++) recent.add(`/d/${i}.winnow`, i);
    const paths = recent.list().map((r) => r.path);
    expect(paths).toHaveLength(10);
    expect(paths[0]).toBe('/d/13.winnow');
    expect(paths[9]).toBe('/d/4.winnow');
  });

  it('survives a restart: a second store on the same folder reads the same list', () => {
    const { dir, recent } = store();
    recent.add('/d/x.winnow', 10);
    expect(new RecentCatalogs(dir, { exists: () => true }).list()).toEqual([{ path: '/d/x.winnow', openedAt: 10 }]);
    expect(JSON.parse(readFileSync(join(dir, RECENT_FILE), 'utf8'))).toEqual({
      version: 1,
      catalogs: [{ path: '/d/x.winnow', openedAt: 10 }],
    });
  });

  it('drops catalogs whose file is gone, using the real file system by default', () => {
    const dir = join(tmp.path, 'real');
    const here = join(tmp.path, 'here.winnow');
    writeFileSync(here, '');
    const recent = new RecentCatalogs(dir);
    recent.add(join(tmp.path, 'deleted.winnow'), 1);
    recent.add(here, 2);
    expect(recent.list().map((r) => r.path)).toEqual([here]);
  });

  it('writes atomically: only the final file is left, no temp files', () => {
    const { dir, recent } = store();
    for (let i = 0; i < 5; i++) recent.add(`/d/${i}.winnow`, i);
    expect(readdirSync(dir)).toEqual([RECENT_FILE]);
  });

  it.each([
    ['not JSON', '{"catalogs": [ {"path": "/d/a.win'],
    ['the wrong shape', '{"catalogs": "everything"}'],
    ['null', 'null'],
    ['an empty file', ''],
  ])('ignores a corrupt file (%s) and replaces it on the next open', (_why, text) => {
    const { dir, recent } = store();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, RECENT_FILE), text);
    expect(recent.list()).toEqual([]);
    recent.add('/d/new.winnow', 7);
    expect(recent.list()).toEqual([{ path: '/d/new.winnow', openedAt: 7 }]);
  });

  it('keeps only well-formed entries of a hand-edited file', () => {
    const { dir, recent } = store();
    mkdirSync(dir, { recursive: true });
    const entries = [
      { path: '/ok.winnow', openedAt: 5 },
      { path: 'relative.winnow' },
      { path: 42 },
      null,
      { path: '/ok.winnow', openedAt: 1 },
      { path: '/no-time.winnow' },
    ];
    writeFileSync(join(dir, RECENT_FILE), JSON.stringify({ catalogs: entries }));
    expect(recent.list()).toEqual([
      { path: '/ok.winnow', openedAt: 5 },
      { path: '/no-time.winnow', openedAt: 0 },
    ]);
  });

  it('never throws when the folder cannot be written, and tells listeners only about real changes', () => {
    const blocker = join(tmp.path, 'a-file');
    writeFileSync(blocker, '');
    const broken = new RecentCatalogs(join(blocker, 'config'), { exists: () => true }); // a folder under a file
    const heard: number[] = [];
    broken.onChange((l) => heard.push(l.length));
    expect(() => broken.add('/d/a.winnow')).not.toThrow();
    expect(broken.list()).toEqual([]);
    expect(heard).toEqual([]);

    const { recent } = store();
    const off = recent.onChange((l) => heard.push(l.length));
    recent.add('/d/a.winnow');
    recent.add('/d/b.winnow');
    recent.clear();
    off();
    recent.add('/d/c.winnow');
    expect(heard).toEqual([1, 2, 0]);
  });

  it('does not crash on an unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const { dir, recent } = store();
    recent.add('/d/a.winnow');
    chmodSync(join(dir, RECENT_FILE), 0o000);
    expect(recent.list()).toEqual([]);
    chmodSync(join(dir, RECENT_FILE), 0o600);
  });

  it('finds the config folder: WINNOW_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(defaultConfigDir({ WINNOW_CONFIG_DIR: '/tmp/w', XDG_CONFIG_HOME: '/x' })).toBe('/tmp/w');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/winnow');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: 'relative' })).toBe(join(homedir(), '.config', 'winnow'));
    expect(defaultConfigDir({})).toBe(join(homedir(), '.config', 'winnow'));
  });
});

describe('the host remembers catalogs it opens', () => {
  it('catalog.open adds to catalog.recent, most recent first', async () => {
    const dir = join(tmp.path, 'host-config');
    const host = new Host({ shell: 'browser', emit: () => {}, recent: new RecentCatalogs(dir) });
    try {
      expect(await host.dispatch('catalog.recent', {})).toEqual([]);
      const a = join(tmp.path, 'one.winnow');
      const b = join(tmp.path, 'two.winnow');
      await host.dispatch('catalog.open', { path: a });
      await host.dispatch('catalog.open', { path: b });
      const list = (await host.dispatch('catalog.recent', {})) as { path: string; openedAt: number }[];
      expect(list.map((r) => r.path)).toEqual([b, a]);
      expect(list[0]!.openedAt).toBeGreaterThan(Date.now() - 60_000);
      // A failed open records nothing.
      await expect(host.dispatch('catalog.open', { path: tmp.path })).rejects.toThrow(/is a folder/);
      expect(((await host.dispatch('catalog.recent', {})) as unknown[]).length).toBe(2);
      await expect(host.dispatch('catalog.recent', { extra: 1 })).rejects.toThrow(/unknown field/);
    } finally {
      await host.close();
    }
    expect(existsSync(join(dir, RECENT_FILE))).toBe(true);
  });

  it('a host built with recent: null remembers nothing', async () => {
    const host = new Host({ shell: 'browser', emit: () => {}, recent: null });
    try {
      await host.dispatch('catalog.open', { path: join(tmp.path, 'three.winnow') });
      expect(await host.dispatch('catalog.recent', {})).toEqual([]);
    } finally {
      await host.close();
    }
    // ...and still opens the catalog it was started with.
    const started = new Host({ shell: 'browser', emit: () => {}, recent: null, catalog: join(tmp.path, 'four.winnow') });
    try {
      expect(started.catalogPath).toBe(join(tmp.path, 'four.winnow'));
    } finally {
      await started.close();
    }
  });
});
