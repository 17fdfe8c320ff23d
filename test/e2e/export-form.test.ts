// The export form end to end: the live preview follows the size and mode, the size estimate appears
// and lands near the real export, and a bad shard name template is refused inline while a good one
// names the written shards. Screenshots of the form in both themes: test-results/e2e.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, SCREENSHOTS, shutdown, startServe, writeDataset, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Export form in a browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-export-form-');
  const catalog = join(tmp.path, 'form.winnow');
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

  const open = async (colorScheme: 'light' | 'dark'): Promise<Page> => {
    const page = await openPage(browser, colorScheme, 1100);
    await page.goto(serve.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Folds & export' }).click();
    await page.locator('#export-title').waitFor();
    return page;
  };
  const previewSize = (page: Page) =>
    page.getByTestId('preview-result').evaluate((e) => `${e.getAttribute('data-width')}x${e.getAttribute('data-height')}`);
  /** Text as read, with the template's line breaks folded. */
  const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const estimate = (page: Page) => text(page, 'export-estimate');

  it('previews one image at the chosen size and mode, and steps to the next sample', async () => {
    const page = await open('light');
    await expect.poll(() => previewSize(page), { timeout: 10_000 }).toBe('512x512');
    await page.locator('#export-width').fill('64');
    await page.locator('#export-height').fill('48');
    await expect.poll(() => previewSize(page), { timeout: 10_000 }).toBe('64x48');
    // The image itself is that size, not just the caption.
    const natural = () =>
      page.getByTestId('preview-image').evaluate((el) => {
        const img = el as unknown as { naturalWidth: number; naturalHeight: number };
        return `${img.naturalWidth}x${img.naturalHeight}`;
      });
    await expect.poll(natural, { timeout: 10_000 }).toBe('64x48');
    await page.locator('#export-mode').selectOption('fit-pad');
    await expect.poll(() => text(page, 'preview-result'), { timeout: 10_000 }).toMatch(/Exported 64×48/);
    const first = await text(page, 'preview-original');
    expect(first).toMatch(/Original 160×120 · JPEG · \d+(\.\d)? KB/);
    await page.getByRole('button', { name: 'Next sample' }).click();
    await expect.poll(() => text(page, 'preview-which'), { timeout: 10_000 }).toMatch(/Image 2 of 30: birds\/birds-1\.jpg \(birds\)/);
    // Keep size with passthrough: the original JPEG itself.
    await page.locator('#export-keep').check();
    await expect.poll(() => text(page, 'preview-result'), { timeout: 10_000 }).toMatch(/Exported 200×120 .* original bytes/);
    await page.context().close();
  });

  it('estimates the size before folds, then with shards, near what the export writes', async () => {
    const page = await open('light');
    await expect
      .poll(() => estimate(page), { timeout: 15_000 })
      .toMatch(/≈ [\d.]+ KB\/image, ≈ [\d.]+ (KB|MB), from 30 samples\..*Assign folds to see the shards/);
    await page.locator('#folds-k').fill('3');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect
      .poll(() => estimate(page), { timeout: 15_000 })
      .toMatch(/≈ [\d.]+ KB\/image, ≈ [\d.]+ (KB|MB) in 3 shards, from 30 samples\./);
    const projected = Number(await page.getByTestId('export-estimate').getAttribute('data-total'));

    // A template without {shard} or {fold} is refused where it is typed, and blocks the export.
    const out = join(tmp.path, 'shards');
    await page.locator('#export-out').fill(out);
    await page.locator('#export-name').fill('train.tfrec');
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/needs \{shard\}/);
    expect(await page.locator('#export-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Export', exact: true }).isDisabled()).toBe(true);
    await page.locator('#export-name').fill('fold-{fold}-{size}.tfrec');
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/Unknown token \{size\}/);
    await page.locator('#export-name').fill('fold-{fold}-{count}.tfrec');
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/First file: fold-0-10\.tfrec/);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-form-light.png'), fullPage: true });

    // The per-shard bar is fed by job.progress events that carry the current shard's total.
    const shardDetails: { label: string; done: number; total: number | null }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const msg = JSON.parse(String(payload)) as { event?: string; payload?: { progress?: { detail?: (typeof shardDetails)[number] } } };
        if (msg.event === 'job.progress' && msg.payload?.progress?.detail) shardDetails.push(msg.payload.progress.detail);
      }),
    );
    await page.reload();
    await page.locator('#export-out').fill(out);
    await page.locator('#export-name').fill('fold-{fold}-{count}.tfrec');
    await page.locator('#folds-k').fill('3');
    await page.getByRole('button', { name: 'Assign folds' }).click();
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/First file: fold-0-10\.tfrec/);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    // The report or the failure, whichever comes (60 s: a guard for a loaded machine, not a speed test);
    // a failure then shows its sentence in the assertion instead of a bare timeout.
    const failed = page.getByRole('alert').filter({ hasText: 'Export failed' });
    await page.getByTestId('export-report').or(failed).first().waitFor({ timeout: 60_000 });
    expect(await failed.allTextContents()).toEqual([]);
    expect(shardDetails.length).toBeGreaterThan(0);
    for (const d of shardDetails) expect(d).toMatchObject({ label: expect.stringMatching(/^shard \d \(fold \d\)$/), total: 10 });
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.tfrec'))
        .sort(),
    ).toEqual(['fold-0-10.tfrec', 'fold-1-10.tfrec', 'fold-2-10.tfrec']);
    const written = readdirSync(out)
      .filter((f) => f.endsWith('.tfrec'))
      .reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
    // Every image was sampled here, so only the per-record framing is averaged.
    expect(Math.abs(projected / written - 1)).toBeLessThan(0.01);
    await page.context().close();
  });

  it('shows the form with its preview in the dark theme', async () => {
    const page = await open('dark');
    await page.locator('#export-width').fill('128');
    await page.locator('#export-height').fill('128');
    await expect.poll(() => previewSize(page), { timeout: 10_000 }).toBe('128x128');
    await expect.poll(() => estimate(page), { timeout: 15_000 }).toMatch(/KB\/image/);
    await page.locator('#export-name').fill('train-{count}.tfrec');
    await expect.poll(() => text(page, 'export-name-note'), { timeout: 10_000 }).toMatch(/needs \{shard\}/);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-form-dark.png'), fullPage: true });
    await page.context().close();
  });
});
