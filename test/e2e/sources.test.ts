// The Library's Sources list end to end (`winnow serve` + Chromium): two imported folders listed with
// their counts, removal after a confirmation that names the folder, a re-scan as the usual import
// job, and importing the parent folder, which takes the remaining source over. Screenshots in
// test-results/e2e.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { snapshotTree, tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, SCREENSHOTS, shutdown, startServe, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Sources list in a browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-sources-');
  const data = join(realpathSync(tmp.path), 'data');
  const plants = join(data, 'plants');
  const animals = join(data, 'animals');
  let serve: ServeProcess;
  let browser: Browser;
  let untouched: Map<string, string>;

  beforeAll(async () => {
    process.env['WINNOW_CONFIG_DIR'] = join(tmp.path, 'config');
    let seed = 0;
    for (const rel of ['rose/r0.jpg', 'rose/r1.jpg', 'tulip/t0.jpg', 'tulip/t1.jpg']) await writeJpeg(join(plants, rel), 900 + ++seed);
    for (const rel of ['cats/c0.jpg', 'cats/c1.jpg', 'dogs/d0.jpg']) await writeJpeg(join(animals, rel), 900 + ++seed);
    untouched = snapshotTree(data);
    const catalog = join(tmp.path, 'sources.winnow');
    for (const folder of [plants, animals]) expect(winnow('index', folder, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const stat = (page: Page, key: string) => page.getByTestId(`stat-${key}`).locator('dd');
  const listed = (page: Page) =>
    page
      .getByTestId('source')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-root'), e.querySelector('[data-testid="source-images"]')?.textContent]));
  const open = async (colorScheme: 'light' | 'dark'): Promise<Page> => {
    const page = await openPage(browser, colorScheme);
    await page.goto(serve.url);
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toContain('sources.winnow');
    return page;
  };

  it('lists both sources with counts; Remove… names the folder and its images, then the catalog forgets them', async () => {
    const page = await open('light');
    await expect
      .poll(() => listed(page))
      .toEqual([
        [animals, '3 images'],
        [plants, '4 images'],
      ]);
    expect(await stat(page, 'images').textContent()).toBe('7');
    expect(await page.locator('#sources-title').textContent()).toBe('Sources (2)');
    await page.getByTestId('sources').screenshot({ path: join(SCREENSHOTS, 'sources-list-light.png') });

    await page.getByRole('button', { name: `Remove ${plants}/ from the catalog` }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(`The catalog forgets ${plants}/ and its 4 images`);
    expect(await dialog.textContent()).toContain('No file is touched');
    await page.screenshot({ path: join(SCREENSHOTS, 'sources-remove-confirm-light.png') });
    // Cancel keeps everything.
    await page.getByTestId('confirm-cancel').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await stat(page, 'images').textContent()).toBe('7');

    await page.getByRole('button', { name: `Remove ${plants}/ from the catalog` }).click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => stat(page, 'images').textContent()).toBe('3');
    await expect.poll(() => listed(page)).toEqual([[animals, '3 images']]);
    expect(await page.getByTestId('sources-note').textContent()).toBe(
      `Removed ${plants}/ from the catalog: 4 images forgotten, no file touched.`,
    );
    await expect.poll(() => page.getByTestId('grid-total').textContent()).toBe('3');
    expect(snapshotTree(data)).toEqual(untouched);
    await page.context().close();
  });

  it('re-scans a source as an import job, and importing the parent folder takes the source over', async () => {
    const page = await open('light');
    await page.getByRole('button', { name: `Re-scan ${animals}/` }).click();
    await expect.poll(() => page.getByTestId('import-report').textContent(), { timeout: 20_000 }).toMatch(/Done\.\s+0 added.*3 unchanged/s);

    await page.locator('#import-folder').fill(data);
    await page.keyboard.press('Escape');
    await page.getByLabel('sub-folder names').check();
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect
      .poll(() => page.getByTestId('import-merged').textContent(), { timeout: 20_000 })
      .toBe('3 files already in the catalog from animals/ were re-labelled from sub-folder names.');
    await expect.poll(() => listed(page)).toEqual([[data, '7 images']]);
    expect(await stat(page, 'images').textContent()).toBe('7');
    expect(await page.getByTestId('import-report').textContent()).toMatch(/4 added.*3 unchanged/s);
    await page.screenshot({ path: join(SCREENSHOTS, 'sources-merged-light.png') });
    expect(snapshotTree(data)).toEqual(untouched);
    await page.context().close();
  });

  it('follows a dark OS theme, the confirmation too', async () => {
    const page = await open('dark');
    await expect.poll(() => listed(page)).toEqual([[data, '7 images']]);
    await page.getByRole('button', { name: `Remove ${data}/ from the catalog` }).click();
    await expect.poll(() => page.getByTestId('confirm-dialog').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'sources-remove-confirm-dark.png') });
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('sources').screenshot({ path: join(SCREENSHOTS, 'sources-list-dark.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'sources-dark.png') });
    expect(await stat(page, 'images').textContent()).toBe('7');
    await page.context().close();
  });
});
