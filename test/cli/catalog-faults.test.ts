// Issue 11 from the command line: content changes that keep size and mtime, which files are
// accepted as catalogs, two imports at once, a full disk. Every fault is made outside the product.
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { winnow, winnowJson as json } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';

const dir = tempDir('winnow-catalog-faults-');
afterAll(() => dir.cleanup());

async function folder(name: string, n: number, seed: number): Promise<string> {
  const root = join(dir.path, name);
  mkdirSync(join(root, 'a'), { recursive: true });
  mkdirSync(join(root, 'b'), { recursive: true });
  for (let i = 0; i < n; i++) await (await syntheticImage(seed + 7 * i, 160, 120)).jpeg({ quality: 90 }).toFile(join(root, i % 2 ? 'a' : 'b', `img${i}.jpg`));
  return root;
}

describe('a file changed in place with the same size and mtime', () => {
  it('is found by index --rehash, and export names it and that command', async () => {
    const root = await folder('rehash', 6, 100);
    const catalog = join(dir.path, 'rehash.winnow');
    const file = join(root, 'a', 'img1.jpg');
    utimesSync(file, 1_700_000_000, 1_700_000_000); // whole seconds: restored exactly below
    expect(winnow('index', root, '--catalog', catalog).code).toBe(0);
    expect(winnow('folds', '--catalog', catalog, '--k', '2').code).toBe(0);
    // Same length, other bytes: flip one byte inside the entropy-coded data, then put the mtime back.
    const st = statSync(file);
    const bytes = readFileSync(file);
    const at = bytes.length - 100;
    bytes[at] = bytes[at]! ^ 0x55;
    writeFileSync(file, bytes);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file).mtimeMs).toBe(st.mtimeMs);

    expect(json('index', root, '--catalog', catalog)).toMatchObject({ changed: 0, unchanged: 6 });
    const exported = json('export', '--catalog', catalog, '--out', join(dir.path, 'rehash-out'), '--size', 'none');
    expect(exported.failures).toEqual([
      { path: 'a/img1.jpg', error: 'its content differs from when it was indexed; run `winnow index DIR --rehash` to read every file again' },
    ]);
    const rehashed = json('index', root, '--catalog', catalog, '--rehash');
    expect(rehashed).toMatchObject({ changed: 1, unchanged: 5, added: 0 });
    const again = json('export', '--catalog', catalog, '--out', join(dir.path, 'rehash-out2'), '--size', 'none');
    expect(again.failures).toEqual([]);
    expect(again.records).toBe(6);
  }, 60_000);
});
