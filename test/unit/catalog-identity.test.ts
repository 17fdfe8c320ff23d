// A catalog deleted or replaced while the host has it open: every call that needs the catalog (and
// every job before it starts) refuses with one sentence, the stale handle is closed, and nothing is
// written into the deleted file or quietly created in its place (folds.compute used to create a new
// empty catalog from a worker, while decisions went into the deleted one).
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { startServer } from '../../src/main/shells/browser/server.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';
import { testHost } from '../helpers/host.ts';

const dir = tempDir('winnow-catalog-identity-');
const data = join(dir.path, 'data');
/** A catalog with 6 images, copied fresh for each test. */
const template = join(dir.path, 'template.winnow');
const FOLDS = { k: 2, seed: 1, stratify: true, groups: true };
const lostSentence = (path: string): string => `The catalog ${path} was deleted or replaced while open; reopen it.`;

beforeAll(async () => {
  for (const label of ['a', 'b']) {
    mkdirSync(join(data, label), { recursive: true });
    for (let i = 0; i < 3; i++)
      await (await syntheticImage(label.charCodeAt(0) * 17 + i, 40, 30)).jpeg().toFile(join(data, label, `${i}.jpg`));
  }
  const db = openCatalog(template, { create: true });
  await runImport({ db, root: data, labels: { mode: 'folders' } });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 60_000);
afterAll(() => dir.cleanup());

let n = 0;
/** A fresh copy of the template catalog (its own name, so tests never share a file). */
function freshCatalog(): string {
  const file = join(dir.path, `c${++n}.winnow`);
  copyFileSync(template, file);
  return file;
}

describe('host: the open catalog file deleted or replaced', () => {
  it('refuses every catalog call and folds.compute after the file is deleted, and creates no new catalog', async () => {
    const file = freshCatalog();
    const { host } = testHost({ catalog: file });
    try {
      expect(((await host.dispatch('images.list', { offset: 0, limit: 10 })) as { total: number }).total).toBe(6);
      rmSync(file);
      await expect(host.dispatch('folds.compute', FOLDS)).rejects.toThrow(lostSentence(file));
      await expect(host.dispatch('images.list', { offset: 0, limit: 10 })).rejects.toThrow(lostSentence(file));
      await expect(host.dispatch('catalog.summary', {})).rejects.toThrow(lostSentence(file));
      await expect(host.dispatch('dups.decide', { kind: 'accept-suggestions' })).rejects.toThrow(lostSentence(file));
      // No job ran, and nothing re-created the file behind the user's back.
      expect(host.jobs.running).toBe(false);
      expect(existsSync(file)).toBe(false);
      // Opening it again is the user's choice: a new, empty catalog.
      await host.dispatch('catalog.open', { path: file });
      expect(((await host.dispatch('images.list', { offset: 0, limit: 10 })) as { total: number }).total).toBe(0);
    } finally {
      await host.close();
    }
  });

  it('refuses after the file is replaced by another catalog, and leaves the new file as it was', async () => {
    const file = freshCatalog();
    const other = join(dir.path, 'other.winnow');
    openCatalog(other, { create: true }).close(); // an empty catalog
    const { host } = testHost({ catalog: file });
    try {
      expect(((await host.dispatch('images.list', { offset: 0, limit: 10 })) as { total: number }).total).toBe(6);
      renameSync(other, file);
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      const replacement = readFileSync(file);
      await expect(host.dispatch('images.list', { offset: 0, limit: 10 })).rejects.toThrow(lostSentence(file));
      await expect(host.dispatch('folds.compute', FOLDS)).rejects.toThrow(lostSentence(file));
      expect(host.jobs.running).toBe(false);
      expect(readFileSync(file).equals(replacement)).toBe(true);
    } finally {
      await host.close();
    }
  });
});

describe('winnow serve: the open catalog deleted', () => {
  it('answers a socket call with the sentence, and the page still loads', async () => {
    const file = freshCatalog();
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Winnow</title>\n');
    const server = await startServer({ port: 0, rendererDir, catalog: file, token: 'identity-token-0123' });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=identity-token-0123`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const call = (id: number, method: string, args: unknown) =>
        new Promise<{ id: number; ok: boolean; error?: string; result?: unknown }>((resolve) => {
          ws.once('message', (d) => resolve(JSON.parse(d.toString())));
          ws.send(JSON.stringify({ id, method, args }));
        });
      expect(await call(1, 'images.list', { offset: 0, limit: 5 })).toMatchObject({ id: 1, ok: true, result: { total: 6 } });
      rmSync(file);
      expect(await call(2, 'folds.compute', FOLDS)).toEqual({ id: 2, ok: false, error: lostSentence(file) });
      expect(await call(3, 'images.list', { offset: 0, limit: 5 })).toEqual({ id: 3, ok: false, error: lostSentence(file) });
      expect(existsSync(file)).toBe(false);
      ws.close();
      expect((await fetch(`${server.url}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
