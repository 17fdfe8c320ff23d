// The Electron shell itself, driven by playwright-core's _electron: the locked-down window, the
// preload bridge, the app menu reaching the page, and thumbnails over winnow-img://. It needs the
// Electron binary, which `npm install` here does not download (package.json "allowScripts" skips
// electron's install script), and a display: where either is missing the test is skipped and says why.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { SCREENSHOTS } from './serve-helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Where electron's own index.js would look (path.txt names the binary inside dist/), without its download fallback. */
function findElectron(env: NodeJS.ProcessEnv = process.env): { binary: string | null; why: string } {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { binary: null, why: 'the electron package is not installed (npm install)' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      binary: null,
      why: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing; run `node node_modules/electron/install.js` where its download host is reachable)',
    };
  }
  const name = readFileSync(pathFile, 'utf8').trim();
  const binary = env['ELECTRON_OVERRIDE_DIST_PATH'] ? join(env['ELECTRON_OVERRIDE_DIST_PATH'], name) : join(dir, 'dist', name);
  return existsSync(binary) ? { binary, why: '' } : { binary: null, why: `the Electron binary ${binary} is missing` };
}

const electron = findElectron();
const noDisplay = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
const skipReason = electron.binary === null ? electron.why : noDisplay ? 'no display (DISPLAY is unset; run the tests under xvfb-run)' : '';
if (skipReason) console.warn(`Skipping the Electron launch test: ${skipReason}`);

// The Node tsconfig has no DOM lib: the page's globals as this test sees them. Functions passed to
// page.evaluate run in the page, so each one names globalThis itself.
type Bridge = { winnow: Record<string, unknown> & { invoke(method: string, args: unknown): Promise<unknown> } };

describe('Electron shell', () => {
  const tmp = tempDir('winnow-electron-');
  let app: ElectronApplication | undefined;
  afterAll(async () => {
    await app?.close();
    tmp.cleanup();
  });

  it.skipIf(skipReason !== '')(`opens a locked-down window with the app${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    for (let i = 0; i < 3; i++) await writeJpeg(join(tmp.path, 'photos/cats', `c${i}.jpg`), 40 + i);
    app = await _electron.launch({
      executablePath: electron.binary!,
      args: [ROOT], // package.json "main" is the built out/main/index.js
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), WINNOW_CONFIG_DIR: join(tmp.path, 'config') },
    });
    const page: Page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await expect.poll(() => page.title()).toBe('Winnow');

    // The page sees the bridge and nothing of Node.
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as Bridge).winnow).sort())).toEqual(['invoke', 'on']);
    expect(
      await page.evaluate(() => [
        typeof (globalThis as { require?: unknown }).require,
        typeof (globalThis as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => (globalThis as unknown as Bridge).winnow.invoke('app.info', {}))).toMatchObject({
      name: 'Winnow',
      shell: 'electron',
    });
    await expect(
      page.evaluate(() => (globalThis as unknown as Bridge).winnow.invoke('fs.readFile', { path: '/etc/passwd' })),
    ).rejects.toThrow(/Unknown method/);
    // File › Import folder… with no catalog open: the menu's command reaches the page, which explains.
    const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label.replace('&', '')) ?? []);
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window', 'Help']));
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('import')?.click());
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/Open or create a catalog first/));

    // Open a catalog and import through the UI; thumbnails arrive over winnow-img://<id>.
    const catalogFile = join(tmp.path, 'shell.winnow');
    await page.locator('#catalog-path').fill(catalogFile);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toBe(catalogFile);
    await page.locator('#import-folder').fill(join(tmp.path, 'photos'));
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect.poll(() => page.getByTestId('grid-total').textContent(), { timeout: 20_000 }).toBe('3');
    type Img = { src: string; complete: boolean; naturalWidth: number };
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid="thumb"] img')
            .evaluateAll(
              (els) =>
                (els as unknown as Img[]).filter((i) => i.src.startsWith('winnow-img://') && i.complete && i.naturalWidth > 0).length,
            ),
        { timeout: 15_000 },
      )
      .toBe(3);

    // The catalog is now in File › Recent catalogs.
    await expect
      .poll(() => app!.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('open-recent-0')?.label ?? null))
      .toMatch(/^shell\.winnow/);
    await page.screenshot({ path: join(SCREENSHOTS, 'electron-library.png') });
  });
});
