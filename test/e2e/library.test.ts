// The Library screen end to end: `winnow serve` in a child process, Debian's Chromium driven by
// playwright-core, a generated folder imported through the UI. Screenshots land in test-results/e2e.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openCatalog } from '../../src/main/core/catalog/catalog.ts';
import { tempDir } from '../helpers/fixtures.ts';
import {
  BAD_FILES,
  launchBrowser,
  openPage,
  shutdown,
  LABELS,
  SCREENSHOTS,
  startServe,
  writeDataset,
  type ServeProcess,
} from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

const TITLES: Record<string, string> = { duplicates: '#dups-title', folds: '#folds-title', viewer: '#viewer-title' };
const titleOf = (screen: string): string => TITLES[screen] ?? '#ph-title';

describe.skipIf(SKIP_E2E)('Library screen in a browser (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-');
  const data = join(tmp.path, 'data');
  let good = 0;
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    // This server's own recent-catalogs list (each test file runs in its own process).
    process.env['WINNOW_CONFIG_DIR'] = join(tmp.path, 'config');
    [good, serve, browser] = await Promise.all([writeDataset(data), startServe(join(tmp.path, 'e2e.winnow')), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0); // SIGTERM is a graceful stop
  });

  const newPage = async (colorScheme: 'light' | 'dark'): Promise<Page> => {
    const page = await openPage(browser, colorScheme);
    return page;
  };
  /** Thumbnails actually decoded by the browser (naturalWidth > 0), not just present in the DOM. */
  const loadedThumbs = (page: Page): Promise<number> =>
    page
      .locator('[data-testid="thumb"] img')
      .evaluateAll(
        (imgs) => (imgs as unknown as { complete: boolean; naturalWidth: number }[]).filter((i) => i.complete && i.naturalWidth > 0).length,
      );
  const stat = (page: Page, key: string) => page.getByTestId(`stat-${key}`).locator('dd');

  it('imports a folder through the UI and shows counts, labels, thumbnails and failures', async () => {
    const page = await newPage('light');
    await page.goto(serve.url);
    // The token leaves the address bar once the page has stored it.
    await expect.poll(() => page.url()).not.toContain('token=');
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toContain('e2e.winnow');
    await page.screenshot({ path: join(SCREENSHOTS, 'library-empty-light.png') });

    await page.locator('#import-folder').fill(`${data}/`);
    await expect
      .poll(() => page.locator('#import-folder-list').getByRole('option').allTextContents())
      .toEqual(LABELS.map((l) => `▸${data}/${l}/`));
    await page.keyboard.press('Escape'); // the completion list closes, as a user would dismiss it
    await page.getByLabel('sub-folder names').check();
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect.poll(() => stat(page, 'images').textContent(), { timeout: 20_000 }).toBe(String(good + 2));
    expect(await stat(page, 'labels').textContent()).toBe('3');
    expect(await stat(page, 'active').textContent()).toBe(String(good));
    expect(await stat(page, 'excluded').textContent()).toBe('0');
    expect(await stat(page, 'errors').textContent()).toBe('2');
    await expect.poll(() => page.getByTestId('import-report').textContent()).toMatch(/30 added.*2 failed/s);

    const bars = await page
      .getByTestId('label-bar')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-label'), Number(e.getAttribute('data-count'))]));
    expect(bars.sort()).toEqual(LABELS.map((l) => [l, 10]));

    const failures = page.getByTestId('failures');
    for (const [path, why] of Object.entries(BAD_FILES)) {
      const row = failures.locator('li', { hasText: path });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('.why').textContent()).toMatch(why);
    }

    await expect.poll(() => page.getByTestId('grid-total').textContent()).toBe(String(good + 2));
    await expect.poll(() => loadedThumbs(page), { timeout: 15_000 }).toBe(good);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-light.png') });

    await page.getByTestId('filter-label').selectOption('dogs');
    await expect.poll(() => page.getByTestId('grid-total').textContent()).toBe('11'); // 10 images + notes.jpg
    await page.getByTestId('filter-status').selectOption('active');
    await expect.poll(() => page.getByTestId('grid-total').textContent()).toBe('10');
    const captions = await page.locator('.caption .label').allTextContents();
    expect(new Set(captions)).toEqual(new Set(['dogs']));
    await page.screenshot({ path: join(SCREENSHOTS, 'library-filtered-light.png') });

    for (const [screen, title] of [
      ['duplicates', 'Duplicates'],
      ['folds', 'Folds & export'],
      ['viewer', 'Record viewer'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: title }).click();
      // Every screen is real now; each has its own test file.
      await expect.poll(() => page.locator(titleOf(screen)).textContent()).toBe(title);
      await page.screenshot({ path: join(SCREENSHOTS, `${screen}-light.png`) });
    }
    await page.context().close();
  });

  it('follows a dark OS theme', async () => {
    const page = await newPage('dark');
    await page.goto(serve.url);
    await expect.poll(() => stat(page, 'images').textContent()).toBe(String(good + 2));
    type Styled = { getComputedStyle(e: unknown): { backgroundColor: string } }; // no DOM lib in the Node tsconfig
    const bg = await page.locator('body').evaluate((body) => (globalThis as unknown as Styled).getComputedStyle(body).backgroundColor);
    expect(bg).toBe('rgb(22, 24, 28)');
    await expect.poll(() => loadedThumbs(page), { timeout: 15_000 }).toBe(good);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-dark.png') });
    for (const screen of ['duplicates', 'folds', 'viewer']) {
      await page.goto(`${serve.base}/#/${screen}`); // the cookie set by the first load authorises this
      await page.locator(titleOf(screen)).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `${screen}-dark.png`) });
    }
    await page.context().close();
  });

  it('refuses requests and sockets without the token', async () => {
    expect((await fetch(`${serve.base}/`)).status).toBe(403);
    expect((await fetch(`${serve.base}/?token=wrong`)).status).toBe(403);
    expect((await fetch(`${serve.base}/img/1?size=256`)).status).toBe(403);
    expect((await fetch(`${serve.base}/img/1?size=256&token=${serve.token}`)).status).toBe(200);
    expect((await fetch(`${serve.base}/img/..%2F..%2Fetc%2Fpasswd?token=${serve.token}`)).status).toBe(400);
    const socketStatus = (url: string, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    const wsBase = serve.base.replace('http:', 'ws:');
    expect(await socketStatus(`${wsBase}/ws`)).toBe(403);
    expect(await socketStatus(`${wsBase}/ws?token=${serve.token}`, 'https://evil.example')).toBe(403);
    expect(await socketStatus(`${wsBase}/ws?token=${serve.token}`, serve.base)).toBe(101);
  });

  it('switches to a 100,000-image catalog and scrolls it with only the visible rows in the page', async () => {
    const big = join(tmp.path, 'big.winnow');
    writeBigCatalog(big, 100_000);
    const page = await newPage('light');
    await page.goto(serve.url);
    await page.locator('#catalog-path').fill(big);
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.getByTestId('grid-total').textContent(), { timeout: 10_000 }).toBe('100,000');
    expect(await stat(page, 'missing').textContent()).toBe('100,000');
    const cells = () => page.locator('.cell').count();
    expect(await cells()).toBeLessThan(200);
    const jump = async (fraction: number): Promise<number> => {
      const t0 = Date.now();
      const want = await page.getByRole('region', { name: /Image thumbnails/ }).evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
        return Math.floor(el.scrollTop / 174) * Math.max(1, Math.floor((el.clientWidth + 10) / 150));
      }, fraction);
      // The first visible row's file names come from a page fetched for that position.
      await expect
        .poll(() => page.locator('.caption .file').allTextContents(), { timeout: 5_000, interval: 20 })
        .toContain(`img-${String(want).padStart(6, '0')}.jpg`);
      return Date.now() - t0;
    };
    const times = [await jump(0.5), await jump(0.999), await jump(0.25)];
    console.log(`100k grid: jump-and-render ${times.join(' / ')} ms, ${await cells()} cells in the DOM`);
    expect(await cells()).toBeLessThan(200);
    expect(Math.max(...times)).toBeLessThan(2_000);
    await page.getByTestId('filter-label').selectOption('gamma');
    await expect.poll(() => page.getByTestId('grid-total').textContent()).toBe('20,000');
    await page.screenshot({ path: join(SCREENSHOTS, 'library-100k-light.png') });
    await page.context().close();
  });

  it('remembers opened catalogs across a reload and reopens one with a click', async () => {
    const second = join(tmp.path, 'second.winnow');
    const first = join(tmp.path, 'e2e.winnow');
    const page = await newPage('light');
    await page.goto(serve.url);
    const recent = page.getByTestId('recent-catalogs').getByRole('button');
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toMatch(/\.winnow$/); // loaded: the field shows it
    await page.locator('#catalog-path').fill(second);
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toBe(second);
    // The open catalog is not offered again; the earlier ones are, newest first.
    await expect
      .poll(() => recent.evaluateAll((els) => els.map((e) => e.getAttribute('title'))))
      .toEqual(expect.arrayContaining([`Open ${first}`]));
    expect(await recent.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).not.toContain(`Open ${second}`);
    await page.locator(`[data-testid="recent-catalogs"] button[title="Open ${first}"]`).click();
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toBe(first);
    await expect.poll(() => stat(page, 'images').textContent()).toBe(String(good + 2));

    await page.reload();
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toBe(first);
    await expect.poll(() => recent.first().getAttribute('title')).toBe(`Open ${second}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'library-recent-light.png') });
    await recent.first().click();
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toBe(second);
    await expect.poll(() => stat(page, 'images').textContent()).toBe('0');
    await page.context().close();
  });

  it('explains that a folder dropped in a browser has no path, and focuses the path field', async () => {
    const page = await newPage('light');
    await page.goto(serve.url);
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    type Globals = { DataTransfer: new () => { items: { add(file: unknown): void } } };
    const dropped = await page.evaluateHandle(() => {
      const dt = new (globalThis as unknown as Globals).DataTransfer();
      dt.items.add(new File(['not read'], 'holiday-photos'));
      return dt;
    });
    await panel.dispatchEvent('dragover', { dataTransfer: dropped });
    await panel.dispatchEvent('drop', { dataTransfer: dropped });
    const note = page.getByTestId('drop-note');
    await expect
      .poll(() => note.textContent())
      .toMatch(/does not tell Winnow where “holiday-photos” is on disk\. Type or complete its path/);
    expect(await page.locator('#import-folder').inputValue()).toBe('');
    await expect
      .poll(() =>
        page
          .locator('#import-folder')
          .evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement),
      )
      .toBe(true);
    await panel.screenshot({ path: join(SCREENSHOTS, 'library-drop-light.png') });
    await page.context().close();
  });

  it('moves the keyboard to the last of 100,000 images with Ctrl+End, scrolling it into view first', async () => {
    const big = join(tmp.path, 'big.winnow');
    if (!existsSync(big)) writeBigCatalog(big, 100_000); // written by the 100k test when it ran first
    const page = await newPage('light');
    await page.goto(serve.url);
    // Loaded first: the field shows the open catalog once it arrives, which would overwrite our path.
    await expect.poll(() => page.getByTestId('catalog-path').textContent()).toMatch(/\.winnow$/);
    await page.locator('#catalog-path').fill(big);
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.getByTestId('grid-total').textContent(), { timeout: 10_000 }).toBe('100,000');
    type Active = { document: { activeElement: { getAttribute(n: string): string | null } | null } };
    const active = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as Active).document.activeElement;
        return { role: el?.getAttribute('role'), index: el?.getAttribute('data-index'), name: el?.getAttribute('aria-label') };
      });
    const region = page.getByRole('region', { name: /Image thumbnails/ });
    const scroll = () => region.evaluate((el) => ({ top: el.scrollTop, max: el.scrollHeight - el.clientHeight }));
    await page.getByTestId('filter-status').focus();
    await page.keyboard.press('Tab');
    await expect.poll(active).toEqual({ role: 'gridcell', index: '0', name: 'alpha, img-000000.jpg, missing' });

    const t0 = Date.now();
    await page.keyboard.press('Control+End');
    // The last row was nowhere in the DOM: the grid scrolls, renders it, focuses it, then its page arrives.
    await expect.poll(active, { interval: 20 }).toEqual({ role: 'gridcell', index: '99999', name: 'epsilon, img-099999.jpg, missing' });
    const ms = Date.now() - t0;
    const { top, max } = await scroll();
    expect(max - top).toBeLessThan(2);
    expect(await page.locator('.cell').count()).toBeLessThan(200);
    const rowIndex = await page.locator('#grid-cell-99999').evaluate((el) => el.parentElement?.getAttribute('aria-rowindex'));
    expect(rowIndex).toBe(await page.getByTestId('image-grid').getAttribute('aria-rowcount'));
    console.log(`100k grid: Ctrl+End → last image focused and labelled in ${ms} ms`);
    expect(ms).toBeLessThan(2_000);

    await page.keyboard.press('Control+Home');
    await expect.poll(active).toEqual({ role: 'gridcell', index: '0', name: 'alpha, img-000000.jpg, missing' });
    expect((await scroll()).top).toBe(0);
    // Page Down moves by the rows that fit, in the same column.
    const cols = Number(await page.getByTestId('image-grid').getAttribute('aria-colcount'));
    const perPage = await region.evaluate((el) => Math.floor(el.clientHeight / 174));
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await active()).index).toBe(String(perPage * cols));
    await page.context().close();
  });
});

/** Rows only (no files): 'missing' images under five labels, in the catalog's own schema. */
function writeBigCatalog(file: string, n: number): void {
  const db = openCatalog(file, { create: true });
  try {
    db.transaction(() => {
      const source = Number(
        db.prepare("INSERT INTO sources(root, label_mode, added_at) VALUES ('/nowhere', 'folders', 0)").run().lastInsertRowid,
      );
      const labels = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((name) =>
        Number(db.prepare('INSERT INTO labels(name) VALUES (?)').run(name).lastInsertRowid),
      );
      const insert = db.prepare(
        "INSERT INTO images(source_id, path_bytes, rel_path, size, mtime_ms, label_id, source_label_id, status, indexed_at) VALUES (?, ?, ?, 1000, 0, ?, ?, 'missing', 0)",
      );
      for (let i = 0; i < n; i++) {
        const rel = `img-${String(i).padStart(6, '0')}.jpg`;
        const label = labels[i % labels.length];
        insert.run(source, Buffer.from(rel), rel, label, label);
      }
    })();
  } finally {
    db.close();
  }
}
