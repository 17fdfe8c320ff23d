// The host's one write lock seen from the browser: while clustering runs (a job with progress and
// Cancel), opening another catalog is refused with a sentence, and a cancel leaves the previous
// clusters as they were.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { syntheticCatalog } from '../helpers/synthetic-catalog.ts';
import { launchBrowser, openPage, shutdown, SCREENSHOTS, startServe, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Host lock in the browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-lock-');
  const catalog = join(tmp.path, 'big.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    // Large enough that clustering takes seconds: the test acts while its progress shows.
    syntheticCatalog(catalog, 150_000);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  it('refuses a catalog switch during clustering with a clear sentence; Cancel stops the job', async () => {
    const page = await openPage(browser, 'light');
    await page.goto(`${serve.url}#/duplicates`);
    await expect.poll(() => page.getByTestId('dups-empty').textContent(), { timeout: 20_000 }).toMatch(/Find clusters/);
    // The histogram first (a switch waits for it), then clustering, which takes seconds here.
    await expect.poll(() => page.getByTestId('cluster-estimate').textContent(), { timeout: 20_000 }).toMatch(/≈ [\d,]+ clusters/);
    await page.getByTestId('find').click();
    const progress = page.getByTestId('clusters-progress');
    await progress.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-clustering-light.png') });

    // The job is module-level state: it keeps running (and showing) across screens.
    await page.goto(`${serve.base}/#/library`);
    await page.locator('#catalog-path').fill(join(tmp.path, 'other.winnow'));
    await page.getByRole('button', { name: 'Switch', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 10_000 })
      .toBe('Cannot open another catalog now: clusters are being computed; wait for it to finish or cancel it.');
    expect(await page.getByTestId('catalog-path').textContent()).toBe(catalog);

    await page.goto(`${serve.base}/#/duplicates`);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.getByTestId('clusters-cancelled').textContent(), { timeout: 10_000 })
      .toMatch(/Cancelled: the previous clusters are unchanged/);
    await expect.poll(() => page.getByTestId('dups-empty').textContent()).toMatch(/Find clusters/);
    // Free again: the other catalog opens (after the histogram the Duplicates screen asked for).
    await page.goto(`${serve.base}/#/library`);
    await page.locator('#catalog-path').fill(join(tmp.path, 'other.winnow'));
    await page.getByRole('button', { name: 'Switch', exact: true }).click();
    await expect.poll(() => page.getByTestId('catalog-path').textContent(), { timeout: 10_000 }).toBe(join(tmp.path, 'other.winnow'));
    await page.context().close();
  });
});
