// The built renderer (out/renderer) as static files, confined to that folder.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** out/renderer, wherever the bundler put this module (out/main or out/main/chunks). */
export function findRendererDir(): string | null {
  const env = process.env['WINNOW_RENDERER_DIR'];
  if (env) return existsSync(join(env, 'index.html')) ? resolve(env) : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const sibling = join(dir, '..', 'renderer');
    if (existsSync(join(sibling, 'index.html'))) return resolve(sibling);
    dir = dirname(dir);
  }
  return null;
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** A file below `root` for a URL path; null for anything outside it, hidden, or not a plain file. */
export async function staticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0') || rel.split('/').some((part) => part.startsWith('.'))) return null;
  const file = resolve(root, `.${rel}`);
  if (!file.startsWith(root + sep)) return null;
  const type = TYPES[extname(file)];
  if (!type) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), type };
  } catch {
    return null;
  }
}
