import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { UserError } from '../../src/main/core/errors.ts';
import { runImport } from '../../src/main/core/scan/import.ts';
import { tempDir } from '../helpers/fixtures.ts';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('import of a folder that is not there speaks plainly', () => {
  it('a missing folder: "Folder not found: <path>", a user error (shown verbatim), no raw ENOENT', async () => {
    const d = tempDir();
    dirs.push(d);
    const db = openCatalog(join(d.path, 'c.winnow'), { create: true });
    const missing = join(d.path, 'x', 'y');
    const err = await runImport({ db, root: missing, labels: { mode: 'folders' }, workers: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(`Folder not found: ${missing} (check the path, or choose another folder).`);
  });

  it('a file instead of a folder says so', async () => {
    const d = tempDir();
    dirs.push(d);
    const db = openCatalog(join(d.path, 'c.winnow'), { create: true });
    const file = join(d.path, 'a.txt');
    writeFileSync(file, 'x');
    const err = await runImport({ db, root: file, labels: { mode: 'folders' }, workers: 1 }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`Not a folder: ${file} (choose the folder that holds the images).`);
  });
});
