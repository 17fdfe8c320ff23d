import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { encodePath, homeTrash, numbered, trashImage, TrashError } from '../../src/main/core/trash.ts';
import { tempDir } from '../helpers/fixtures.ts';

let dir: { path: string; cleanup: () => void };
let db: Database.Database;
let data: string;
let env: NodeJS.ProcessEnv;
const now = new Date(2026, 10, 24, 7, 5, 9); // local time: DeletionDate is written in local time

beforeEach(() => {
  dir = tempDir('winnow-trash-');
  db = openCatalog(join(dir.path, 'c.winnow'), { create: true });
  data = join(dir.path, 'data');
  env = { XDG_DATA_HOME: join(dir.path, 'xdg'), HOME: join(dir.path, 'home') };
  db.prepare("INSERT INTO sources(id, root, label_mode, added_at) VALUES (1, ?, 'folders', 0)").run(data);
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

/** Writes `rel` under the data folder with `bytes` and a catalog row with `status`; returns its id. */
function addImage(rel: string | Buffer, bytes: Buffer, status = 'excluded'): number {
  const relBytes = Buffer.isBuffer(rel) ? rel : Buffer.from(rel);
  const abs = Buffer.concat([Buffer.from(`${data}/`), relBytes]);
  mkdirSync(dirname(abs.toString()), { recursive: true });
  writeFileSync(abs, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  return Number(
    db
      .prepare(
        `INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, sha256, width, height, format, status, indexed_at)
         VALUES (1, ?, ?, ?, 0, ?, 8, 8, 'jpeg', ?, 0)`,
      )
      .run(relBytes, relBytes.toString(), bytes.length, sha, status).lastInsertRowid,
  );
}

const row = (id: number) => db.prepare('SELECT status, error FROM images WHERE id = ?').get(id) as { status: string; error: string | null };

describe('trashImage (freedesktop.org trash)', () => {
  it('moves the file into Trash/files with identical bytes and writes a correct .trashinfo', async () => {
    const bytes = Buffer.from('not really a jpeg, but bytes to compare \x00\xff');
    const id = addImage('cats/a copy #1.jpg', bytes);
    const r = await trashImage(db, id, { env, now, platform: 'linux' });
    const trash = join(dir.path, 'xdg/Trash');
    expect(r.trashedTo).toBe(join(trash, 'files/a copy #1.jpg'));
    expect(existsSync(join(data, 'cats/a copy #1.jpg'))).toBe(false);
    expect(readFileSync(join(trash, 'files/a copy #1.jpg')).equals(bytes)).toBe(true);
    expect(readFileSync(join(trash, 'info/a copy #1.jpg.trashinfo'), 'utf8')).toBe(
      `[Trash Info]\nPath=${data.replaceAll(' ', '%20')}/cats/a%20copy%20%231.jpg\nDeletionDate=2026-11-24T07:05:09\n`,
    );
    expect(row(id).status).toBe('missing');
    expect(row(id).error).toContain(join(trash, 'files/a copy #1.jpg'));
  });

  it('gives a second file of the same name a numbered name, keeping the first', async () => {
    const one = addImage('cats/a.jpg', Buffer.from('first'));
    await trashImage(db, one, { env, now });
    const two = addImage('dogs/a.jpg', Buffer.from('second'));
    const r = await trashImage(db, two, { env, now });
    const trash = join(dir.path, 'xdg/Trash');
    expect(r.trashedTo).toBe(join(trash, 'files/a.2.jpg'));
    expect(readFileSync(join(trash, 'files/a.jpg'), 'utf8')).toBe('first');
    expect(readFileSync(join(trash, 'files/a.2.jpg'), 'utf8')).toBe('second');
    expect(readdirSync(join(trash, 'info')).sort()).toEqual(['a.2.jpg.trashinfo', 'a.jpg.trashinfo']);
    expect(readFileSync(join(trash, 'info/a.2.jpg.trashinfo'), 'utf8')).toContain(`Path=${data}/dogs/a.jpg\n`);
  });

  it('encodes names that are not UTF-8 byte for byte', async () => {
    const name = Buffer.concat([Buffer.from('cats/caf'), Buffer.from([0xe9]), Buffer.from('.jpg')]);
    const id = addImage(name, Buffer.from('latin-1 name'));
    await trashImage(db, id, { env, now });
    const info = readFileSync(
      Buffer.concat([Buffer.from(join(dir.path, 'xdg/Trash/info/caf')), Buffer.from([0xe9]), Buffer.from('.jpg.trashinfo')]),
      'utf8',
    );
    expect(info).toContain(`Path=${data}/cats/caf%E9.jpg\n`);
    expect(encodePath(Buffer.from('/a/é b'))).toBe('/a/%C3%A9%20b');
    expect(numbered(Buffer.from('.hidden'), 3).toString()).toBe('.hidden.3');
    expect(numbered(Buffer.from('notes'), 2).toString()).toBe('notes.2');
  });

  it('copies across file systems and removes the original only after the copy reads back identical', async () => {
    const shm = '/dev/shm';
    if (!existsSync(shm) || statSync(shm).dev === statSync(dir.path).dev) return; // no second file system here
    const xdg = mkdtempSync(join(shm, 'winnow-trash-'));
    try {
      const bytes = Buffer.alloc(300_000, 7);
      const id = addImage('cats/big.jpg', bytes);
      const r = await trashImage(db, id, { env: { XDG_DATA_HOME: xdg }, now });
      expect(r.trashedTo).toBe(join(xdg, 'Trash/files/big.jpg'));
      expect(readFileSync(r.trashedTo!).equals(bytes)).toBe(true);
      expect(existsSync(join(data, 'cats/big.jpg'))).toBe(false);
      expect(existsSync(join(xdg, 'Trash/info/big.jpg.trashinfo'))).toBe(true);
    } finally {
      rmSync(xdg, { recursive: true, force: true });
    }
  });

  it('refuses unknown ids, images that are not excluded, and files changed since the import', async () => {
    await expect(trashImage(db, 999, { env })).rejects.toThrow(/No image 999 in this catalog/);
    const active = addImage('cats/keep.jpg', Buffer.from('keeper'), 'active');
    await expect(trashImage(db, active, { env })).rejects.toThrow(/cats\/keep\.jpg is active: only excluded images/);
    const changed = addImage('cats/changed.jpg', Buffer.from('original'));
    writeFileSync(join(data, 'cats/changed.jpg'), 'edited since');
    const err = await trashImage(db, changed, { env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrashError);
    expect((err as Error).message).toMatch(/changed since it was imported/);
    // Nothing moved, nothing marked.
    expect(readFileSync(join(data, 'cats/keep.jpg'), 'utf8')).toBe('keeper');
    expect(readFileSync(join(data, 'cats/changed.jpg'), 'utf8')).toBe('edited since');
    expect(row(changed).status).toBe('excluded');
    expect(existsSync(join(dir.path, 'xdg/Trash/files/changed.jpg'))).toBe(false);
  });

  it('uses a platform trash when one is given, and checks the file is gone', async () => {
    const id = addImage('cats/mac.jpg', Buffer.from('mac'));
    const elsewhere = join(dir.path, 'system-trash');
    mkdirSync(elsewhere);
    const r = await trashImage(db, id, { env, trashItem: async (p) => renameSync(p, join(elsewhere, 'mac.jpg')) });
    expect(r.trashedTo).toBeNull();
    expect(readFileSync(join(elsewhere, 'mac.jpg'), 'utf8')).toBe('mac');
    expect(row(id).status).toBe('missing');
    expect(existsSync(join(dir.path, 'xdg/Trash'))).toBe(false);

    const other = addImage('cats/stays.jpg', Buffer.from('stays'));
    await expect(trashImage(db, other, { env, trashItem: async () => {} })).rejects.toThrow(/did not take/);
    expect(row(other).status).toBe('excluded');
  });

  it('defaults to ~/.local/share/Trash and ignores a relative XDG_DATA_HOME', () => {
    expect(homeTrash({ HOME: '/home/u' })).toBe('/home/u/.local/share/Trash');
    expect(homeTrash({ HOME: '/home/u', XDG_DATA_HOME: 'rel' })).toBe('/home/u/.local/share/Trash');
    expect(homeTrash({ HOME: '/home/u', XDG_DATA_HOME: '/x' })).toBe('/x/Trash');
  });
});
