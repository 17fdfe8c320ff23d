// The Folds & export screen end to end: folds assigned through the UI on a CLI-indexed catalog,
// checked against the stored assignment's balance. Screenshots: test-results/e2e.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, shutdown, LABELS, SCREENSHOTS, startServe, writeDataset, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Folds & export screen in a browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-folds-');
  const catalog = join(tmp.path, 'folds.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    await writeDataset(join(tmp.path, 'data'));
    expect(winnow('index', join(tmp.path, 'data'), '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const newPage = async (colorScheme: 'light' | 'dark'): Promise<Page> => {
    const page = await openPage(browser, colorScheme);
    await page.goto(serve.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Folds & export' }).click();
    await page.locator('#folds-title').waitFor();
    return page;
  };
  const bars = (page: Page) => page.getByTestId('fold-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-size'))));

  it('assigns stratified folds and shows each fold per label with the leakage', async () => {
    const page = await newPage('light');
    await page.locator('#folds-k').fill('3');
    await page.locator('#folds-seed').fill('7');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect.poll(() => bars(page), { timeout: 10_000 }).toEqual([10, 10, 10]);
    expect(await page.getByTestId('folds-leakage').textContent()).toContain('0 near-duplicate pairs');
    expect(await page.getByTestId('folds-summary').textContent()).toContain('30 active images in 3 folds (seed 7, stratified');
    // The legend lists every label with its count per fold: 10 images each over 3 folds.
    const legend = await page.locator('.legend li').allTextContents();
    expect(legend.map((t) => t.split(' ')[0])).toEqual([...LABELS]);
    for (const t of legend) expect(t).toMatch(/\((3|4) \/ (3|4) \/ (3|4)\)/);
    await page.screenshot({ path: join(SCREENSHOTS, 'folds-light.png') });
    await page.context().close();
  });

  it('exports the folds as 64x64 shards and shows them, the counts and the tf.data reader', async () => {
    const page = await newPage('light');
    await page.locator('#folds-k').fill('3');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect.poll(() => bars(page), { timeout: 10_000 }).toEqual([10, 10, 10]);
    const out = join(tmp.path, 'shards');
    await page.locator('#export-out').fill(out);
    await page.locator('#export-width').fill('64');
    await page.locator('#export-height').fill('64');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-report').waitFor({ timeout: 30_000 });
    const rows = await page
      .getByTestId('export-shard')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim() ?? '')));
    expect(rows).toEqual([
      ['train-00-10.tfrec', '0', '10'],
      ['train-01-10.tfrec', '1', '10'],
      ['train-02-10.tfrec', '2', '10'],
    ]);
    const counts = await page.getByTestId('export-counts').textContent();
    expect(counts).toMatch(/30 records in 3 shards: 0 original JPEG bytes,\s+30 re-encoded, 0 failed/);
    const snippet = await page.getByTestId('export-snippet').textContent();
    expect(snippet).toContain('tf.data');
    expect(snippet).toContain('tf.reshape(image, [64, 64, 3])');
    const files = readdirSync(out).sort();
    expect(files.filter((f) => f.endsWith('.tfrec'))).toEqual(['train-00-10.tfrec', 'train-01-10.tfrec', 'train-02-10.tfrec']);
    expect(files).toEqual(expect.arrayContaining(['manifest.json', 'label_map.json', 'read_example.py', 'train-00-10.tfrec.idx']));
    await page.screenshot({ path: join(SCREENSHOTS, 'export-light.png'), fullPage: true });
    // The browser host cannot open a folder on the viewer's machine: it says so (the path stays on screen).
    await page.getByTestId('export-reveal').click();
    await expect.poll(() => page.getByTestId('export-reveal-note').textContent()).toMatch(/browser host cannot open folders/);
    await page.getByRole('link', { name: 'Open in viewer' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/viewer');
    // Back on the screen, a second export into the same folder is refused unless asked to replace it.
    await page.getByRole('navigation').getByRole('link', { name: 'Folds & export' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/already holds an export/));
    await page.context().close();
  });

  it('follows a dark OS theme and refuses an invalid K', async () => {
    const page = await newPage('dark');
    await page.locator('#folds-k').fill('1');
    expect(await page.getByRole('button', { name: 'Assign folds' }).isDisabled()).toBe(true);
    await page.locator('#folds-k').fill('2');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect.poll(() => bars(page), { timeout: 10_000 }).toEqual([15, 15]);
    await page.screenshot({ path: join(SCREENSHOTS, 'folds-dark.png') });
    await page.context().close();
  });
});
