// Exact copies on the Duplicates screen, end to end in Chromium against `winnow serve`: keeping one of
// three byte-identical files excludes the other two (the counter moves, the copies are marked), and
// one undo brings them back.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow, winnowJson } from '../helpers/cli.ts';
import { syntheticImage, tempDir } from '../helpers/fixtures.ts';
import { launchBrowser, openPage, shutdown, SCREENSHOTS, startServe, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Duplicates screen: exact copies (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-exact-');
  const data = join(tmp.path, 'data');
  const catalog = join(tmp.path, 'exact.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(join(data, 'cats'), { recursive: true });
    await (await syntheticImage(11, 320, 240)).jpeg({ quality: 92 }).toFile(join(data, 'cats/a.jpg'));
    copyFileSync(join(data, 'cats/a.jpg'), join(data, 'cats/a-copy1.jpg'));
    copyFileSync(join(data, 'cats/a.jpg'), join(data, 'cats/a-copy2.jpg'));
    for (let i = 0; i < 3; i++) await (await syntheticImage(200 + i, 320, 240)).jpeg().toFile(join(data, `cats/other${i}.jpg`));
    expect(winnow('index', data, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const text = (page: Page, id: string) => page.getByTestId(id).first().textContent();
  const statuses = (page: Page) => page.getByTestId('member').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));

  it('keeps one of three identical copies by click: the counter moves and the other copies are excluded', async () => {
    const page = await openPage(browser, 'light');
    await page.goto(`${serve.url}#/duplicates`);
    await expect.poll(() => page.getByTestId('dups-empty').textContent()).toMatch(/Find clusters/);
    await page.getByTestId('find').click();
    await expect.poll(() => page.getByTestId('cluster-row').count(), { timeout: 15_000 }).toBe(1); // a clustering job: seconds on a loaded machine
    expect(await text(page, 'resolved')).toBe('0');
    const view = page.getByTestId('cluster-view');
    expect(await view.textContent()).toMatch(/identical files; shortest path \(cats\/a\.jpg\)/);

    const kept = await page.locator('[data-testid="member"]:nth-child(2) [data-field="path"] dd').textContent();
    await page.getByTestId('keep').nth(1).click();
    await expect.poll(() => text(page, 'resolved')).toBe('1');
    expect(await text(page, 'remaining')).toBe('0');
    expect(await statuses(page)).toEqual(['excluded', 'active', 'excluded']);
    expect(await text(page, 'dups-counter')).toMatch(/2 images excluded/);
    expect(await text(page, 'dups-message')).toBe(`Cluster #1: kept ${kept}, excluded 2.`);
    expect(await page.getByTestId('cluster-row').first().getAttribute('data-state')).toBe('kept');
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-exact-light.png') });

    // The catalog agrees: one copy active, two excluded.
    const rows = winnowJson('list', '--catalog', catalog) as { path: string; status: string }[];
    expect(
      rows
        .filter((r) => r.path.startsWith('cats/a'))
        .map((r) => [r.path, r.status])
        .sort(),
    ).toEqual(
      [
        ['cats/a-copy1.jpg', 'excluded'],
        ['cats/a-copy2.jpg', 'excluded'],
        ['cats/a.jpg', 'excluded'],
      ]
        .map(([p, s]) => [p, p === kept ? 'active' : s])
        .sort(),
    );

    // Nothing left to accept; one undo brings every copy back.
    expect(await page.getByTestId('accept-all').isDisabled()).toBe(true);
    await page.keyboard.press('u');
    await expect.poll(() => text(page, 'resolved')).toBe('0');
    expect(await statuses(page)).toEqual(['active', 'active', 'active']);
    await page.context().close();
  });
});
