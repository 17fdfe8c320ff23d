// The export form on a catalog that mixes labelled and unlabelled images: the unlabelled ones are left
// out by default and the form says how many; "Include unlabelled images" writes them with target -1.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir, writeJpeg } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, SCREENSHOTS, shutdown, startServe, writeDataset, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Unlabelled images in the export form (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-unlabelled-');
  const catalog = join(tmp.path, 'mixed.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    const data = join(tmp.path, 'data');
    await writeDataset(data);
    // Four images at the top level: folder labels give them none.
    for (let i = 0; i < 4; i++) await writeJpeg(join(data, `loose-${i}.jpg`), 4000 + i, 160, 120);
    expect(winnow('index', data, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const shards = (out: string) =>
    readdirSync(out)
      .filter((f) => f.endsWith('.tfrec'))
      .sort();

  it('leaves them out and counts them, or writes them when asked', async () => {
    const page = await openPage(browser, 'light', 1100);
    await page.goto(serve.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Folds & export' }).click();
    await page.locator('#folds-k').fill('2');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect.poll(() => text(page, 'export-unlabelled-note'), { timeout: 15_000 }).toBe('4 unlabelled images left out.');
    expect(await page.locator('#export-unlabelled').isChecked()).toBe(false);
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/First file: train-00-15\.tfrec/);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-unlabelled-light.png'), fullPage: true });

    const skipped = join(tmp.path, 'skipped');
    await page.locator('#export-out').fill(skipped);
    await page.locator('#export-width').fill('32');
    await page.locator('#export-height').fill('32');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-report').waitFor({ timeout: 30_000 });
    expect(await text(page, 'export-counts')).toMatch(/^30 records in 2 shards: .* 4 unlabelled images left out\.$/);
    expect(shards(skipped)).toEqual(['train-00-15.tfrec', 'train-01-15.tfrec']);

    await page.locator('#export-unlabelled').check();
    expect(await text(page, 'export-unlabelled-note')).toMatch(/^4 unlabelled images written with target −1/);
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/First file: train-00-17\.tfrec/);
    const included = join(tmp.path, 'included');
    await page.locator('#export-out').fill(included);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => text(page, 'export-counts'), { timeout: 30_000 })
      .toMatch(/^34 records in 2 shards: .* 4 unlabelled images written with target -1\./);
    expect(shards(included).length).toBe(2);
    await page.context().close();
  });
});
