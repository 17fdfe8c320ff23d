import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeContent, hasImageExtension, sniffFormat } from '../../src/main/core/scan/sniff.ts';
import { walk } from '../../src/main/core/scan/walk.ts';
import { tempDir } from '../helpers/fixtures.ts';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('sniffFormat', () => {
  const b = (...bytes: (number | string)[]): Uint8Array =>
    Buffer.concat(bytes.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));
  it('names formats by their magic bytes', () => {
    expect(sniffFormat(b(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffFormat(b('\x89PNG\r\n\x1a\n'))).toBe('png');
    expect(sniffFormat(b('GIF89a'))).toBe('gif');
    expect(sniffFormat(b('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(b('II*\0'))).toBe('tiff');
    expect(sniffFormat(b('\0\0\0\x1cftypavif'))).toBe('avif');
    expect(sniffFormat(b('\0\0\0\x18ftypheic'))).toBe('heif');
    expect(sniffFormat(b('BM6\0\0\0'))).toBe('bmp');
    expect(sniffFormat(b('hello world'))).toBeNull();
  });
  it('describes what a non-image looks like', () => {
    expect(describeContent(Buffer.from('just some text\n'))).toBe('text');
    expect(describeContent(Buffer.from([0, 1, 2, 3]))).toBe('unknown binary data');
  });
  it('knows image extensions case-insensitively', () => {
    expect(hasImageExtension('a/B.JPG')).toBe(true);
    expect(hasImageExtension('notes.txt')).toBe(false);
    expect(hasImageExtension('noext')).toBe(false);
  });
});

describe('walk', () => {
  it('finds files recursively, in byte order, skipping hidden entries and surviving symlink loops', async () => {
    const root = join(dir.path, 'tree');
    mkdirSync(join(root, 'a/b'), { recursive: true });
    mkdirSync(join(root, '.thumbs'));
    writeFileSync(join(root, 'a/b/deep.jpg'), 'x');
    writeFileSync(join(root, 'top.png'), 'yy');
    writeFileSync(join(root, '.hidden.jpg'), 'z');
    writeFileSync(join(root, '.thumbs/t.jpg'), 'z');
    symlinkSync('..', join(root, 'a/up')); // back to an ancestor
    symlinkSync('self', join(root, 'self')); // points to itself
    symlinkSync('nowhere', join(root, 'broken.jpg'));
    const nonUtf8 = Buffer.concat([Buffer.from(join(root, 'caf')), Buffer.from([0xe9]), Buffer.from('.jpg')]);
    writeFileSync(nonUtf8, 'latin-1 name');
    writeFileSync(join(root, `${'n'.repeat(250)}.jpg`), 'long name');

    const { files, problems } = await walk(root);
    expect(files.map((f) => f.rel.toString('latin1'))).toEqual(['a/b/deep.jpg', 'caf\xe9.jpg', `${'n'.repeat(250)}.jpg`, 'top.png']);
    expect(files[3]!.size).toBe(2);
    expect(problems.sort((p, q) => p.rel.localeCompare(q.rel))).toEqual([
      { rel: 'a/up', error: 'symlink loop: points to a folder already scanned; skipped' },
      { rel: 'broken.jpg', error: 'not found (a broken symlink, or the file vanished during the scan)' },
      { rel: 'self', error: 'symlink loop: the link points (through other links) back to itself' },
    ]);
  });

  it('leaves out folders owned by another source, also when a symlink leads there, without calling it a problem', async () => {
    const root = join(dir.path, 'outer');
    mkdirSync(join(root, 'inner/deep'), { recursive: true });
    writeFileSync(join(root, 'mine.jpg'), 'm');
    writeFileSync(join(root, 'inner/deep/theirs.jpg'), 't');
    symlinkSync('inner', join(root, 'alias'));
    const { files, problems } = await walk(root, undefined, undefined, [join(root, 'inner'), join(root, 'gone')]);
    expect(files.map((f) => f.rel.toString())).toEqual(['mine.jpg']);
    expect(problems).toEqual([]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(walk(dir.path, controller.signal)).rejects.toThrow();
  });
});
