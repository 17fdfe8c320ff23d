// The Folds & export screen after a page reload: the stored fold assignment is shown again (not "assign
// folds first"), the export runs on it, and the export form's folder and size come back.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, shutdown, startServe, writeDataset, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Folds & export screen across a reload (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-folds-reload-');
  const catalog = join(tmp.path, 'reload.winnow');
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

  const toScreen = async (page: Page): Promise<void> => {
    await page.getByRole('navigation').getByRole('link', { name: 'Folds & export' }).click();
    await page.locator('#folds-title').waitFor();
  };
  const bars = (page: Page) => page.getByTestId('fold-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-size'))));
  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

  it('shows the stored folds after a reload, exports them, and restores the folder and size', async () => {
    const page = await openPage(browser, 'light', 1100);
    await page.goto(serve.url);
    await toScreen(page);
    await page.locator('#folds-k').fill('3');
    await page.locator('#folds-seed').fill('11');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect.poll(() => bars(page), { timeout: 10_000 }).toEqual([10, 10, 10]);

    await page.reload();
    await toScreen(page);
    await expect.poll(() => bars(page), { timeout: 10_000 }).toEqual([10, 10, 10]);
    expect(await text(page, 'folds-summary')).toContain('30 active images in 3 folds (seed 11, stratified');
    expect(await page.locator('#folds-k').inputValue()).toBe('3');
    expect(await page.getByText('Assign folds above first').count()).toBe(0);
    await expect.poll(() => text(page, 'export-estimate'), { timeout: 15_000 }).toMatch(/in 3 shards/);
    // Every image has a label: there is nothing to choose about unlabelled ones.
    expect(await page.locator('#export-unlabelled').count()).toBe(0);

    const out = join(tmp.path, 'shards');
    await page.locator('#export-out').fill(out);
    await page.locator('#export-width').fill('48');
    await page.locator('#export-height').fill('40');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-report').waitFor({ timeout: 30_000 });
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.tfrec'))
        .sort(),
    ).toEqual(['train-00-10.tfrec', 'train-01-10.tfrec', 'train-02-10.tfrec']);

    await page.reload();
    await toScreen(page);
    await expect.poll(() => page.locator('#export-out').inputValue(), { timeout: 10_000 }).toBe(out);
    expect(await page.locator('#export-width').inputValue()).toBe('48');
    expect(await page.locator('#export-height').inputValue()).toBe('40');
    await expect.poll(() => bars(page), { timeout: 10_000 }).toEqual([10, 10, 10]);
    await page.context().close();
  });
});
