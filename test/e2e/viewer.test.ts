// The Record viewer end to end: shards exported by the CLI (index → folds → export) opened in
// Chromium against `winnow serve`: count, labels, decoded images, a record's features, and a
// damaged copy that must name the byte offset of the damage. Screenshots: test-results/e2e.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, shutdown, LABELS, SCREENSHOTS, startServe, writeDataset, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Record viewer in a browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-viewer-');
  const catalog = join(tmp.path, 'viewer.winnow');
  const out = join(tmp.path, 'out');
  const shard = join(out, 'train-00-15.tfrec');
  const damaged = join(tmp.path, 'damaged.tfrec');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    await writeDataset(join(tmp.path, 'data'));
    expect(winnow('index', join(tmp.path, 'data'), '--catalog', catalog).code).toBe(0);
    expect(winnow('folds', '--catalog', catalog, '--k', '2').code).toBe(0);
    const exported = winnow('export', '--catalog', catalog, '--out', out, '--size', '64x64', '--features', 'image,target,image_name,label');
    expect(exported.code, exported.stderr).toBe(0);
    // One flipped byte near the end: inside the last record's data, so its data CRC fails.
    const bytes = readFileSync(shard);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(damaged, bytes);
    copyFileSync(shard, join(tmp.path, 'copy.tfrec'));
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const newPage = async (colorScheme: 'light' | 'dark'): Promise<Page> => {
    const page = await openPage(browser, colorScheme, 1000);
    await page.goto(serve.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Record viewer' }).click();
    await page.locator('#viewer-title').waitFor();
    return page;
  };
  const open = async (page: Page, file: string): Promise<void> => {
    await page.locator('#viewer-path').fill(file);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
  };
  const loadedImages = (page: Page): Promise<number> =>
    page
      .locator('[data-testid="viewer-sample"] img')
      .evaluateAll(
        (imgs) => (imgs as unknown as { complete: boolean; naturalWidth: number }[]).filter((i) => i.complete && i.naturalWidth > 0).length,
      );

  it('opens an exported shard: count, CRC, schema, label histogram, images, a record in detail', async () => {
    const page = await newPage('light');
    await expect.poll(() => page.locator('.empty').textContent()).toContain('No file open');
    await page.screenshot({ path: join(SCREENSHOTS, 'viewer-empty-light.png') });
    await open(page, shard);
    await expect.poll(() => page.getByTestId('viewer-records').locator('dd').textContent(), { timeout: 10_000 }).toBe('15');
    expect(await page.getByTestId('viewer-crc').locator('dd').textContent()).toBe('all intact');
    const schema = await page.getByTestId('viewer-schema').locator('tbody td.mono').allTextContents();
    expect(schema).toEqual(expect.arrayContaining(['image', 'target', 'image_name', 'label']));

    const bars = await page
      .getByTestId('viewer-label-bar')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-label'), Number(e.getAttribute('data-count'))] as const));
    expect(bars.map(([l]) => l).sort()).toEqual([...LABELS]);
    expect(bars.reduce((s, [, n]) => s + n, 0)).toBe(15);

    await expect.poll(() => loadedImages(page), { timeout: 10_000 }).toBe(15);
    const labels = await page.locator('[data-testid="viewer-sample"] .label').allTextContents();
    expect(new Set(labels)).toEqual(new Set(LABELS));
    await expect.poll(() => page.getByTestId('viewer-detail').getAttribute('data-index')).toBe('0');

    await page.locator('#viewer-jump').fill('7');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('viewer-detail').getAttribute('data-index')).toBe('7');
    const feature = (name: string) => page.locator(`[data-testid="viewer-feature"][data-name="${name}"] .value`).textContent();
    expect(await feature('image')).toMatch(/<jpeg image, \d+ bytes, 64×64>/);
    expect(LABELS).toContain(await feature('label'));
    expect(await feature('image_name')).toMatch(/\.jpg$/);
    const sampleName = await page.locator('[data-testid="viewer-sample"][data-index="7"] .file').textContent();
    expect(sampleName).toContain(await feature('image_name'));
    await page.screenshot({ path: join(SCREENSHOTS, 'viewer-shard-light.png') });
    await page.getByTestId('viewer-detail').screenshot({ path: join(SCREENSHOTS, 'viewer-detail-light.png') });

    await page.locator('#viewer-jump').fill('99');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('viewer-detail-error').textContent()).toContain('There is no record 99');
    await page.context().close();
  });

  it('shows a damaged copy with the byte offset of the damage, and a missing file clearly', async () => {
    const page = await newPage('dark');
    await open(page, damaged);
    await expect.poll(() => page.getByTestId('viewer-crc').locator('dd').textContent(), { timeout: 10_000 }).toBe('1 problem');
    const problem = await page.getByTestId('viewer-errors').locator('li').first().textContent();
    expect(problem).toMatch(/damaged\.tfrec at byte \d+: .*crc/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'viewer-damaged-dark.png') });

    await open(page, join(tmp.path, 'copy.tfrec'));
    await expect.poll(() => loadedImages(page), { timeout: 10_000 }).toBe(15);
    expect(await page.getByRole('tab').count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'viewer-shard-dark.png') });

    await open(page, join(tmp.path, 'nowhere.tfrec'));
    await expect.poll(() => page.getByTestId('viewer-error').textContent()).toMatch(/nowhere\.tfrec does not exist/);
    await open(page, join(tmp.path, 'data/cats/cats-0.jpg'));
    await expect.poll(() => page.getByTestId('viewer-errors').textContent()).toMatch(/not a TFRecord file.*at byte 0/s);
    await page.screenshot({ path: join(SCREENSHOTS, 'viewer-not-tfrecord-dark.png') });
    await page.context().close();
  });
});
