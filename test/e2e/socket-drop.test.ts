// The browser transport when the socket to `winnow serve` drops, in Chromium: a decision made while
// the server cannot be reached fails in the UI, and the server must never run it once the page
// reconnects (the user would be told it failed while it quietly happened). Playwright sits between
// the page and the server's socket, so the test decides when the server is reachable.
import { join } from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winnow } from '../helpers/cli.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { writePlanted } from './dups-fixtures.ts';
import { launchBrowser, openPage, shutdown, startServe, type ServeProcess } from './serve-helpers.ts';
import { SKIP_E2E } from './browser.ts';

describe.skipIf(SKIP_E2E)('Socket dropped during a decision (winnow serve)', () => {
  const tmp = tempDir('winnow-e2e-socket-drop-');
  const data = join(tmp.path, 'data');
  const catalog = join(tmp.path, 'dups.winnow');
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    await writePlanted(data);
    expect(winnow('index', data, '--catalog', catalog).code).toBe(0);
    [serve, browser] = await Promise.all([startServe(catalog), launchBrowser()]);
  });

  afterAll(async () => {
    const code = await shutdown(browser, serve);
    tmp.cleanup();
    expect(code).toBe(0);
  });

  // Generous: the page retries with a growing delay, and the machine may be busy.
  const slow = { timeout: 30_000 };
  const statusInCatalog = (): Record<string, string> => {
    const run = winnow('list', '--catalog', catalog, '--json');
    expect(run.code).toBe(0);
    return Object.fromEntries((JSON.parse(run.stdout) as { path: string; status: string }[]).map((r) => [r.path, r.status]));
  };
  const statuses = (page: Page) => page.getByTestId('member').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  const lostBanner = (page: Page) => page.getByText('Lost the connection to').count();

  it('never runs a decision on reconnect once the UI reported it failed', async () => {
    const page = await openPage(browser, 'light');
    // While `reachable` is false, every new socket is closed before it opens, as when the server is down.
    let reachable = true;
    const live: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/ws\?/, async (ws) => {
      if (!reachable) return ws.close();
      ws.connectToServer();
      live.push(ws);
    });
    await page.goto(`${serve.url}#/duplicates`);
    await page.getByTestId('find').click();
    await expect.poll(() => page.getByTestId('cluster-row').count(), slow).toBe(2);
    // Cluster 1: cats/b.jpg (suggested) and dogs/b-small.jpg, both undecided.
    expect(await statuses(page)).toEqual(['active', 'active']);

    reachable = false;
    for (const ws of live.splice(0)) await ws.close();
    await expect.poll(() => lostBanner(page), slow).toBe(1);

    // Keep the small copy: waits for a socket, the next one fails, and the screen says so.
    await page.getByTestId('keep').nth(1).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), slow)
      .toContainEqual(expect.stringMatching(/Connection to winnow serve lost/));
    expect(await page.getByTestId('resolved').textContent()).toBe('0');

    reachable = true;
    await expect.poll(() => lostBanner(page), slow).toBe(0);
    // Anything left over from before is sent as soon as the socket opens, so a reload of the list
    // over the same socket sees its effect if it ran.
    await page.goto(`${serve.base}/#/library`);
    await page.goto(`${serve.base}/#/duplicates`);
    await expect.poll(() => page.getByTestId('cluster-row').count(), slow).toBe(2);
    expect(await statuses(page)).toEqual(['active', 'active']);
    expect(await page.getByTestId('resolved').textContent()).toBe('0');
    expect(statusInCatalog()).toMatchObject({ 'cats/b.jpg': 'active', 'dogs/b-small.jpg': 'active' });

    // The same click now reaches the server, and the catalog shows it (so the checks above could fail).
    await page.getByTestId('keep').nth(1).click();
    await expect.poll(() => page.getByTestId('resolved').textContent(), slow).toBe('1');
    expect(await statuses(page)).toEqual(['excluded', 'active']);
    expect(statusInCatalog()).toMatchObject({ 'cats/b.jpg': 'excluded', 'dogs/b-small.jpg': 'active' });
    expect(live.length).toBeGreaterThan(0);
    await page.context().close();
  });
});
