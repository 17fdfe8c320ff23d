// The review queue (issue 13) end to end: planted near copies, a mixed-label pair and an exact-copy
// pair indexed by the CLI, clustered in Chromium against `winnow serve`; the filter chips' counts,
// sort, jump and the rows' thumbnails. Screenshots at three sizes, light and dark: test-results/e2e.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';
import { SKIP_E2E } from './browser.ts';
import { writePlanted } from './dups-fixtures.ts';
import { launchBrowser, openPage, shutdown, SCREENSHOTS, startServe, type ServeProcess } from './serve-helpers.ts';

describe.skipIf(SKIP_E2E)('Review queue in a browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-queue-');
  const catalog = join(tmp.path, 'queue.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    const data = join(tmp.path, 'data');
    await writePlanted(data);
    // An exact-copy pair: the same bytes twice.
    mkdirSync(join(data, 'birds'), { recursive: true });
    await (await syntheticImage(33, 360, 360)).jpeg({ quality: 90 }).toFile(join(data, 'birds/c.jpg'));
    copyFileSync(join(data, 'birds/c.jpg'), join(data, 'birds/c-copy.jpg'));
    expect(winnow('index', data, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const chip = (page: Page, f: string) => page.getByTestId(`filter-${f}`).textContent();
  const rowIds = (page: Page) => page.getByTestId('cluster-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-cluster')));

  it('counts, filters, sorts and jumps; row thumbnails load; screenshots at three sizes', async () => {
    const page = await openPage(browser, 'light');
    await page.goto(`${serve.url}#/duplicates`);
    await expect.poll(() => page.getByTestId('dups-empty').textContent()).toMatch(/Find clusters/);
    await page.getByTestId('find').click();
    await expect.poll(() => page.getByTestId('cluster-row').count(), { timeout: 20_000 }).toBe(3);

    expect(await chip(page, 'all')).toMatch(/all\s+3/);
    expect(await chip(page, 'open')).toMatch(/open\s+3/);
    expect(await chip(page, 'resolved')).toMatch(/resolved\s+0/);
    expect(await chip(page, 'mixed')).toMatch(/mixed labels\s+1/);
    expect(await chip(page, 'exact')).toMatch(/exact copies\s+1/);

    // The mixed-label row names the two labels.
    expect(await page.getByTestId('row-labels').allTextContents()).toEqual(['cats / dogs']);

    // Row thumbnails: the small size from the host, decoded (first 4 of the 4-member cluster, no "+k").
    await expect
      .poll(() =>
        page
          .getByTestId('row-thumb')
          .evaluateAll(
            (imgs) =>
              (imgs as unknown as { complete: boolean; naturalWidth: number }[]).filter((i) => i.complete && i.naturalWidth > 0).length,
          ),
      )
      .toBe(8);
    expect(await page.getByTestId('row-thumb').first().getAttribute('src')).toMatch(/128/);

    await page.getByTestId('filter-exact').click();
    await expect.poll(() => rowIds(page)).toEqual(['3']);
    await page.getByTestId('filter-mixed').click();
    await expect.poll(() => rowIds(page)).toEqual(['1']);
    await page.getByTestId('filter-resolved').click();
    await expect.poll(() => page.getByTestId('queue-empty').textContent()).toMatch(/No resolved clusters here/);
    await page.getByTestId('filter-all').click();

    await page.getByTestId('queue-sort').selectOption('size');
    await expect.poll(() => rowIds(page)).toEqual(['2', '1', '3']);
    await page.getByTestId('queue-sort').selectOption('conflict');
    await expect.poll(() => rowIds(page)).toEqual(['1', '2', '3']);

    await page.getByTestId('jump').fill('3');
    await page.getByTestId('jump').press('Enter');
    await expect.poll(() => page.locator('[data-testid="cluster-row"][aria-selected="true"]').getAttribute('data-cluster')).toBe('3');

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [w, h] of [
        [1440, 900],
        [1280, 800],
        [1024, 768],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: join(SCREENSHOTS, `queue-${w}x${h}-${scheme}.png`) });
      }
    }
  });
});
