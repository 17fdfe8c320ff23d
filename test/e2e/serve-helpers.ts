import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WINNOW_BIN } from '../helpers/cli.ts';
import { writeJpeg } from '../helpers/fixtures.ts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, noBrowserMessage } from './browser.ts';

export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/e2e');
mkdirSync(SCREENSHOTS, { recursive: true });

export const LABELS = ['birds', 'cats', 'dogs'] as const;
export const BAD_FILES = { 'cats/broken.jpg': /corrupt|truncated|premature/i, 'dogs/notes.jpg': /not an image/ } as const;

/** 10 images per label plus two files that cannot be read; returns the number of good images. */
export async function writeDataset(root: string): Promise<number> {
  let n = 0;
  for (const label of LABELS) {
    for (let i = 0; i < 10; i++) await writeJpeg(join(root, label, `${label}-${i}.jpg`), ++n * 7919, 160 + (i % 3) * 40, 120);
  }
  writeFileSync(join(root, 'cats/broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]));
  writeFileSync(join(root, 'dogs/notes.jpg'), 'These are notes saved with the wrong extension.\n');
  return n;
}

export interface ServeProcess {
  url: string;
  base: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts `winnow serve --port 0` and waits for the URL it prints; `env` adds to the environment (e.g. XDG_DATA_HOME). */
export async function startServe(catalog: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  if (!existsSync(WINNOW_BIN)) throw new Error(`missing ${WINNOW_BIN}`);
  const child = spawn(process.execPath, [WINNOW_BIN, 'serve', '--port', '0', '--catalog', catalog], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`winnow serve printed no URL in 20 s:\n${out}\n${err}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`winnow serve exited (${code}):\n${out}\n${err}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    base: parsed.origin,
    token: parsed.searchParams.get('token')!,
    child,
    stop: () =>
      new Promise((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise(child.exitCode);
        child.once('exit', (code) => resolvePromise(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  if (CHROMIUM === null) throw new Error(noBrowserMessage());
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh page in the given colour scheme that reports the page's own errors. */
export async function openPage(browser: Browser, colorScheme: 'light' | 'dark', height = 800): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return page;
}

/** Closes the browser and stops the server; returns the server's exit code (0 on a clean SIGTERM). */
export async function shutdown(browser: Browser | undefined, serve: ServeProcess | undefined): Promise<number | null | undefined> {
  await browser?.close();
  return serve?.stop();
}
