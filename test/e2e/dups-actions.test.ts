// The Duplicates screen's further actions end to end in Chromium against `winnow serve`: the large
// comparison (zoom, synced panes, Escape), relabelling a mixed-label cluster (the flag goes, undo
// brings it back) and moving an excluded member to the trash after confirming. The server gets its
// own XDG_DATA_HOME so the trash is a temporary folder. Screenshots: test-results/e2e.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { writePlanted } from './dups-fixtures.ts';
import { launchBrowser, openPage, shutdown, SCREENSHOTS, startServe, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

/** The bits of an <img> the checks read (this file compiles without the DOM library). */
interface Img {
  complete: boolean;
  naturalWidth: number;
  getBoundingClientRect(): { width: number };
}

describe.skipIf(SKIP_E2E)('Duplicates actions: compare, relabel, trash (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-dups-actions-');
  const data = join(tmp.path, 'data');
  const xdg = join(tmp.path, 'xdg');
  const catalog = join(tmp.path, 'dups.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    await writePlanted(data);
    expect(winnow('index', data, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog, { XDG_DATA_HOME: xdg }), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  const text = (page: Page, id: string) => page.getByTestId(id).first().textContent();
  const member = (page: Page, n: number) => page.locator(`[data-testid="member"]:nth-child(${n})`);
  const field = (page: Page, n: number, name: string) => member(page, n).locator(`[data-field="${name}"] dd`).textContent();
  const mixedFlag = (page: Page) => page.locator('#cluster-title .mixed').count();
  const paneImages = (page: Page) =>
    page
      .locator('[data-testid="zoom-pane"] img')
      .evaluateAll((els) =>
        (els as unknown as Img[])
          .filter((i) => i.complete && i.naturalWidth > 0)
          .map((i) => [i.naturalWidth, i.getBoundingClientRect().width]),
      );
  // Keys go to the screen again, not to the relabel field that had the focus.
  const blur = (page: Page) =>
    page
      .locator('#cluster-title')
      .evaluate((el) =>
        (el as unknown as { ownerDocument: { activeElement: { blur(): void } | null } }).ownerDocument.activeElement?.blur(),
      );

  async function openScreen(colorScheme: 'light' | 'dark'): Promise<Page> {
    const page = await openPage(browser, colorScheme);
    await page.goto(serve.url);
    await page.goto(`${serve.base}/#/duplicates`);
    return page;
  }

  it('compares members large with one zoom for all panes, and closes on Escape', async () => {
    const page = await openScreen('light');
    await page.getByTestId('find').click();
    await expect.poll(() => page.getByTestId('cluster-row').count(), { timeout: 15_000 }).toBe(2); // a clustering job: seconds on a loaded machine
    await page.keyboard.press('z');
    const zoom = page.getByTestId('zoom');
    await zoom.waitFor();
    expect(await page.getByTestId('zoom-pane').count()).toBe(2);
    expect(await zoom.textContent()).toMatch(/#1 · suggested.*cats\/b\.jpg.*#2.*dogs\/b-small\.jpg/s);
    // Both come from the 512 px preview (never enlarged: 400 and 200 px wide) and fill equal boxes.
    await expect.poll(() => paneImages(page), { timeout: 10_000 }).toHaveLength(2);
    expect((await paneImages(page)).map(([natural]) => natural)).toEqual([400, 200]);
    const srcs = await page.locator('[data-testid="zoom-pane"] img').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    expect(srcs.every((s) => /[?&]size=512(&|$)/.test(s ?? ''))).toBe(true);
    const shown = (await paneImages(page)).map(([, w]) => Math.round(w!));
    expect(shown[0]).toBe(shown[1]);
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-zoom-light.png') });

    // 2×: both images at 1024 px; scrolling one pane scrolls the other to the same place.
    await page.getByTestId('zoom-2×').click();
    expect((await paneImages(page)).map(([, shown]) => Math.round(shown!))).toEqual([1024, 1024]);
    await page
      .getByTestId('zoom-pane')
      .first()
      .evaluate((el) => el.scrollTo(200, 150));
    await expect
      .poll(() =>
        page
          .getByTestId('zoom-pane')
          .nth(1)
          .evaluate((el) => [el.scrollLeft, el.scrollTop]),
      )
      .toEqual([200, 150]);
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-zoom-2x-light.png') });
    // Keys inside the overlay act on it, not on the cluster behind it.
    await page.keyboard.press('f');
    await expect.poll(async () => (await paneImages(page)).every(([, shown]) => shown! < 1024)).toBe(true);
    await page.keyboard.press('n');
    expect(await text(page, 'resolved')).toBe('0');

    await page.keyboard.press('Escape');
    await expect.poll(() => zoom.count()).toBe(0);
    // A click on a member's picture opens the comparison on that member.
    await member(page, 2).locator('.thumb').click();
    await zoom.waitFor();
    expect(await page.getByTestId('zoom-pane').count()).toBe(2);
    await page.keyboard.press('Escape');
    await expect.poll(() => zoom.count()).toBe(0);
    await page.context().close();
  });

  it('relabels a member of a mixed-label cluster; the flag goes, undo brings it back', async () => {
    const page = await openScreen('light');
    await page.getByTestId('cluster-view').waitFor();
    expect(await mixedFlag(page)).toBe(1);
    expect(await field(page, 2, 'label')).toBe('dogs');
    // The second member (dogs/b-small.jpg) becomes "cats", like its larger copy.
    await page.getByTestId('relabel-target').selectOption({ index: 2 });
    await page.getByTestId('relabel-input').fill('cats');
    await page.getByTestId('relabel-apply').click();
    await expect.poll(() => field(page, 2, 'label')).toBe('cats');
    expect(await mixedFlag(page)).toBe(0);
    // The queue row names the labels in conflict; one label left, none are flagged.
    expect(await page.getByTestId('cluster-row').first().getByTestId('row-labels').count()).toBe(0);
    expect(await text(page, 'dups-message')).toMatch(/dogs\/b-small\.jpg relabelled “cats”/);
    expect(await member(page, 2).locator('[data-field="label"]').getAttribute('class')).not.toMatch(/diff/);
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-relabel-light.png') });

    await blur(page);
    await page.keyboard.press('u');
    await expect.poll(() => field(page, 2, 'label')).toBe('dogs');
    expect(await mixedFlag(page)).toBe(1);
    expect(await page.getByTestId('cluster-row').first().getByTestId('row-labels').textContent()).toBe('cats / dogs');

    // One click gives the whole cluster one of the labels it holds; a new name works too.
    await page.getByTestId('relabel-all-as').filter({ hasText: 'dogs' }).click();
    await expect.poll(() => field(page, 1, 'label')).toBe('dogs');
    expect(await mixedFlag(page)).toBe(0);
    await page.getByTestId('relabel-target').selectOption({ index: 0 }); // the whole cluster
    await page.getByTestId('relabel-input').fill('birds');
    await page.getByTestId('relabel-input').press('Enter');
    await expect.poll(() => field(page, 1, 'label')).toBe('birds');
    expect(await field(page, 2, 'label')).toBe('birds');
    await blur(page);
    await page.keyboard.press('u');
    await expect.poll(() => field(page, 1, 'label')).toBe('dogs');
    await page.keyboard.press('u');
    await expect.poll(() => field(page, 1, 'label')).toBe('cats');
    expect(await field(page, 2, 'label')).toBe('dogs');
    expect(await mixedFlag(page)).toBe(1);
    await page.context().close();
  });

  it('shows the comparison and relabel in a dark theme', async () => {
    const page = await openScreen('dark');
    await page.getByTestId('cluster-view').waitFor();
    await page.getByTestId('relabel-target').selectOption({ index: 2 });
    await page.getByTestId('relabel-input').fill('ca');
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-relabel-dark.png') });
    await page.getByTestId('compare').click();
    await expect.poll(() => paneImages(page), { timeout: 10_000 }).toHaveLength(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-zoom-dark.png') });
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('moves an excluded member to the trash only after confirming, and shows it missing', async () => {
    const page = await openScreen('light');
    await page.getByTestId('cluster-view').waitFor();
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('cluster-view').getAttribute('data-cluster')).toBe('2');
    // With "advance after a decision" off, the kept cluster stays in view.
    await page.getByTestId('dups-advance').uncheck();
    await page.getByTestId('dups-advance').blur(); // keys typed into a control are not shortcuts
    await page.keyboard.press('1'); // keep the suggested a.jpg: the other three are excluded
    await expect.poll(() => page.getByTestId('trash').count()).toBe(3);
    expect(await page.getByTestId('cluster-view').getAttribute('data-cluster')).toBe('2');
    const path = (await field(page, 2, 'path'))!;
    const file = join(data, path);
    const bytes = readFileSync(file);

    // Cancel (and Escape) leave the file alone.
    await member(page, 2).getByTestId('trash').click();
    expect(await text(page, 'confirm-file')).toBe(path);
    await page.getByTestId('confirm-cancel').click();
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0);
    await member(page, 2).getByTestId('trash').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0);
    expect(existsSync(file)).toBe(true);

    await member(page, 2).getByTestId('trash').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-trash-confirm-light.png') });
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => member(page, 2).getAttribute('data-status')).toBe('missing');
    const name = path.slice(path.lastIndexOf('/') + 1);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(join(xdg, 'Trash/files', name)).equals(bytes)).toBe(true);
    expect(readFileSync(join(xdg, 'Trash/info', `${name}.trashinfo`), 'utf8')).toMatch(
      new RegExp(`^\\[Trash Info\\]\\nPath=${file.replace(/[.]/g, '\\.')}\\nDeletionDate=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\n$`),
    );
    expect(readdirSync(join(xdg, 'Trash/files'))).toEqual([name]);
    expect(await text(page, 'dups-message')).toContain(`Moved ${file} to the trash (${join(xdg, 'Trash/files', name)})`);
    expect(await member(page, 2).textContent()).toMatch(/file is gone/);
    expect(await member(page, 2).getByTestId('trash').count()).toBe(0);
    expect(await text(page, 'dups-counter')).toMatch(/2 images excluded/);
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicates-trashed-light.png') });
    // The catalog keeps the row, marked missing, as `winnow list` shows.
    const listed = winnow('list', '--catalog', catalog, '--json');
    const row = (JSON.parse(listed.stdout) as { path: string; status: string; error: string | null }[]).find((r) => r.path === path);
    expect(row?.status).toBe('missing');
    expect(row?.error).toMatch(/^moved to the trash by Winnow on .* \(.*Trash\/files\//);
    await page.context().close();
  });
});
