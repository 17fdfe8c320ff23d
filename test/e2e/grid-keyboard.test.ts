// The Library's thumbnail grid by keyboard alone, in Chromium against `winnow serve`: one tab stop,
// arrows / Home / End / Ctrl+End move the active cell (read back from the focused gridcell's ARIA
// attributes), Enter opens the preview and Escape returns focus to the cell. Screenshots: test-results/e2e.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, SCREENSHOTS, shutdown, startServe, writeDataset, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

/** What the keyboard is on: the focused element's role and its grid position, as ARIA exposes them. */
interface Focused {
  role: string | null;
  testid: string | null;
  name: string | null;
  index: number;
  row: number;
  col: number;
}
type Doc = {
  document: {
    activeElement: { getAttribute(n: string): string | null; parentElement: { getAttribute(n: string): string | null } | null } | null;
  };
};

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = (globalThis as unknown as Doc).document.activeElement;
    return {
      role: el?.getAttribute('role') ?? null,
      testid: el?.getAttribute('data-testid') ?? null,
      name: el?.getAttribute('aria-label') ?? null,
      index: Number(el?.getAttribute('data-index') ?? -1),
      row: Number(el?.parentElement?.getAttribute('aria-rowindex') ?? -1),
      col: Number(el?.getAttribute('aria-colindex') ?? -1),
    };
  });

describe.skipIf(SKIP_E2E)('Thumbnail grid by keyboard (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-grid-');
  const data = join(tmp.path, 'data');
  const catalog = join(tmp.path, 'grid.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    await writeDataset(data); // 30 images in birds/cats/dogs + 2 unreadable files, listed by path
    expect(winnow('index', data, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  /** Opens the Library and tabs from the last filter into the grid. */
  const tabIn = async (scheme: 'light' | 'dark'): Promise<Page> => {
    const page = await openPage(browser, scheme);
    await page.goto(serve.url);
    await expect.poll(() => page.getByTestId('grid-total').textContent(), { timeout: 10_000 }).toBe('32');
    await page.getByTestId('filter-status').focus();
    await page.keyboard.press('Tab');
    return page;
  };
  const cols = async (page: Page): Promise<number> => Number(await page.getByTestId('image-grid').getAttribute('aria-colcount'));
  const loaded = (page: Page, selector: string) =>
    page
      .locator(selector)
      .evaluateAll(
        (imgs) => (imgs as unknown as { complete: boolean; naturalWidth: number }[]).filter((i) => i.complete && i.naturalWidth > 0).length,
      );

  it('is one tab stop that arrows, End and Ctrl+End move through, and Enter previews', async () => {
    const page = await tabIn('light');
    expect(await focused(page)).toEqual({ role: 'gridcell', testid: null, name: 'birds, birds-0.jpg', index: 0, row: 1, col: 1 });
    const n = await cols(page);
    expect(n).toBeGreaterThan(2);
    expect(await page.getByTestId('image-grid').getAttribute('aria-rowcount')).toBe(String(Math.ceil(32 / n)));
    // Only the active cell is in the tab order.
    expect(await page.locator('[role="gridcell"][tabindex="0"]').count()).toBe(1);

    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ name: 'birds, birds-1.jpg', index: 1, row: 1, col: 2 });
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ index: 1 + n, row: 2, col: 2 });
    await page.keyboard.press('End');
    expect(await focused(page)).toMatchObject({ index: 2 * n - 1, row: 2, col: n });
    await page.keyboard.press('Home');
    expect(await focused(page)).toMatchObject({ index: n, row: 2, col: 1 });
    await page.keyboard.press('Control+End');
    // The last file by path is the text file saved as .jpg, which could not be read.
    expect(await focused(page)).toMatchObject({ name: 'dogs, notes.jpg, error', index: 31, row: Math.ceil(32 / n) });
    await page.keyboard.press('Control+Home');
    expect(await focused(page)).toMatchObject({ index: 0, row: 1, col: 1 });
    await page.keyboard.press('ArrowLeft'); // already first: stays
    expect((await focused(page)).index).toBe(0);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const cell = await focused(page);
    expect(cell.index).toBe(2 + n);
    await expect.poll(() => loaded(page, '[data-testid="thumb"] img'), { timeout: 10_000 }).toBe(30);
    await page.locator('.main.card').screenshot({ path: join(SCREENSHOTS, 'library-grid-focus-light.png') });

    // Enter previews the cell's image; Escape closes and the keyboard is back on the same cell.
    await page.keyboard.press('Enter');
    const preview = page.getByTestId('image-preview');
    await preview.waitFor();
    const file = cell.name!.split(', ')[1]!;
    expect(await preview.locator('[data-field="path"]').textContent()).toContain(file);
    expect(await preview.locator('[data-field="label"]').textContent()).toBe(cell.name!.split(', ')[0]);
    expect(await preview.locator('[data-field="status"]').textContent()).toBe('active');
    expect(await preview.locator('[data-field="size"]').textContent()).toMatch(/^\d+×120 · jpeg$/);
    await expect.poll(() => loaded(page, '[data-testid="image-preview"] img'), { timeout: 10_000 }).toBe(1);
    expect((await focused(page)).testid).toBe('preview-close'); // focus is inside the dialog
    await page.screenshot({ path: join(SCREENSHOTS, 'library-preview-light.png') });
    await page.keyboard.press('ArrowRight'); // keys stay in the dialog: the grid does not move behind it
    await page.keyboard.press('Escape');
    await expect.poll(() => preview.count()).toBe(0);
    expect(await focused(page)).toEqual(cell);

    // Space opens it too; Tab leaves the grid in one step.
    await page.keyboard.press(' ');
    await preview.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => preview.count()).toBe(0);
    await page.keyboard.press('Tab');
    expect((await focused(page)).role).not.toBe('gridcell');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toEqual(cell); // back on the cell it left
    await page.context().close();
  });

  it('shows the focused cell in the dark theme', async () => {
    const page = await tabIn('dark');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const n = await cols(page);
    expect(await focused(page)).toMatchObject({ role: 'gridcell', index: n + 1 });
    await expect.poll(() => loaded(page, '[data-testid="thumb"] img'), { timeout: 10_000 }).toBe(30);
    await page.locator('.main.card').screenshot({ path: join(SCREENSHOTS, 'library-grid-focus-dark.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => loaded(page, '[data-testid="image-preview"] img'), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-preview-dark.png') });
    await page.context().close();
  });
});
